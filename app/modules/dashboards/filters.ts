/**
 * A dashboard's filters live in the URL (`from`, `to` quarters, `sector`, `metric`, and on the
 * county page `borough`), so a link shows what its sender saw. Anything malformed is ignored
 * with a message saying what is shown instead; it never fails the page.
 */
import { SECTORS, type Sector } from "../../../db/types";
import { compareQuarters, parseQuarterKey, previousQuarter, quarterOf, quartersBetween, type Quarter } from "../reporting/periods";
import { sectorLabel } from "../tenancy/sectors";

export const DEFAULT_QUARTERS = 8;
export const MAX_QUARTERS = 40;

export interface DashboardFilters {
  from: Quarter;
  to: Quarter;
  sector: Sector | null;
  /** A metric key; checked against the partnership's metrics by the dashboard. */
  metric: string | null;
  /** County page only: a borough's id (the page sends the reader to that borough's dashboard). */
  borough: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const METRIC_KEY = /^[a-z][a-z0-9_]{1,47}$/;

function back(q: Quarter, n: number) {
  for (let i = 0; i < n; i++) q = previousQuarter(q);
  return q;
}

/** What a dashboard computed from these filters depends on, for its cache key. */
export function filterInputs(filters: DashboardFilters, problems: string[]): string[] {
  return [filters.from.key, filters.to.key, filters.sector ?? "", filters.metric ?? "", problems.join("\n")];
}

export function parseFilters(search: URLSearchParams, today: string): { filters: DashboardFilters; problems: string[] } {
  const problems: string[] = [];
  const current = quarterOf(today);
  const read = (name: "from" | "to") => {
    const raw = search.get(name);
    if (!raw) return null;
    const q = parseQuarterKey(raw);
    if (!q) problems.push(`The ${name === "from" ? "first" : "last"} quarter in the address was not a quarter we know, so the default is shown.`);
    return q;
  };
  let to = read("to") ?? current;
  if (compareQuarters(to, current) > 0) {
    problems.push("Quarters after this one have no figures yet, so the range ends with this quarter.");
    to = current;
  }
  let from = read("from") ?? back(to, DEFAULT_QUARTERS - 1);
  if (compareQuarters(from, to) > 0) {
    problems.push("The first quarter was after the last, so they are shown the other way round.");
    [from, to] = [to, from];
  }
  if (quartersBetween(from, to).length > MAX_QUARTERS) {
    problems.push(`A range can cover up to ${MAX_QUARTERS} quarters, so it starts ${MAX_QUARTERS} quarters before the last.`);
    from = back(to, MAX_QUARTERS - 1);
  }
  const rawSector = search.get("sector");
  const sector = rawSector && (SECTORS as readonly string[]).includes(rawSector) ? (rawSector as Sector) : null;
  if (rawSector && !sector && rawSector !== "all") problems.push("The sector in the address was not one we know, so every sector is shown.");
  const rawMetric = search.get("metric");
  const metric = rawMetric && METRIC_KEY.test(rawMetric) ? rawMetric : null;
  if (rawMetric && !metric) problems.push("The measure in the address was not one we know, so the first is shown.");
  const rawBorough = search.get("borough");
  const borough = rawBorough && UUID.test(rawBorough) ? rawBorough.toLowerCase() : null;
  if (rawBorough && !borough && rawBorough !== "all") problems.push("The borough in the address was not one we know, so the whole county is shown.");
  return { filters: { from, to, sector, metric, borough }, problems };
}

/** The filters as a query string (without the borough), for links between dashboards. */
export function filterQuery(filters: DashboardFilters, extra: Record<string, string> = {}) {
  return linkQuery({ from: filters.from.key, to: filters.to.key, sector: filters.sector, metric: filters.metric }, extra);
}

/** The same from the filters a page was given (quarter keys). */
export function linkQuery(filters: { from: string; to: string; sector: string | null; metric: string | null }, extra: Record<string, string> = {}) {
  const q = new URLSearchParams({ from: filters.from, to: filters.to });
  if (filters.sector) q.set("sector", filters.sector);
  if (filters.metric) q.set("metric", filters.metric);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/** The quarters a range covers, oldest first. */
export const rangeQuarters = (filters: Pick<DashboardFilters, "from" | "to">) => quartersBetween(filters.from, filters.to);

/** "2024/25 Q4 to 2026/27 Q3", "in Housing". */
export function describeFilters(filters: DashboardFilters) {
  const range = filters.from.key === filters.to.key ? filters.from.label : `${filters.from.label} to ${filters.to.label}`;
  return filters.sector ? `${range}, ${sectorLabel(filters.sector)} organisations only` : range;
}

/** The choices of the quarter selects: from the first quarter with figures (or the range) to this quarter, newest first. */
export function quarterChoices(earliest: string | null, filters: DashboardFilters, today: string): Quarter[] {
  const current = quarterOf(today);
  let first = filters.from;
  const data = earliest ? parseQuarterKey(earliest) : null;
  if (data && compareQuarters(data, first) < 0) first = data;
  return quartersBetween(back(first, 0), current).reverse().slice(0, 80);
}
