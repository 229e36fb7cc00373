/**
 * The figures a review freezes beside the plan: adoption and the quarter's activity.
 *
 * This is the one place the pledge register and the quarterly returns plug in. Until they exist,
 * adoption counts the partnership's organisations (by borough, sector and statutory status) and
 * the activity section is empty and says so. When the pledge work lands, count current
 * signatories here (and keep organisations as the denominator); when returns land, add the
 * quarter's accepted totals per metric from the roll-up tables. Whatever this returns is frozen
 * into the review as it is, so a new field needs no migration — but never add a target or a RAG
 * colour to a count of people (DESIGN.md, "Voluntary by design").
 */
import { sectorLabel } from "../tenancy/sectors";
import type { Tx } from "../tenancy/with-partnership.server";
import { parseQuarterKey } from "../reporting/periods";
import type { ReviewFigures } from "./review-snapshot";

export async function reviewFigures(tx: Tx, { partnershipId, quarter }: { partnershipId: string; quarter: string }): Promise<ReviewFigures> {
  const q = parseQuarterKey(quarter);
  if (!q) throw new Error(`Not a quarter: ${quarter}`);
  const organisations = await tx
    .selectFrom("organisations as o")
    .leftJoin("boroughs as b", (j) => j.onRef("b.partnership_id", "=", "o.partnership_id").onRef("b.id", "=", "o.borough_id"))
    .select(["o.sector", "o.is_statutory", "b.name as borough"])
    .where("o.partnership_id", "=", partnershipId)
    .where("o.withdrawn_at", "is", null)
    .execute();

  const byBorough = new Map<string, { organisations: number; statutory: number }>();
  const bySector = new Map<string, number>();
  for (const o of organisations) {
    const borough = o.borough ?? "County-wide";
    const entry = byBorough.get(borough) ?? { organisations: 0, statutory: 0 };
    entry.organisations += 1;
    if (o.is_statutory) entry.statutory += 1;
    byBorough.set(borough, entry);
    bySector.set(sectorLabel(o.sector), (bySector.get(sectorLabel(o.sector)) ?? 0) + 1);
  }
  const countyWideLast = (a: string, b: string) => (a === "County-wide" ? 1 : b === "County-wide" ? -1 : a.localeCompare(b));
  return {
    adoption: {
      source: "organisations",
      note: "Organisations taking part in the partnership when the review was opened. Pledge signatures are not yet recorded in Golden Thread.",
      organisations: organisations.length,
      statutory: organisations.filter((o) => o.is_statutory).length,
      byBorough: [...byBorough].sort(([a], [b]) => countyWideLast(a, b)).map(([borough, v]) => ({ borough, ...v })),
      bySector: [...bySector].sort(([a], [b]) => a.localeCompare(b)).map(([sector, count]) => ({ sector, organisations: count })),
    },
    activity: {
      available: false,
      note: `Quarterly returns for ${q.label} are not yet collected in Golden Thread, so there are no activity totals.`,
      totals: [],
    },
  };
}
