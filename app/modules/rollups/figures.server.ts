/**
 * The dashboards' reads of metric_rollups: a few thousand summary rows, never the raw values.
 * Every query names the partnership and a quarter range, so it uses the primary key (or the
 * borough index) and stays on one Citus shard. Grouping happens in SQL.
 */
import { sql } from "kysely";
import type { Sector } from "../../../db/types";
import type { Tx } from "../tenancy/with-partnership.server";
import type { QuarterlyFigure } from "./figures";

export interface FigureQuery {
  partnershipId: string;
  from: string;
  to: string;
  /** Only this borough key (a borough's id, or COUNTY_WIDE_KEY). */
  boroughKey?: string | null;
  sector?: Sector | null;
  metricIds?: string[];
  /** Group the quarter's rows by borough or by sector; "none" adds them up. */
  by: "borough" | "sector" | "none";
}

export async function quarterlyFigures(tx: Tx, query: FigureQuery): Promise<QuarterlyFigure[]> {
  if (query.metricIds && query.metricIds.length === 0) return [];
  const group = query.by === "borough" ? sql.ref("borough_key") : query.by === "sector" ? sql.ref("sector") : sql.lit(null);
  let q = tx
    .selectFrom("metric_rollups")
    .select([
      "quarter",
      "metric_id as metricId",
      sql<string | null>`${group}::text`.as("group"),
      sql<number>`sum(total)::bigint`.as("total"),
      sql<number>`sum(reporting)::int`.as("reporting"),
      sql<number>`sum(not_applicable)::int`.as("notApplicable"),
    ])
    .where("partnership_id", "=", query.partnershipId)
    .where("quarter", ">=", query.from)
    .where("quarter", "<=", query.to);
  if (query.boroughKey) q = q.where("borough_key", "=", query.boroughKey);
  if (query.sector) q = q.where("sector", "=", query.sector);
  if (query.metricIds) q = q.where("metric_id", "in", query.metricIds);
  return q
    .groupBy(["quarter", "metric_id", sql`3`])
    .orderBy("quarter")
    .execute();
}
