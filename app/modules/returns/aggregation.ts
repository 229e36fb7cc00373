/**
 * How reported values add up (DESIGN.md "Metric"). Pure, so dashboards, CSV and tests share it.
 *   - Across organisations in one quarter, both kinds add up (practitioners in two teams).
 *   - Across quarters, flows (`sum`) add up; stocks (`last`) take the latest quarter in the range
 *     that has a figure — a stock is never summed over time.
 *   - *Not applicable* and missing never count as zero: they are left out, counted separately,
 *     and a total with nothing to add is `null` (no figure), not 0.
 */
import type { MetricAggregation } from "../../../db/types";
import { NOT_APPLICABLE, type MetricValue } from "./values";

export interface Aggregate {
  /** The figure, or null when no organisation reported a number. */
  value: number | null;
  /** How many numbers went into it. */
  reporting: number;
  notApplicable: number;
  missing: number;
}

/** Values of several organisations for one metric in one quarter. */
export function combineOrganisations(values: Iterable<MetricValue | undefined>): Aggregate {
  let total = 0;
  let reporting = 0;
  let notApplicable = 0;
  let missing = 0;
  for (const v of values) {
    if (typeof v === "number") {
      total += v;
      reporting += 1;
    } else if (v === NOT_APPLICABLE) notApplicable += 1;
    else missing += 1;
  }
  return { value: reporting ? total : null, reporting, notApplicable, missing };
}

export interface QuarterFigure {
  /** Quarter key, "2026Q1"; keys sort in time order as text. */
  quarter: string;
  value: MetricValue | undefined;
}

export interface RangeFigure {
  value: number | null;
  /** For a stock, the quarter its figure comes from; for a flow, the quarters that had a figure. */
  quarters: string[];
}

const inRange = (quarter: string, from: string, to: string) => quarter >= from && quarter <= to;

/** One series (an organisation's, or a borough's quarterly totals) over the quarters from..to. */
export function overQuarters(aggregation: MetricAggregation, series: Iterable<QuarterFigure>, range: { from: string; to: string }): RangeFigure {
  const numbers = [...series]
    .filter((f) => inRange(f.quarter, range.from, range.to) && typeof f.value === "number")
    .sort((a, b) => (a.quarter < b.quarter ? -1 : a.quarter > b.quarter ? 1 : 0)) as Array<{ quarter: string; value: number }>;
  if (numbers.length === 0) return { value: null, quarters: [] };
  if (aggregation === "last") {
    const latest = numbers[numbers.length - 1];
    return { value: latest.value, quarters: [latest.quarter] };
  }
  return { value: numbers.reduce((sum, f) => sum + f.value, 0), quarters: [...new Set(numbers.map((f) => f.quarter))] };
}

export interface OrganisationFigure {
  organisationId: string;
  quarter: string;
  value: MetricValue | undefined;
}

/**
 * Many organisations over a range of quarters: totals per quarter across organisations, then the
 * quarters combined by the metric's aggregation. For a stock that is the total at the latest
 * quarter in the range that has any figure.
 */
export function aggregateRange(aggregation: MetricAggregation, figures: Iterable<OrganisationFigure>, range: { from: string; to: string }): RangeFigure {
  const byQuarter = new Map<string, Array<MetricValue | undefined>>();
  for (const f of figures) {
    if (!inRange(f.quarter, range.from, range.to)) continue;
    byQuarter.set(f.quarter, [...(byQuarter.get(f.quarter) ?? []), f.value]);
  }
  const totals = [...byQuarter].map(([quarter, values]) => ({ quarter, value: combineOrganisations(values).value }));
  return overQuarters(aggregation, totals, range);
}

/**
 * Voluntary by design (DESIGN.md): nobody may be pressured into restorative justice, so counts of
 * people taking part never get targets, target lines or red/amber/green ratings.
 */
export function targetsAllowed(metric: { participantCount: boolean }): boolean {
  return !metric.participantCount;
}
