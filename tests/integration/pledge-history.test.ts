import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { organisationPledges, expectedToReport } from "~/modules/pledge/status.server";
import { validUntil } from "~/modules/pledge/status";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId } from "../helpers/fixtures";

const db = useTestDatabase("demo");

describe("pledge history in the database", () => {
  it("stores the same last valid day as the status rules compute, leap days included", async () => {
    const days = ["2024-02-28", "2024-02-29", "2024-03-01", "2023-03-01", "2025-11-22", "2025-12-31", "2026-01-01"];
    const { rows } = await sql<{ d: string; until: string }>`
      select d::text as d, (case when extract(month from d) = 2 and extract(day from d) = 29
        then (d + interval '1 year')::date else (d + interval '1 year')::date - 1 end)::text as until
      from unnest(${days}::date[]) d`.execute(db().handles.owner);
    expect(rows.map((r) => [r.d, r.until])).toEqual(days.map((d) => [d, validUntil(d)]));

    const stored = await db().handles.owner.selectFrom("pledge_signatures").select(["signed_on", "expires_on"]).execute();
    expect(stored.length).toBeGreaterThan(20);
    for (const s of stored) expect(s.expires_on).toBe(validUntil(s.signed_on));
  });

  it("refuses to change a submitted signature or a published pledge version, even for the coordinator", async () => {
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    await expect(
      withPartnership(cleveland, null, (tx) => tx.updateTable("pledge_signatures").set({ signatory_name: "Someone else" }).where("partnership_id", "=", cleveland).execute()),
    ).rejects.toThrow(/history and cannot be changed/);
    await expect(
      withPartnership(cleveland, null, (tx) =>
        tx.updateTable("pledge_versions").set({ title: "Rewritten" }).where("partnership_id", "=", cleveland).where("state", "=", "published").execute(),
      ),
    ).rejects.toThrow(/history and cannot be changed/);
  });

  it("derives every status from the demo history, and only current signatories are expected to report", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const on = today();
    const pledges = await withPartnership(cleveland, null, (tx) => organisationPledges(tx, { partnershipId: cleveland, on }));
    const statusOf = async (name: string) => pledges.get(await organisationId(owner, "cleveland", name))?.status;
    expect(await statusOf("Hartlepool Borough Council")).toBe("signed");
    expect(await statusOf("Redcar and Cleveland Borough Council")).toBe("prospect");
    expect(await statusOf("Linthorpe Homes")).toBe("renewal_due");
    expect(await statusOf("Guisborough Youth Forum")).toBe("lapsed");
    expect(await statusOf("Yarm Faith Network")).toBe("withdrawn");

    const expected = await withPartnership(cleveland, null, (tx) => expectedToReport(tx, { partnershipId: cleveland, quarter: quarterOf(on) }));
    expect(expected).toContain(await organisationId(owner, "cleveland", "Hartlepool Borough Council"));
    for (const name of ["Redcar and Cleveland Borough Council", "Yarm Faith Network", "Guisborough Youth Forum"]) {
      expect(expected, name).not.toContain(await organisationId(owner, "cleveland", name));
    }
  });
});
