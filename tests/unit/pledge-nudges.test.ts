import { describe, expect, it } from "vitest";
import { nudgesFor, type NudgeFacts } from "~/modules/pledge/nudges";
import { pledgeStatus, validUntil } from "~/modules/pledge/status";

const signature = { id: "sig-1", validUntil: validUntil("2025-11-22") }; // valid until 2026-11-21
const champion = { id: "c-1", name: "Daniel Reeve", training: "facilitator", accreditationExpiresOn: null, leftOn: null };

function on(today: string, overrides: Partial<NudgeFacts> = {}) {
  const status = pledgeStatus([{ kind: "signature", on: "2025-11-22", validUntil: signature.validUntil, recordedAt: "2025-11-22T12:00:00Z" }], today);
  return nudgesFor({ today, status, signature, champions: [champion], ...overrides });
}
const reminders = (today: string, overrides?: Partial<NudgeFacts>) => on(today, overrides).map((n) => n.reminder);

describe("to-dos and reminders across the date boundaries", () => {
  it("asks for nothing while a signature is comfortably current", () => {
    expect(on("2026-09-21")).toEqual([]);
  });

  it("reminds two months before the lapse day, then again two weeks before, each under its own key", () => {
    expect(reminders("2026-09-22")).toEqual(["renewal-2m:sig-1"]);
    expect(reminders("2026-11-07")).toEqual(["renewal-2m:sig-1"]);
    // the lapse day is 22 November; two weeks before it is 8 November
    expect(reminders("2026-11-08")).toEqual(["renewal-2w:sig-1"]);
    expect(reminders("2026-11-21")).toEqual(["renewal-2w:sig-1"]);
  });

  it("sends a lapse notice from the lapse day for 30 days, and keeps the to-do after that", () => {
    expect(reminders("2026-11-22")).toEqual(["lapsed:sig-1"]);
    expect(reminders("2026-12-22")).toEqual(["lapsed:sig-1"]);
    const later = on("2026-12-23");
    expect(later.map((n) => [n.kind, n.reminder])).toEqual([["lapsed", null]]);
    expect(later[0].title).toContain("22 November 2026");
  });

  it("shows a vacancy only for a signed organisation with no current champion, keyed by when the last one left", () => {
    const left = { ...champion, leftOn: "2026-03-01" };
    expect(reminders("2026-04-01", { champions: [left] })).toEqual(["vacancy:2026-03-01"]);
    expect(reminders("2026-04-01", { champions: [] })).toEqual(["vacancy:none"]);
    expect(reminders("2026-04-01", { champions: [left], status: "prospect", signature: null })).toEqual([]);
  });

  it("warns 60 days before an accreditation expires, and keeps a to-do without email once it has expired", () => {
    const accredited = (expires: string) => ({ champions: [{ ...champion, training: "accredited", accreditationExpiresOn: expires }] });
    // 60 days after 1 April is 31 May
    expect(reminders("2026-04-01", accredited("2026-06-01"))).toEqual([]);
    expect(reminders("2026-04-01", accredited("2026-05-31"))).toEqual(["accreditation:c-1:2026-05-31"]);
    expect(reminders("2026-05-30", accredited("2026-05-30"))).toEqual(["accreditation:c-1:2026-05-30"]);
    expect(on("2026-05-31", accredited("2026-05-30")).map((n) => [n.kind, n.reminder])).toEqual([["accreditation", null]]);
    expect(reminders("2026-04-01", { champions: [{ ...champion, training: "accredited", accreditationExpiresOn: "2026-04-10", leftOn: "2026-03-01" }, champion] })).toEqual([]);
  });
});
