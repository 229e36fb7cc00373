/**
 * Activity figures for publication, suppressed as one system (rollups/suppression.ts): each
 * measure's areas add up to its total, and a measure broken down into "of which" parts equals its
 * parts plus an unpublished rest in every area. So no small count can be worked out from a column
 * total, from a whole minus its parts, or from any other sum of what is published. Percentages of
 * a whole are shown only where both their figures are.
 */
import type { MetricAggregation } from "../../../db/types";
import { publishedPercent, suppressLinked, type LinkedFigure, type PublishedFigure } from "../rollups/suppression";

export interface PublicationMetric {
  id: string;
  label: string;
  unit: string;
  aggregation: MetricAggregation;
  partOfId: string | null;
}

export interface AreaFigures {
  /** One figure per area (borough, county-wide), in the order of the areas. */
  areas: Array<number | null>;
  total: number | null;
  /** For a stock: the quarter every area was read at. */
  at: string | null;
}

export interface PublishedMeasure {
  areas: PublishedFigure[];
  total: PublishedFigure;
}

export const WHOLE_PARTNERSHIP = "Whole partnership";

/** Sessions and events are not people; every other measure counts people (or cases about people) and is suppressed when small. */
export const countsPeople = (metric: Pick<PublicationMetric, "unit">) => !/^(sessions?|events?)$/i.test(metric.unit.trim());

/** Whether a part's figures add into its whole's in every area (same kind of count, read at the same time). */
function addsInto(part: AreaFigures, whole: AreaFigures, p: PublicationMetric, w: PublicationMetric) {
  return p.aggregation === w.aggregation && (p.aggregation === "sum" || part.at === whole.at);
}

export function publishMeasures(metrics: PublicationMetric[], figures: Map<string, AreaFigures>, threshold: number): Map<string, PublishedMeasure> {
  const result = new Map<string, PublishedMeasure>();
  const linked: LinkedFigure[] = [];
  const sums: Array<{ parts: number[]; total: number }> = [];
  const at = new Map<string, { areas: number[]; total: number }>();
  const people = metrics.filter((m) => countsPeople(m) && figures.has(m.id));

  for (const m of metrics) {
    const f = figures.get(m.id);
    if (f && !countsPeople(m)) result.set(m.id, { areas: f.areas, total: f.total });
  }
  for (const m of people) {
    const f = figures.get(m.id)!;
    const areas = f.areas.map((value) => linked.push({ value, interior: true }) - 1);
    const total = linked.push({ value: f.total }) - 1;
    at.set(m.id, { areas, total });
    sums.push({ parts: areas, total });
  }
  for (const whole of people) {
    const parts = people.filter((p) => p.partOfId === whole.id && addsInto(figures.get(p.id)!, figures.get(whole.id)!, p, whole));
    if (parts.length === 0) continue;
    const w = figures.get(whole.id)!;
    const rest = (value: number | null, partValues: Array<number | null>) => (value === null ? null : value - partValues.reduce<number>((a, b) => a + (b ?? 0), 0));
    const restAreas = w.areas.map((value, a) => {
      const index =
        linked.push({
          value: rest(
            value,
            parts.map((p) => figures.get(p.id)!.areas[a]),
          ),
          hidden: true,
          interior: true,
        }) - 1;
      if (value !== null) sums.push({ parts: [...parts.map((p) => at.get(p.id)!.areas[a]), index], total: at.get(whole.id)!.areas[a] });
      return index;
    });
    const restTotal =
      linked.push({
        value: rest(
          w.total,
          parts.map((p) => figures.get(p.id)!.total),
        ),
        hidden: true,
      }) - 1;
    sums.push({ parts: restAreas, total: restTotal });
    if (w.total !== null) sums.push({ parts: [...parts.map((p) => at.get(p.id)!.total), restTotal], total: at.get(whole.id)!.total });
  }

  const published = suppressLinked(linked, sums, threshold);
  for (const m of people) {
    const index = at.get(m.id)!;
    result.set(m.id, { areas: index.areas.map((i) => published[i]), total: published[index.total] });
  }
  return result;
}

/** A part as a percentage of its whole in each area: shown only where both are. */
export function publishedShare(part: PublishedMeasure, whole: PublishedMeasure): PublishedMeasure {
  return { areas: part.areas.map((p, i) => publishedPercent(p, whole.areas[i])), total: publishedPercent(part.total, whole.total) };
}
