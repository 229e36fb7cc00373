/**
 * The demo this run loaded tells the README's whole story (tests/helpers/demo-story.ts; the
 * calendar test checks it on other days), and its returns are rich enough for dashboards: figures
 * that vary, not applicable kept apart from 0, a counting-rules change that charts can mark, and the
 * demo champion's organisation with a draft for this quarter and last quarter's awaiting review.
 */
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { ukDate } from "~/modules/platform/dates";
import { previousQuarter, quarterOf, type Quarter } from "~/modules/reporting/periods";
import { useTestDatabase } from "../helpers/database";
import { demoStoryProblems } from "../helpers/demo-story";
import { organisationId, partnershipId } from "../helpers/fixtures";

const db = useTestDatabase("demo");
// The quarter the demo was laid out from: the day it was loaded, which the partnerships record.
let loadedAt = new Date(0);
let current: Quarter;
beforeAll(async () => {
  loadedAt = (await db().handles.owner.selectFrom("partnerships").select("created_at").where("slug", "=", "cleveland").executeTakeFirstOrThrow()).created_at;
  current = quarterOf(ukDate(loadedAt));
});

describe("demo returns", () => {
  it("hold every part of the story the README tells, as the app reads it on the day they were loaded", async () => {
    expect(await demoStoryProblems(db().handles.owner, { now: loadedAt, today: ukDate(loadedAt) })).toEqual([]);
  });

  it("vary each organisation's figures from quarter to quarter", async () => {
    const owner = db().handles.owner;
    for (const slug of ["cleveland", "hampshire"]) {
      const { rows: spread } = await sql<{ distinct_values: number }>`
        select count(distinct value)::int as distinct_values from return_values v join metrics m on m.partnership_id = v.partnership_id and m.id = v.metric_id
        where v.partnership_id = ${await partnershipId(owner, slug)} and m.key = 'staff_briefed'`.execute(owner);
      expect(spread[0].distinct_values, slug).toBeGreaterThan(10);
    }
  });

  it("mark Cleveland's change to what counts as a referral received, and keep N/A apart from 0", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const { rows } = await sql<{ definition_version: number; first: string; last: string }>`
      select v.definition_version, min(v.quarter) as first, max(v.quarter) as last from return_values v join metrics m on m.partnership_id = v.partnership_id and m.id = v.metric_id
      where v.partnership_id = ${cleveland} and m.key = 'referrals_received' group by 1 order by 1`.execute(owner);
    expect(rows.map((r) => r.definition_version)).toEqual([1, 2]);
    expect(rows[0].last < rows[1].first).toBe(true);
    const { rows: kinds } = await sql<{ na: number; zero: number }>`
      select count(*) filter (where not_applicable)::int as na, count(*) filter (where value = 0)::int as zero from return_values where partnership_id = ${cleveland}`.execute(
      owner,
    );
    expect(kinds[0].na).toBeGreaterThan(0);
    expect(kinds[0].zero).toBeGreaterThan(0);
  });

  it("give Hartlepool Borough Council a draft for this quarter and last quarter's return awaiting review", async () => {
    const owner = db().handles.owner;
    const org = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const rows = await owner
      .selectFrom("quarterly_returns")
      .select(["quarter", "status"])
      .where("organisation_id", "=", org)
      .where("quarter", ">=", previousQuarter(current).key)
      .orderBy("quarter")
      .execute();
    expect(rows).toEqual([
      { quarter: previousQuarter(current).key, status: "submitted" },
      { quarter: current.key, status: "draft" },
    ]);
  });
});
