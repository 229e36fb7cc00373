/**
 * Shapes the return pages share between server and browser: the form's data, the reply of a
 * refused save, and what an organisation has to do next.
 */
import type { ReturnStatus } from "./status";
import type { Narrative, Warning } from "./validation";
import type { MetricValue } from "./values";

export interface FormMetricView {
  key: string;
  label: string;
  group: string;
  unit: string;
  definition: string;
  definitionVersion: number;
  /** The quarter this metric's counting rule last changed, when it has changed. */
  definitionChangedFrom: string | null;
  participantCount: boolean;
  value: MetricValue;
  /** The figure the organisation reported last quarter (from a return that counts). */
  last: MetricValue;
  /** The definition version the stored value was reported under, when it differs from today's. */
  reportedUnder: number | null;
}

export interface ReturnView {
  status: ReturnStatus | null;
  version: number;
  returnReason: string | null;
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  reviewedAt: string | null;
  narrative: Narrative;
}

/** What a refused save sends back: the person's input, why, and what changed meanwhile. */
export interface ReturnReply {
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  formError?: string;
  warnings?: Warning[];
  conflict?: { by: string | null; at: string | null; changed: Array<{ field: string; now: MetricValue | string | null }> };
}

export function groupMetrics<M extends { group: string }>(metrics: M[]): Array<{ group: string; metrics: M[] }> {
  const groups: Array<{ group: string; metrics: M[] }> = [];
  for (const metric of metrics) {
    const existing = groups.find((g) => g.group === metric.group);
    if (existing) existing.metrics.push(metric);
    else groups.push({ group: metric.group, metrics: [metric] });
  }
  return groups;
}

/** "22 November 2026 at 10:42", in UK time. */
export function dateTime(at: string | Date | null | undefined): string {
  if (!at) return "";
  return new Date(at)
    .toLocaleString("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" })
    .replace(", ", " at ");
}

export interface OrganisationTodo {
  quarter: string;
  label: string;
  kind: "overdue" | "due" | "returned" | "in_progress";
  dueOn: string;
  editableUntil: string;
  reason: string | null;
}

/**
 * What an organisation should do next, most urgent first: returns sent back for changes, then
 * overdue ones still open, then the ones coming due. Locked quarters and returns that count are done.
 */
export function organisationTodos(
  quarters: Array<{
    quarter: string;
    label: string;
    expected: boolean;
    status: ReturnStatus | null;
    locked: boolean;
    dueOn: string;
    editableUntil: string;
    returnReason: string | null;
  }>,
  today: string,
): OrganisationTodo[] {
  const todos: OrganisationTodo[] = [];
  for (const q of quarters) {
    if (q.locked || !q.expected) continue;
    const base = { quarter: q.quarter, label: q.label, dueOn: q.dueOn, editableUntil: q.editableUntil, reason: null };
    if (q.status === "returned") todos.push({ ...base, kind: "returned", reason: q.returnReason });
    else if (q.status === null || q.status === "draft") {
      if (today > q.dueOn) todos.push({ ...base, kind: "overdue" });
      else todos.push({ ...base, kind: q.status === "draft" ? "in_progress" : "due" });
    }
  }
  const rank = { returned: 0, overdue: 1, due: 2, in_progress: 3 };
  return todos.sort((a, b) => rank[a.kind] - rank[b.kind] || a.quarter.localeCompare(b.quarter));
}
