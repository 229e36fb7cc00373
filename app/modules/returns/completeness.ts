/**
 * Completeness and timeliness of one quarter's returns, in total, per borough and per sector:
 * expected (organisations whose pledge was current at quarter end), submitted (a return that
 * counts — see status.ts), on time or late (by its first submission against the due date), and
 * missing (expected, and nothing that counts yet: not started, draft, or returned for changes).
 */
import { timeliness } from "./calendar";
import { countsForFigures, type ReturnStatus } from "./status";

export interface CompletenessRow {
  organisationId: string;
  name: string;
  boroughName: string | null;
  sector: string;
  expected: boolean;
  status: ReturnStatus | null;
  firstSubmittedAt: Date | string | null;
}

export interface CompletenessCounts {
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  /** Submitted as a share of expected, 0–100, or null when nobody was expected. */
  percent: number | null;
}

export interface CompletenessReport {
  total: CompletenessCounts;
  byBorough: Array<{ name: string; counts: CompletenessCounts }>;
  bySector: Array<{ name: string; counts: CompletenessCounts }>;
  missing: CompletenessRow[];
}

export const COUNTY_WIDE = "County-wide";

/** The counts alone (what a dashboard's group row shows), without the per-borough, per-sector and missing lists. */
export function completenessCounts(rows: Iterable<Pick<CompletenessRow, "expected" | "status" | "firstSubmittedAt">>, dueOn: string): CompletenessCounts {
  let expected = 0;
  let submitted = 0;
  let onTime = 0;
  for (const r of rows) {
    if (!r.expected) continue;
    expected++;
    if (!countsForFigures(r.status)) continue;
    submitted++;
    if (timeliness(r.firstSubmittedAt, dueOn) === "on_time") onTime++;
  }
  return {
    expected,
    submitted,
    onTime,
    late: submitted - onTime,
    missing: expected - submitted,
    percent: expected ? Math.round((submitted / expected) * 100) : null,
  };
}

function grouped(rows: CompletenessRow[], dueOn: string, key: (r: CompletenessRow) => string) {
  const groups = new Map<string, CompletenessRow[]>();
  for (const row of rows) {
    if (!row.expected) continue;
    const list = groups.get(key(row));
    if (list) list.push(row);
    else groups.set(key(row), [row]);
  }
  return [...groups]
    .map(([name, list]) => ({ name, counts: completenessCounts(list, dueOn) }))
    .sort((a, b) => (a.name === COUNTY_WIDE ? 1 : b.name === COUNTY_WIDE ? -1 : a.name.localeCompare(b.name)));
}

export function completeness(rows: CompletenessRow[], dueOn: string, sectorLabel: (sector: string) => string = (s) => s): CompletenessReport {
  return {
    total: completenessCounts(rows, dueOn),
    byBorough: grouped(rows, dueOn, (r) => r.boroughName ?? COUNTY_WIDE),
    bySector: grouped(rows, dueOn, (r) => sectorLabel(r.sector)),
    missing: rows.filter((r) => r.expected && !countsForFigures(r.status)).sort((a, b) => a.name.localeCompare(b.name)),
  };
}
