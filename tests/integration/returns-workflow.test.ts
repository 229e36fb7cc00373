/**
 * A return's life through the one workflow module, on real PostgreSQL: draft, submit, return with a
 * reason, resubmit, accept; stale saves refused with what changed; repeated posts made once;
 * twenty concurrent submissions producing one submitted version; locks and exceptions; and the
 * change listeners that roll-ups rely on, called in the same transaction.
 */
import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { addDays, parseQuarterKey, previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { RETURN_CHANGE_LISTENERS, type ReturnChange } from "~/modules/returns/changes.server";
import { metricsForQuarter } from "~/modules/returns/metrics.server";
import { loadReturn, listVersions } from "~/modules/returns/store.server";
import { rollupDrift } from "~/modules/rollups/rebuild.server";
import { openLockException, reviewReturn, saveReturnForm } from "~/modules/returns/workflow.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { auditCount, partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo", { poolSize: 25 });
const settings = { deadlineDays: 30, graceDays: 30 };
const day = today();
const quarter = quarterOf(day).key;

let cleveland = "";
let champion = "";
let coordinator = "";
beforeAll(async () => {
  cleveland = await partnershipId(db().handles.owner, "cleveland");
  champion = await userId(db().handles.owner, "champion@cleveland.demo.test");
  coordinator = await userId(db().handles.owner, "coordinator@cleveland.demo.test");
});
// A test may add a listener of its own; the roll-ups' upkeep, which production always runs, stays.
const PRODUCTION_LISTENERS = [...RETURN_CHANGE_LISTENERS];
afterEach(() => {
  RETURN_CHANGE_LISTENERS.splice(0, RETURN_CHANGE_LISTENERS.length, ...PRODUCTION_LISTENERS);
});

