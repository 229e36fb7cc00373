/**
 * The national-scale generator at a small size: the figures it is asked for, data the app reads
 * like its own (row level security, pledge status, returns), and the same data for the same seed.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { organisationPledges } from "~/modules/pledge/status.server";
import { rollupDrift } from "~/modules/rollups/rebuild.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { apportion, generateScaleData, scaleQuarters } from "../../scripts/lib/scale";
import { useTestDatabase } from "../helpers/database";

const db = useTestDatabase("empty");
const options = { partnerships: 4, boroughs: 12, organisations: 400, quarters: 8, today: "2026-11-22", seed: 7 };

describe("the scale generator", () => {
  it("splits totals exactly, with at least one each", () => {
    const split = apportion(100, [14, 1, 0.2]);
    expect(split.reduce((a, b) => a + b, 0)).toBe(100);
    expect(split[0]).toBeGreaterThan(split[1]);
    expect(apportion(300, Array(43).fill(1)).reduce((a, b) => a + b, 0)).toBe(300);
    expect(Math.min(...apportion(43, [100, ...Array(42).fill(0.01)]))).toBe(1);
  });

  it("makes the partnerships, boroughs and organisations asked for, and returns the app can read", { timeout: 120_000 }, async () => {
    const { slugs } = await generateScaleData(db().handles.owner, options);
    const counts = await sql<{ p: number; b: number; o: number; q: number; v: number }>`
      select (select count(*) from partnerships)::int p, (select count(*) from boroughs)::int b, (select count(*) from organisations)::int o,
             (select count(distinct quarter) from quarterly_returns)::int q, (select count(*) from return_values)::int v`.execute(db().handles.owner);
    expect(counts.rows[0]).toMatchObject({ p: 4, b: 12, o: 400, q: 8 });
    expect(counts.rows[0].v).toBeGreaterThan(400 * 4 * 8 * 0.3);
    expect(scaleQuarters(options).at(-1)!.key).toBe("2026Q2");

    const largest = await db().handles.owner.selectFrom("partnerships").select("id").where("slug", "=", slugs[0]).executeTakeFirstOrThrow();
    const pledges = await withPartnership(largest.id, null, (tx) => organisationPledges(tx, { partnershipId: largest.id, on: options.today }));
    const statuses = new Set([...pledges.values()].map((p) => p.status));
    expect(statuses.has("signed") || statuses.has("renewal_due")).toBe(true);
    expect(statuses.has("prospect")).toBe(true);
    // The dashboards' summary is there and equals a fresh aggregation of the raw values.
    const drift = await withPartnership(largest.id, null, (tx) => rollupDrift(tx, { partnershipId: largest.id }));
    expect(drift).toEqual([]);
    const rollups = await sql<{ n: number }>`select count(*)::int n from metric_rollups where partnership_id = ${largest.id}`.execute(db().handles.owner);
    expect(rollups.rows[0].n).toBeGreaterThan(0);
    // Generated rows obey the same rules as the app's own: no audit rows were made for a synthetic load.
    const audit = await sql<{ n: number }>`select count(*)::int n from audit_events`.execute(db().handles.owner);
    expect(audit.rows[0].n).toBe(0);
  });
});
