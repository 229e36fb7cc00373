/**
 * Activity from the roll-ups: one metric's trend by quarter with groups (boroughs, or a borough's
 * sectors) side by side, and every metric over the range per group. Flows add up over the range;
 * a stock is shown at one quarter — the latest in the range with a figure — for every group, so
 * the groups add up to the total. Where a metric's definition changed inside the range, the trend
 * marks that quarter instead of silently joining two series.
 */
import type { MetricAggregation } from "../../../db/types";
import type { TableData } from "../exports/table";
import { parseQuarterKey, type Quarter } from "../reporting/periods";
import { quarterValue, type QuarterlyFigure } from "../rollups/figures";
import { chartOf, NEUTRAL, type ChartSpec } from "./chart-spec";

export interface DashboardMetric {
  id: string;
  key: string;
  label: string;
  unit: string;
  aggregation: MetricAggregation;
  participantCount: boolean;
  /** The metric this one counts a part of ("of which"). */
  partOfId: string | null;
  retiredFrom: string | null;
  definitions: Array<{ version: number; validFrom: string }>;
}

export interface FigureGroup {
  /** The roll-ups' group value: a borough key or a sector. */
  key: string;
  label: string;
}

/** Quarters inside the range (after its first) where a new definition of the metric starts. */
export function definitionChanges(metric: DashboardMetric, quarters: Quarter[]): Quarter[] {
  const starts = new Set(metric.definitions.filter((d) => d.version > 1).map((d) => d.validFrom));
  return quarters.slice(1).filter((q) => starts.has(q.key));
}

/** Metrics a range can show: not retired before it starts. */
export const metricsInRange = (metrics: DashboardMetric[], quarters: Quarter[]) => metrics.filter((m) => !m.retiredFrom || m.retiredFrom > quarters[0].key);

function sumFigures(figures: QuarterlyFigure[]) {
  return figures.reduce((a, f) => ({ total: a.total + f.total, reporting: a.reporting + f.reporting }), { total: 0, reporting: 0 });
}

export function kindNote(metric: DashboardMetric) {
  return metric.aggregation === "last" ? "a count at each quarter end, never added up over quarters" : "each quarter's total";
}

export function metricTrend(
  metric: DashboardMetric,
  figures: QuarterlyFigure[],
  groups: FigureGroup[],
  quarters: Quarter[],
  totalLabel: string,
): { table: TableData; chart: ChartSpec; changes: Quarter[] } {
  const own = figures.filter((f) => f.metricId === metric.id);
  const changes = definitionChanges(metric, quarters);
  const table: TableData = {
    id: "trend",
    caption: `${metric.label} by quarter (${kindNote(metric)})`,
    columns: [
      { key: "quarter", header: "Quarter" },
      ...groups.map((g) => ({ key: `g:${g.key}`, header: g.label, numeric: true })),
      { key: "total", header: totalLabel, numeric: true },
      { key: "reporting", header: "Organisations giving a figure", numeric: true },
      { key: "definition", header: "Definition" },
    ],
    rows: quarters.map((q) => {
      const here = own.filter((f) => f.quarter === q.key);
      const total = sumFigures(here);
      return {
        quarter: q.label,
        ...Object.fromEntries(groups.map((g) => [`g:${g.key}`, quarterValue(sumFigures(here.filter((f) => f.group === g.key)))])),
        total: quarterValue(total),
        reporting: total.reporting,
        definition: changes.some((c) => c.key === q.key) ? "Changed from this quarter" : null,
      };
    }),
  };
  const sideBySide = groups.length > 1 && groups.length <= 8;
  const chart = chartOf(table, {
    category: "quarter",
    metric,
    series: sideBySide ? groups.map((g) => ({ key: `g:${g.key}`, label: g.label })) : [{ key: "total", label: totalLabel, colour: NEUTRAL }],
    marks: changes.map((q) => ({ at: q.label, label: "Definition changed" })),
    yLabel: metric.unit,
  });
  return { table, chart, changes };
}

/** The quarter a stock is read at for a range: the latest with any figure. */
function stockQuarter(figures: QuarterlyFigure[]): string | null {
  return figures.filter((f) => f.reporting > 0).reduce<string | null>((latest, f) => (latest === null || f.quarter > latest ? f.quarter : latest), null);
}

/** One metric over the range for each group and in total; for a stock, all at one quarter. */
export function metricOverRange(metric: DashboardMetric, figures: QuarterlyFigure[], groups: FigureGroup[]) {
  const own = figures.filter((f) => f.metricId === metric.id);
  const at = metric.aggregation === "last" ? stockQuarter(own) : null;
  const counted = metric.aggregation === "last" ? own.filter((f) => f.quarter === at) : own;
  const value = (list: QuarterlyFigure[]) => quarterValue(sumFigures(list));
  return {
    at,
    groups: groups.map((g) => value(counted.filter((f) => f.group === g.key))),
    total: value(counted),
    reporting: sumFigures(counted).reporting,
  };
}

/** The headline figure of one metric over the range: a flow's total, or a stock at its latest quarter with a figure. */
export function metricHeadline(metric: DashboardMetric, figures: QuarterlyFigure[], quarters: Quarter[]) {
  const range = metricOverRange(metric, figures, []);
  const span = quarters.length > 1 ? `${quarters[0].label} to ${quarters[quarters.length - 1].label}` : quarters[0].label;
  const stockAt = range.at ? parseQuarterKey(range.at)?.label : null;
  return {
    label: metric.label,
    value: range.total === null ? "–" : range.total.toLocaleString("en-GB"),
    detail: metric.aggregation === "last" ? (stockAt ? `at the end of ${stockAt}` : `no figure in ${span}`) : `in ${span}`,
  };
}

export function activityByGroup(metrics: DashboardMetric[], figures: QuarterlyFigure[], groups: FigureGroup[], quarters: Quarter[], totalLabel: string): TableData {
  return {
    id: "activity",
    caption: "Activity over the range (flows added up; stocks at the latest quarter with a figure)",
    columns: [
      { key: "metric", header: "Measure" },
      ...groups.map((g) => ({ key: `g:${g.key}`, header: g.label, numeric: true })),
      { key: "total", header: totalLabel, numeric: true },
      { key: "kind", header: "Counted as" },
      { key: "definition", header: "Definition changed" },
    ],
    rows: metricsInRange(metrics, quarters).map((m) => {
      const range = metricOverRange(m, figures, groups);
      const stockAt = range.at ? parseQuarterKey(range.at)?.label : null;
      return {
        metric: m.label,
        ...Object.fromEntries(groups.map((g, i) => [`g:${g.key}`, range.groups[i]])),
        total: range.total,
        kind: m.aggregation === "last" ? (stockAt ? `At ${stockAt} end` : "At quarter end") : "Total over the range",
        definition:
          definitionChanges(m, quarters)
            .map((q) => q.label)
            .join(", ") || null,
      };
    }),
  };
}
