import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCurrent, isCurrentOn, pledgeStatus, renewalDueFrom, validUntil, type PledgeEvent } from "~/modules/pledge/status";
import { addDays } from "~/modules/reporting/periods";

const signed = (on: string, recordedAt = `${on}T12:00:00Z`): PledgeEvent => ({ kind: "signature", on, validUntil: validUntil(on), recordedAt });
const withdrew = (on: string, recordedAt = `${on}T12:00:00Z`): PledgeEvent => ({ kind: "withdrawal", on, recordedAt });

describe("pledge status, derived from history and the date", () => {
  it("lasts 12 months: signed on 22 Nov 2025, valid until 21 Nov 2026", () => {
    expect(validUntil("2025-11-22")).toBe("2026-11-21");
    expect(validUntil("2024-02-29")).toBe("2025-02-28");
  });

  it("is a prospect before any signature, including before the first one's day", () => {
    expect(pledgeStatus([], "2026-01-01")).toBe("prospect");
    expect(pledgeStatus([signed("2026-03-01")], "2026-02-28")).toBe("prospect");
  });

  it("crosses the renewal window and the lapse day exactly", () => {
    const history = [signed("2025-11-22")];
    expect(renewalDueFrom("2026-11-21")).toBe("2026-09-22");
    expect(pledgeStatus(history, "2025-11-22")).toBe("signed");
    expect(pledgeStatus(history, "2026-09-21")).toBe("signed");
    expect(pledgeStatus(history, "2026-09-22")).toBe("renewal_due");
    expect(pledgeStatus(history, "2026-11-21")).toBe("renewal_due");
    expect(pledgeStatus(history, "2026-11-22")).toBe("lapsed");
  });

  it("is signed again after a renewal, and withdrawn after a withdrawal until it signs again", () => {
    const history = [signed("2024-05-01"), signed("2025-04-20"), withdrew("2025-09-01"), signed("2026-01-10")];
    expect(pledgeStatus(history, "2025-05-01")).toBe("signed");
    expect(pledgeStatus(history, "2025-09-01")).toBe("withdrawn");
    expect(pledgeStatus(history, "2025-12-31")).toBe("withdrawn");
    expect(pledgeStatus(history, "2026-01-10")).toBe("signed");
  });

  it("takes the later of two events on the same day", () => {
    expect(pledgeStatus([signed("2026-01-10", "2026-01-10T09:00:00Z"), withdrew("2026-01-10", "2026-01-10T10:00:00Z")], "2026-01-10")).toBe("withdrawn");
    expect(pledgeStatus([withdrew("2026-01-10", "2026-01-10T09:00:00Z"), signed("2026-01-10", "2026-01-10T10:00:00Z")], "2026-01-10")).toBe("signed");
  });

  it("is withdrawn from the day the organisation left the programme, whatever its pledge", () => {
    expect(pledgeStatus([signed("2026-01-10")], "2026-05-31", "2026-06-01")).toBe("signed");
    expect(pledgeStatus([signed("2026-01-10")], "2026-06-01", "2026-06-01")).toBe("withdrawn");
  });

  it("never reports signed outside a signature's year (property)", () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays("2020-01-01", n));
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 5 }), day, (signedDays, on) => {
        const status = pledgeStatus(
          signedDays.map((d) => signed(d)),
          on,
        );
        const covering = signedDays.filter((d) => d <= on && on <= validUntil(d));
        const latestSigned = signedDays
          .filter((d) => d <= on)
          .sort()
          .at(-1);
        if (status === "signed" || status === "renewal_due") expect(covering).toContain(latestSigned);
        if (latestSigned && on <= validUntil(latestSigned)) expect(["signed", "renewal_due"]).toContain(status);
      }),
    );
  });
});

describe("isCurrentOn, the dashboards' fast question", () => {
  it("answers as isCurrent(pledgeStatus(…)) does, for any history, day and leaving day (property)", () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays("2021-01-01", n));
    const event = fc
      .record({ kind: fc.constantFrom("signature" as const, "withdrawal" as const), on: day, hour: fc.integer({ min: 0, max: 3 }) })
      .map(({ kind, on, hour }) => (kind === "signature" ? signed(on, `${on}T1${hour}:00:00Z`) : withdrew(on, `${on}T1${hour}:00:00Z`)));
    fc.assert(
      fc.property(fc.array(event, { maxLength: 6 }), day, fc.option(day, { nil: null }), (events, on, left) => {
        expect(isCurrentOn(events, on, left)).toBe(isCurrent(pledgeStatus(events, on, left)));
      }),
    );
  });
});
