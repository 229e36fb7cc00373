/**
 * The demo's returns are rich enough for dashboards (issue 7): eight ended quarters and more in each
 * partnership, late, missing, returned and draft returns, a counting-rules change, and the demo
 * champion's organisation with a draft for the current quarter and last quarter's awaiting review.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { dueDate, parseQuarterKey, previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { timeliness } from "~/modules/returns/calendar";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId } from "../helpers/fixtures";

const db = useTestDatabase("demo");
const current = quarterOf(today());

describe("demo returns", () => {
  it("cover at least eight ended quarters in each partnership, late and missing ones included", async () => {
    const owner = db().handles.owner;
    for (const slug of ["cleveland", "hampshire"]) {
      const id = await partnershipId(owner, slug);
      const { rows } = await sql<{ quarter: string; status: string; first_submitted_at: Date | null }>`
        select quarter, status, first_submitted_at from quarterly_returns where partnership_id = ${id}`.execute(owner);
      const counted = rows.filter((r) => ["submitted", "resubmitted", "accepted"].includes(r.status) && r.quarter < current.key);
      expect(new Set(counted.map((r) => r.quarter)).size, slug).toBeGreaterThanOrEqual(8);
      const late = counted.filter((r) => timeliness(r.first_submitted_at, dueDate(parseQuarterKey(r.quarter)!, 30)) === "late");
      expect(late.length, `${slug} late returns`).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.status)), slug).toEqual(new Set(["draft", "submitted", "resubmitted", "accepted", "returned"]));
      // Each organisation's figures vary from quarter to quarter.
      const { rows: spread } = await sql<{ distinct_values: number }>`
        select count(distinct value)::int as distinct_values from return_values v join metrics m on m.partnership_id = v.partnership_id and m.id = v.metric_id
        where v.partnership_id = ${id} and m.key = 'staff_briefed'`.execute(owner);
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
      select count(*) filter (where not_applicable)::int as na, count(*) filter (where value = 0)::int as zero from return_values where partnership_id = ${cleveland}`.execute(owner);
    expect(kinds[0].na).toBeGreaterThan(0);
    expect(kinds[0].zero).toBeGreaterThan(0);
  });

  it("give Hartlepool Borough Council a draft for this quarter and last quarter's return awaiting review", async () => {
    const owner = db().handles.owner;
    const org = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const rows = await owner.selectFrom("quarterly_returns").select(["quarter", "status"]).where("organisation_id", "=", org).where("quarter", ">=", previousQuarter(current).key).orderBy("quarter").execute();
    expect(rows).toEqual([
      { quarter: previousQuarter(current).key, status: "submitted" },
      { quarter: current.key, status: "draft" },
    ]);
  });
});
