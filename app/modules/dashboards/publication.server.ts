/**
 * Figures for publication: each measure for a whole financial year, by borough with the
 * partnership's total, small numbers suppressed (publication.ts). The public page and the
 * dashboards' "for publication" downloads use this one table, so what is published is the same
 * everywhere. Whole years only: two published ranges that overlap would give away their difference.
 */
import { databases } from "../../db.server";
import type { Cell, TableData } from "../exports/table";
import { financialYearLabel, financialYearOf, parseQuarterKey, quarter, quartersBetween } from "../reporting/periods";
import { COUNTY_WIDE_KEY } from "../rollups/contributions";
import { quarterlyFigures } from "../rollups/figures.server";
import { SUPPRESSED, suppressionThreshold } from "../rollups/suppression";
import { listBoroughs } from "../tenancy/partnerships.server";
import { withPartnership, type Db, type Tx } from "../tenancy/with-partnership.server";
import { metricOverRange, metricsInRange } from "./activity-tables";
import { COUNTY_WIDE_LABEL } from "./adoption-tables";
import { earliestFigureQuarter } from "./facts.server";
import { dashboardMetrics } from "./metrics.server";
import { countsPeople, publishedShare, publishMeasures, WHOLE_PARTNERSHIP, type AreaFigures } from "./publication";

/** Financial years that have ended and have figures, newest first (at most five). */
export async function publishableYears(tx: Tx, { partnershipId, today }: { partnershipId: string; today: string }) {
  const earliest = await earliestFigureQuarter(tx, { partnershipId });
  const first = earliest ? parseQuarterKey(earliest)?.year : undefined;
  const last = financialYearOf(today) - 1;
  const years: number[] = [];
  for (let y = last; first !== undefined && y >= first && years.length < 5; y--) years.push(y);
  return years;
}

/** One row per measure (and per "of which" share), one column per area and the whole partnership. */
export async function publicationTable(
  tx: Tx,
  { partnershipId, financialYear, threshold }: { partnershipId: string; financialYear: number; threshold: number },
): Promise<TableData> {
  const quarters = quartersBetween(quarter(financialYear, 1), quarter(financialYear, 4));
  const [metrics, boroughs, figures] = await Promise.all([
    dashboardMetrics(tx, { partnershipId }),
    listBoroughs(tx, { partnershipId }),
    quarterlyFigures(tx, { partnershipId, from: quarters[0].key, to: quarters[3].key, by: "borough" }),
  ]);
  const areas = [...boroughs.map((b) => ({ key: b.id, label: b.name })), { key: COUNTY_WIDE_KEY, label: COUNTY_WIDE_LABEL }];
  const shown = metricsInRange(metrics, quarters);
  const raw = new Map<string, AreaFigures>(
    shown.map((m) => {
      const range = metricOverRange(m, figures, areas);
      return [m.id, { areas: range.groups, total: range.total, at: range.at }];
    }),
  );
  const published = publishMeasures(shown, raw, threshold);
  const t = suppressionThreshold(threshold);
  const row = (measure: string, counted: string, figuresOf: { areas: Cell[]; total: Cell }) => ({
    measure,
    ...Object.fromEntries(areas.map((a, i) => [`a:${a.key}`, figuresOf.areas[i]])),
    total: figuresOf.total,
    counted,
  });
  const rows = shown.flatMap((m) => {
    const own = published.get(m.id)!;
    const at = raw.get(m.id)!.at;
    const measureRow = {
      ...row(m.label, m.aggregation === "last" ? `At the end of ${at ? parseQuarterKey(at)?.label : "the year"}` : "Total for the year", own),
      headline: m.partOfId === null && m.aggregation === "sum" ? "yes" : null,
    };
    const whole = m.partOfId ? shown.find((w) => w.id === m.partOfId) : undefined;
    if (!whole || !countsPeople(m) || !countsPeople(whole) || whole.aggregation !== "sum" || m.aggregation !== "sum") return [measureRow];
    return [measureRow, row(`${m.label} (% of ${whole.label.toLowerCase()})`, "Percentage", publishedShare(own, published.get(whole.id)!))];
  });
  return {
    id: "publication",
    caption: `Activity in ${financialYearLabel(financialYear)} by area, for publication (${SUPPRESSED}: fewer than ${t}, or hidden so that it cannot be worked out)`,
    columns: [
      { key: "measure", header: "Measure" },
      ...areas.map((a) => ({ key: `a:${a.key}`, header: a.label, numeric: true })),
      { key: "total", header: WHOLE_PARTNERSHIP, numeric: true },
      { key: "counted", header: "Counted as" },
    ],
    rows,
  };
}

/** The public page's figures: the last complete financial year, if the partnership publishes figures and has any for it. */
export async function publishedFigures(slug: string, today: string, db?: Db) {
  const partnership = await databases().app.selectFrom("partnerships").select(["id", "publish_figures", "suppression_threshold"]).where("slug", "=", slug).executeTakeFirst();
  if (!partnership?.publish_figures) return null;
  const financialYear = financialYearOf(today) - 1;
  return withPartnership(
    partnership.id,
    null,
    async (tx) => {
      const years = await publishableYears(tx, { partnershipId: partnership.id, today });
      if (!years.includes(financialYear)) return { financialYear, label: financialYearLabel(financialYear), table: null };
      return {
        financialYear,
        label: financialYearLabel(financialYear),
        table: await publicationTable(tx, { partnershipId: partnership.id, financialYear, threshold: partnership.suppression_threshold }),
      };
    },
    { db },
  );
}
