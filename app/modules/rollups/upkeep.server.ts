/**
 * Keeps metric_rollups exact in the transaction of every return change (a listener of
 * returns/changes.server.ts). Per change: one share lock on the organisation's row (so a move
 * cannot slip between reading its borough and writing), one shared advisory lock on the
 * partnership's roll-ups (only a rebuild takes it exclusively), both in one statement, and one
 * upsert of the changed metrics' borough × sector × quarter rows. Nothing partnership-wide is
 * written, so submissions from different organisations do not queue behind one another.
 */
import { sql } from "kysely";
import type { Sector } from "../../../db/types";
import type { ReturnChange } from "../returns/changes.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { boroughKeyOf, contributionDeltas } from "./contributions";

/** The advisory lock class of roll-ups (the same number as the rollups migration's trigger). */
export const ROLLUP_LOCK_CLASS = 7207;

/** A rebuild's lock: no upkeep (which holds it shared) runs for the partnership until it commits. */
export async function lockRollupsExclusively(tx: Tx, { partnershipId }: { partnershipId: string }) {
  await sql`select pg_advisory_xact_lock(${sql.lit(ROLLUP_LOCK_CLASS)}, hashtext(${partnershipId}))`.execute(tx);
}

export async function keepMetricRollups(tx: Tx, change: ReturnChange) {
  const deltas = contributionDeltas(change.before, change.after);
  if (deltas.length === 0) return;
  // The organisation's row share-locked, then the roll-ups' shared advisory lock (the order an
  // organisation move's trigger takes them in), in one statement.
  const { rows } = await sql<{ borough_id: string | null; sector: Sector }>`
    with org as materialized (
      select borough_id, sector from organisations where partnership_id = ${change.partnershipId} and id = ${change.organisationId} for share)
    select borough_id, sector, pg_advisory_xact_lock_shared(${sql.lit(ROLLUP_LOCK_CLASS)}, hashtext(${change.partnershipId})) from org`.execute(tx);
  const organisation = rows[0];
  if (!organisation) throw new Error(`Organisation ${change.organisationId} not found for its roll-ups`);
  await tx
    .insertInto("metric_rollups")
    .values(
      deltas.map(([metricId, d]) => ({
        partnership_id: change.partnershipId,
        quarter: change.quarter,
        metric_id: metricId,
        borough_key: boroughKeyOf(organisation.borough_id),
        sector: organisation.sector,
        total: d.total,
        reporting: d.reporting,
        not_applicable: d.notApplicable,
      })),
    )
    .onConflict((oc) =>
      oc.columns(["partnership_id", "quarter", "metric_id", "borough_key", "sector"]).doUpdateSet((eb) => ({
        total: eb("metric_rollups.total", "+", eb.ref("excluded.total")),
        reporting: eb("metric_rollups.reporting", "+", eb.ref("excluded.reporting")),
        not_applicable: eb("metric_rollups.not_applicable", "+", eb.ref("excluded.not_applicable")),
      })),
    )
    .execute();
}
