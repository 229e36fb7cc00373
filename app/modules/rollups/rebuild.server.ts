/**
 * Rebuilding a partnership's roll-ups from the raw values, for repair (`npm run rollups:rebuild`),
 * after the demo seed (which writes returns directly), and to check for drift (`-- --check`).
 * The rebuild holds the roll-ups' advisory lock exclusively, so upkeep running at the same time
 * waits for it and then applies its change on top: nothing is lost either way.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../../db/types";
import type { DemoStep } from "../../../db/seed/demo";
import { COUNTING_STATUSES } from "../returns/status";
import type { Tx } from "../tenancy/with-partnership.server";
import { COUNTY_WIDE_KEY } from "./contributions";
import { lockRollupsExclusively } from "./upkeep.server";

/** The roll-up rows as a fresh aggregation of the counted raw values would make them (one partnership, or several in one pass). */
function freshAggregation(partnershipId: string | string[]) {
  const which = Array.isArray(partnershipId) ? sql`= any(${partnershipId}::uuid[])` : sql`= ${partnershipId}`;
  return sql`
    select v.partnership_id, v.quarter, v.metric_id, coalesce(o.borough_id, ${COUNTY_WIDE_KEY}::uuid) as borough_key, o.sector,
           coalesce(sum(v.value), 0)::bigint as total, count(v.value)::int as reporting,
           (count(*) filter (where v.not_applicable))::int as not_applicable
    from return_values v
    join quarterly_returns r on r.partnership_id = v.partnership_id and r.organisation_id = v.organisation_id and r.quarter = v.quarter
    join organisations o on o.partnership_id = v.partnership_id and o.id = v.organisation_id
    where v.partnership_id ${which} and r.status in (${sql.join([...COUNTING_STATUSES])})
    group by 1, 2, 3, 4, 5`;
}

/**
 * Rebuilding and checking read every counted value of a partnership: at national scale (14,000
 * organisations × 40 quarters) longer than the pool's 30-second statement timeout, which is for
 * requests. Both run from scripts and seeding only, so their transaction lifts it.
 */
async function withoutStatementTimeout(tx: Tx) {
  await sql`set local statement_timeout = 0`.execute(tx);
}

export async function rebuildMetricRollups(tx: Tx, { partnershipId }: { partnershipId: string }) {
  await withoutStatementTimeout(tx);
  await lockRollupsExclusively(tx, { partnershipId });
  await tx.deleteFrom("metric_rollups").where("partnership_id", "=", partnershipId).execute();
  const inserted = await sql`
    insert into metric_rollups (partnership_id, quarter, metric_id, borough_key, sector, total, reporting, not_applicable)
    ${freshAggregation(partnershipId)}`.execute(tx);
  return { rows: Number(inserted.numAffectedRows ?? 0) };
}

/**
 * Many partnerships' roll-ups made in one pass over the raw values, for a bulk load into
 * partnerships nobody is using yet (the scale generator); the app and the repair command use
 * `rebuildMetricRollups`, which locks against upkeep.
 */
export async function buildMetricRollupsInBulk(db: Kysely<Database>, partnershipIds: string[]) {
  await db.deleteFrom("metric_rollups").where("partnership_id", "in", partnershipIds).execute();
  const inserted = await sql`
    insert into metric_rollups (partnership_id, quarter, metric_id, borough_key, sector, total, reporting, not_applicable)
    ${freshAggregation(partnershipIds)}`.execute(db);
  return { rows: Number(inserted.numAffectedRows ?? 0) };
}

/** Rows where the roll-ups differ from a fresh aggregation (rows of zeros left by upkeep count as absent). */
export async function rollupDrift(tx: Tx, { partnershipId }: { partnershipId: string }) {
  await withoutStatementTimeout(tx);
  const { rows } = await sql<{ quarter: string; metric_id: string; borough_key: string; sector: string; kept: string | null; fresh: string | null }>`
    with fresh as (${freshAggregation(partnershipId)}),
    kept as (select * from metric_rollups where partnership_id = ${partnershipId} and (reporting > 0 or not_applicable > 0 or total <> 0))
    select coalesce(k.quarter, f.quarter) as quarter, coalesce(k.metric_id, f.metric_id) as metric_id,
           coalesce(k.borough_key, f.borough_key) as borough_key, coalesce(k.sector, f.sector) as sector,
           case when k.quarter is null then null else concat_ws('/', k.total, k.reporting, k.not_applicable) end as kept,
           case when f.quarter is null then null else concat_ws('/', f.total, f.reporting, f.not_applicable) end as fresh
    from kept k full join fresh f using (quarter, metric_id, borough_key, sector)
    where k.total is distinct from f.total or k.reporting is distinct from f.reporting or k.not_applicable is distinct from f.not_applicable
    order by 1, 2, 3, 4`.execute(tx);
  return rows;
}

/** The demo seed writes returns directly (db/ cannot use the app's workflow), so its roll-ups are built afterwards. */
export const rebuildDemoRollups: DemoStep = async (tx, ctx) => {
  await rebuildMetricRollups(tx, { partnershipId: ctx.partnershipId });
};
