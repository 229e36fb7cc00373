/**
 * Roll-up rows read back as figures. A quarter's figure for a group (a borough, a sector, the
 * county) is the sum of its rows; a range's figure follows the metric's aggregation (aggregation.ts):
 * flows add up over the quarters, a stock takes its latest quarter with a figure. A group where
 * nobody gave a number has no figure (null), never 0.
 */
import type { MetricAggregation } from "../../../db/types";
import { overQuarters } from "../returns/aggregation";

export interface QuarterlyFigure {
  quarter: string;
  metricId: string;
  /** The borough key or sector the rows were grouped by; null when not grouped. */
  group: string | null;
  total: number;
  reporting: number;
  notApplicable: number;
}

/** The figure of one quarter: null when no organisation gave a number. */
export const quarterValue = (f: Pick<QuarterlyFigure, "total" | "reporting"> | undefined): number | null => (f && f.reporting > 0 ? f.total : null);

/** One metric's figures of one group over a range of quarters. */
export function rangeValue(aggregation: MetricAggregation, figures: QuarterlyFigure[], range: { from: string; to: string }): number | null {
  return overQuarters(
    aggregation,
    figures.map((f) => ({ quarter: f.quarter, value: quarterValue(f) ?? undefined })),
    range,
  ).value;
}

/** Figures keyed "metric|group|quarter" for quick lookup. */
export function indexFigures(figures: QuarterlyFigure[]) {
  const index = new Map<string, QuarterlyFigure>();
  for (const f of figures) index.set(`${f.metricId}|${f.group ?? ""}|${f.quarter}`, f);
  return {
    get: (metricId: string, group: string | null, quarter: string) => index.get(`${metricId}|${group ?? ""}|${quarter}`),
    series: (metricId: string, group: string | null) => figures.filter((f) => f.metricId === metricId && f.group === group),
  };
}