async function newOrganisation(name: string) {
  const { id } = await db()
    .handles.owner.insertInto("organisations")
    .values({ partnership_id: cleveland, name, sector: "housing", borough_id: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

type Posted = Record<string, string>;
const save = (
  organisationId: string,
  intent: "save" | "submit",
  baseVersion: number,
  posted: Posted,
  extra: { confirmed?: boolean; today?: string; quarter?: string; userId?: string } = {},
) =>
  withPartnership(cleveland, extra.userId ?? champion, (tx) =>
    saveReturnForm(tx, {
      partnershipId: cleveland,
      organisationId,
      quarter: extra.quarter ?? quarter,
      userId: extra.userId ?? champion,
      intent,
      baseVersion,
      posted,
      // The figures here are partial and the quarter is the current one: those warnings are confirmed
      // unless a test is about them.
      confirmed: extra.confirmed ?? true,
      settings,
      today: extra.today ?? day,
    }),
  );
const review = (organisationId: string, decision: "accept" | "return", baseVersion: number, reason?: string) =>
  withPartnership(cleveland, coordinator, (tx) =>
    reviewReturn(tx, { partnershipId: cleveland, organisationId, quarter, userId: coordinator, decision, reason, baseVersion, settings, today: day }),
  );
const current = (organisationId: string, q = quarter) => withPartnership(cleveland, champion, (tx) => loadReturn(tx, { partnershipId: cleveland, organisationId, quarter: q }));

describe("a return's life", () => {
  it("goes draft → submitted → returned → resubmitted → accepted, keeping every version and telling listeners each time", async () => {
    const org = await newOrganisation("Life Cycle Housing");
    const changes: ReturnChange[] = [];
    RETURN_CHANGE_LISTENERS.push(async (_tx, change) => void changes.push(change));

    expect(await save(org, "save", 0, { "value.referrals_made": "4", "na.victims_offered": "on", highlights: "A good start" })).toEqual({
      kind: "done",
      outcome: "saved",
      version: 1,
    });
    const draft = await current(org);
    expect(draft.row?.status).toBe("draft");
    expect(draft.input.values).toEqual({ referrals_made: 4, victims_offered: "na" });

    expect(await save(org, "submit", 1, { "value.referrals_made": "5", "value.staff_briefed": "0", "na.victims_offered": "on" })).toMatchObject({
      kind: "done",
      outcome: "submitted",
      version: 2,
    });
    expect(await review(org, "return", 2, "Please add awareness sessions")).toMatchObject({ ok: true, status: "returned" });
    expect((await current(org)).row?.return_reason).toBe("Please add awareness sessions");
    expect(await save(org, "submit", 3, { "value.referrals_made": "5", "value.staff_briefed": "0", "value.awareness_sessions": "2", "na.victims_offered": "on" })).toMatchObject({
      outcome: "resubmitted",
      version: 4,
    });
    expect(await review(org, "accept", 4)).toMatchObject({ ok: true, status: "accepted" });

    const done = await current(org);
    expect(done.row).toMatchObject({ status: "accepted", version: 5, return_reason: null });
    // A blank is no answer, not zero; zero and "not applicable" are kept as given.
    expect(done.input.values).toEqual({ referrals_made: 5, staff_briefed: 0, awareness_sessions: 2, victims_offered: "na" });
    const versions = await withPartnership(cleveland, champion, (tx) => listVersions(tx, { partnershipId: cleveland, organisationId: org, quarter }));
    expect(versions.map((v) => [v.version, v.kind, v.status])).toEqual([
      [5, "accepted", "accepted"],
      [4, "resubmitted", "resubmitted"],
      [3, "returned", "returned"],
      [2, "submitted", "submitted"],
      [1, "saved", "draft"],
    ]);
    expect(versions[3].snapshot).toMatchObject({ values: { referrals_made: 5, staff_briefed: 0, victims_offered: "na" } });
    expect(changes.map((c) => [c.kind, c.before?.counts ?? null, c.after.counts])).toEqual([
      ["saved", null, false],
      ["submitted", false, true],
      ["returned", true, false],
      ["resubmitted", false, true],
      ["accepted", true, true],
    ]);
    expect(changes[1].after.values.size).toBe(3);
  });

  it("records the definition version each value was reported under", async () => {
    const org = await newOrganisation("Definitions Housing");
    await save(org, "save", 0, { "value.referrals_received": "7" });
    const { rows } = await sql<{ key: string; definition_version: number; latest: number }>`
      select m.key, v.definition_version, (select max(version) from metric_definitions d where d.partnership_id = m.partnership_id and d.metric_id = m.id and d.valid_from <= ${quarter}) as latest
      from return_values v join metrics m on m.partnership_id = v.partnership_id and m.id = v.metric_id
      where v.organisation_id = ${org}`.execute(db().handles.owner);
    // Cleveland's demo changed what counts as a referral received: this quarter is under version 2.
    expect(rows).toEqual([{ key: "referrals_received", definition_version: 2, latest: 2 }]);
  });

  it("refuses bad figures with a message per field and writes nothing", async () => {
    const org = await newOrganisation("Typo Housing");
    const before = await auditCount(db().handles.owner, cleveland);
    const outcome = await save(org, "save", 0, { "value.referrals_made": "twelve", "value.staff_briefed": "-2", "value.staff_trained": "3", "na.staff_trained": "on" });
    expect(outcome.kind).toBe("invalid");
    expect(Object.keys((outcome as { errors: object }).errors)).toEqual(["value.referrals_made", "value.staff_briefed", "value.staff_trained"]);
    expect(await auditCount(db().handles.owner, cleveland)).toBe(before);
  });

  it("asks for confirmation of warnings before submitting, then submits", async () => {
    const org = await newOrganisation("Warning Housing");
    const posted = { "value.feedback_responses": "10", "value.feedback_satisfied": "12", case_study: "Email me at someone@example.org" };
    const first = await save(org, "submit", 0, posted, { confirmed: false });
    expect(first.kind).toBe("confirm");
    const fields = (first as { warnings: Array<{ field: string }> }).warnings.map((w) => w.field);
    expect(fields.slice(-2)).toEqual(["value.feedback_satisfied", "case_study"]);
    expect((await current(org)).row).toBeNull();
    expect(await save(org, "submit", 0, posted, { confirmed: true })).toMatchObject({ kind: "done", outcome: "submitted" });
  });
});

describe("no lost input", () => {
  it("refuses a save based on a stale version, says what changed meanwhile, and saving again keeps the person's version", async () => {
    const org = await newOrganisation("Two Editors Housing");
    await save(org, "save", 0, { "value.referrals_made": "1", highlights: "First" });
    expect(await save(org, "save", 1, { "value.referrals_made": "2", highlights: "First" })).toMatchObject({ kind: "done", version: 2 });
    const stale = await save(org, "save", 1, { "value.referrals_made": "1", "value.staff_briefed": "9", highlights: "Mine" });
    expect(stale).toMatchObject({ kind: "stale", currentVersion: 2, status: "draft", changed: [{ field: "value.referrals_made", now: 2 }] });
    expect((await current(org)).input.values).toEqual({ referrals_made: 2 });
    expect(await save(org, "save", 2, { "value.referrals_made": "1", "value.staff_briefed": "9", highlights: "Mine" })).toMatchObject({ kind: "done", version: 3 });
    expect((await current(org)).input).toMatchObject({ values: { referrals_made: 1, staff_briefed: 9 }, narrative: { highlights: "Mine" } });
  });

  it("treats a repeated save or submit of what is already stored as done, not as a conflict", async () => {
    const org = await newOrganisation("Double Click Housing");
    const posted = { "value.referrals_made": "3" };
    await save(org, "save", 0, posted);
    expect(await save(org, "save", 0, posted)).toMatchObject({ kind: "done", outcome: "already_saved", version: 1 });
    await save(org, "submit", 1, posted);
    expect(await save(org, "submit", 1, posted)).toMatchObject({ kind: "done", outcome: "already_submitted", version: 2 });
  });

  it("turns twenty concurrent submissions of the same return into exactly one submitted version", async () => {
    const org = await newOrganisation("Twenty Clicks Housing");
    await save(org, "save", 0, { "value.referrals_made": "8" });
    const posted = { "value.referrals_made": "8", "value.staff_briefed": "5" };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => save(org, "submit", 1, posted)));
    expect(outcomes.every((o) => o.kind === "done")).toBe(true);
    expect(outcomes.filter((o) => o.kind === "done" && o.outcome === "submitted")).toHaveLength(1);
    const { rows } = await sql<{ kind: string; n: number }>`
      select kind, count(*)::int as n from return_versions where partnership_id = ${cleveland} and organisation_id = ${org} group by kind order by kind`.execute(
      db().handles.owner,
    );
    expect(rows).toEqual([
      { kind: "saved", n: 1 },
      { kind: "submitted", n: 1 },
    ]);
    expect((await current(org)).row).toMatchObject({ status: "submitted", version: 2 });
    // The roll-ups, kept in the same transactions, hold the one submission: no drift from the raw values.
    expect(await withPartnership(cleveland, null, (tx) => rollupDrift(tx, { partnershipId: cleveland }))).toEqual([]);
  });

  it("refuses changes to a return under review or accepted", async () => {
    const org = await newOrganisation("Under Review Housing");
    await save(org, "submit", 0, { "value.referrals_made": "8" });
    expect(await save(org, "save", 1, { "value.referrals_made": "9" })).toMatchObject({ kind: "not_editable", status: "submitted" });
    await review(org, "accept", 1);
    expect(await save(org, "save", 2, { "value.referrals_made": "9" })).toMatchObject({ kind: "not_editable", status: "accepted" });
    expect(await review(org, "accept", 1)).toMatchObject({ ok: false, reason: "stale" });
  });
});

describe("before submitting", () => {
  it("asks to confirm a quarter that has not ended and figures left blank, then submits", async () => {
    const org = await newOrganisation("Early Bird Housing");
    const asked = await save(org, "submit", 0, { "value.referrals_made": "3" }, { confirmed: false });
    expect(asked.kind).toBe("confirm");
    const messages = asked.kind === "confirm" ? asked.warnings.map((w) => w.message) : [];
    expect(messages.some((m) => m.includes("has not ended yet"))).toBe(true);
    expect(messages.some((m) => /figures are blank/.test(m))).toBe(true);
    expect((await current(org)).row).toBeNull();
    expect(await save(org, "submit", 0, { "value.referrals_made": "3" }, { confirmed: true })).toMatchObject({ kind: "done", outcome: "submitted" });
  });

  it("does not ask about a quarter that has ended with every figure answered", async () => {
    const org = await newOrganisation("Complete Housing");
    const last = previousQuarter(quarterOf(day)).key;
    const inWindow = addDays(parseQuarterKey(last)!.end, 1);
    const metrics = await withPartnership(cleveland, champion, (tx) => metricsForQuarter(tx, { partnershipId: cleveland, quarter: last }));
    const posted = Object.fromEntries(metrics.map((m) => [`value.${m.key}`, "0"]));
    expect(await save(org, "submit", 0, posted, { quarter: last, today: inWindow, confirmed: false })).toMatchObject({ kind: "done", outcome: "submitted" });
  });
});

describe("locks", () => {
  it("lock a quarter after due date plus grace; a coordinator's exception reopens it for one organisation until a date", async () => {
    const org = await newOrganisation("Late Housing");
    const last = previousQuarter(quarterOf(day)).key;
    const afterLock = "2099-01-01";
    expect(await save(org, "save", 0, { "value.referrals_made": "1" }, { quarter: last, today: afterLock })).toMatchObject({ kind: "locked" });
    await withPartnership(cleveland, coordinator, (tx) =>
      openLockException(tx, { partnershipId: cleveland, organisationId: org, quarter: last, userId: coordinator, until: afterLock, reason: null }),
    );
    expect(await save(org, "save", 0, { "value.referrals_made": "1" }, { quarter: last, today: afterLock })).toMatchObject({ kind: "done" });
    expect(await save(org, "save", 1, { "value.referrals_made": "2" }, { quarter: last, today: "2099-01-02" })).toMatchObject({ kind: "locked" });
  });

  it("reopen a locked quarter when a return is sent back, until a day the coordinator gives, and tell the organisation", async () => {
    const org = await newOrganisation("Sent Back Housing");
    await db().handles.owner.insertInto("organisation_members").values({ partnership_id: cleveland, organisation_id: org, user_id: champion, role: "champion" }).execute();
    const last = previousQuarter(quarterOf(day)).key;
    const inWindow = addDays(parseQuarterKey(last)!.end, 1);
    expect(await save(org, "submit", 0, { "value.referrals_made": "3", "value.victims_offered": "1" }, { quarter: last, today: inWindow })).toMatchObject({ kind: "done" });
    const afterLock = "2099-01-01";
    const sendBack = (openUntil?: string) =>
      withPartnership(cleveland, coordinator, (tx) =>
        reviewReturn(tx, {
          partnershipId: cleveland,
          organisationId: org,
          quarter: last,
          userId: coordinator,
          decision: "return",
          reason: "Referrals look low",
          baseVersion: 1,
          settings,
          today: afterLock,
          openUntil,
        }),
      );
    expect(await sendBack()).toMatchObject({ ok: false, reason: "needs_until" });
    expect((await current(org, last)).row?.status).toBe("submitted");
    expect(await sendBack("2099-01-15")).toMatchObject({ ok: true, status: "returned" });
    expect(await save(org, "submit", 2, { "value.referrals_made": "5", "value.victims_offered": "1" }, { quarter: last, today: "2099-01-10" })).toMatchObject({ kind: "done" });
    const mail = await db()
      .handles.owner.selectFrom("outbox_messages")
      .select(["to_address", "subject", "body_text", "kind"])
      .where("kind", "=", "return:returned")
      .where("subject", "like", "Sent Back Housing%")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0].to_address).toBe("champion@cleveland.demo.test");
    expect(mail[0].body_text).toContain("Referrals look low");
    expect(mail[0].body_text).toContain("15 January 2099");
  });

  it("tell the organisation when its return is accepted", async () => {
    const org = await newOrganisation("Accepted Housing");
    await db().handles.owner.insertInto("organisation_members").values({ partnership_id: cleveland, organisation_id: org, user_id: champion, role: "champion" }).execute();
    expect(await save(org, "submit", 0, { "value.referrals_made": "3", "value.victims_offered": "1" })).toMatchObject({ kind: "done" });
    expect(await review(org, "accept", 1)).toMatchObject({ ok: true });
    const mail = await db()
      .handles.owner.selectFrom("outbox_messages")
      .select(["subject"])
      .where("kind", "=", "return:accepted")
      .where("subject", "like", "Accepted Housing%")
      .execute();
    expect(mail).toHaveLength(1);
  });
});
