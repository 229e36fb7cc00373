/**
 * What one return adds to the roll-ups: for each metric, its number (if it gave one), one
 * organisation reporting, or one "not applicable". A return that does not count (draft, returned)
 * adds nothing. A change of a return moves the roll-ups by the difference between after and before,
 * so upkeep touches only the metrics that changed and never re-reads anyone else's figures.
 */
import type { ReturnState } from "../returns/changes.server";

export interface Contribution {
  total: number;
  reporting: number;
  notApplicable: number;
}

/** The borough key of county-wide organisations in metric_rollups (a primary key cannot hold null). */
export const COUNTY_WIDE_KEY = "00000000-0000-0000-0000-000000000000";

export const boroughKeyOf = (boroughId: string | null) => boroughId ?? COUNTY_WIDE_KEY;
export const boroughIdOf = (key: string) => (key === COUNTY_WIDE_KEY ? null : key);

function contributions(state: ReturnState | null): Map<string, Contribution> {
  const result = new Map<string, Contribution>();
  if (!state?.counts) return result;
  for (const [metricId, v] of state.values) {
    result.set(metricId, v.notApplicable || v.value === null ? { total: 0, reporting: 0, notApplicable: 1 } : { total: v.value, reporting: 1, notApplicable: 0 });
  }
  return result;
}

/** The change to each metric's roll-up, metrics in a fixed order (so concurrent upkeep locks rows in one order); unchanged metrics left out. */
export function contributionDeltas(before: ReturnState | null, after: ReturnState): Array<[string, Contribution]> {
  const was = contributions(before);
  const now = contributions(after);
  const deltas: Array<[string, Contribution]> = [];
  for (const metricId of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(metricId);
    const b = now.get(metricId);
    const delta = {
      total: (b?.total ?? 0) - (a?.total ?? 0),
      reporting: (b?.reporting ?? 0) - (a?.reporting ?? 0),
      notApplicable: (b?.notApplicable ?? 0) - (a?.notApplicable ?? 0),
    };
    if (delta.total || delta.reporting || delta.notApplicable) deltas.push([metricId, delta]);
  }
  return deltas.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
