/**
 * The plan page's table: which actions show and in what order, from the URL's search params,
 * so a link shows what its sender saw and sorting works without JavaScript.
 */
import { z } from "zod";
import { ACTION_STATUSES, type ActionStatus } from "./plan-terms";
import { compareReferences, type DerivedAction } from "./plan-view";

export const SORTS = ["reference", "title", "lead", "due", "status", "progress"] as const;
export type SortColumn = (typeof SORTS)[number];

const PlanQuery = z.object({
  sort: z.enum(SORTS).catch("reference"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  status: z.enum(ACTION_STATUSES).optional().catch(undefined),
  overdue: z.literal("1").optional().catch(undefined),
});

export type PlanQuery = z.infer<typeof PlanQuery>;

export function parsePlanQuery(search: URLSearchParams): PlanQuery {
  return PlanQuery.parse({
    sort: search.get("sort") ?? undefined,
    dir: search.get("dir") ?? undefined,
    status: search.get("status") || undefined,
    overdue: search.get("overdue") || undefined,
  });
}

/** Worst first: the order a board wants to read statuses in. */
const STATUS_ORDER: Record<ActionStatus, number> = { off_track: 0, at_risk: 1, not_started: 2, on_track: 3, complete: 4, dropped: 5 };

const COMPARE: Record<SortColumn, (a: DerivedAction, b: DerivedAction) => number> = {
  reference: (a, b) => compareReferences(a.reference, b.reference),
  title: (a, b) => a.title.localeCompare(b.title, "en-GB"),
  lead: (a, b) => a.lead.name.localeCompare(b.lead.name, "en-GB"),
  due: (a, b) => a.dueOn.localeCompare(b.dueOn),
  status: (a, b) => STATUS_ORDER[a.standing.status] - STATUS_ORDER[b.standing.status],
  progress: (a, b) => a.standing.progress - b.standing.progress,
};

export function arrangeActions(actions: DerivedAction[], query: PlanQuery, only?: Set<string>): DerivedAction[] {
  const shown = actions.filter(
    (a) =>
      (!query.status || a.standing.status === query.status) && (!query.overdue || a.standing.overdue) && (!only || only.has(a.lead.id) || a.supporting.some((s) => only.has(s.id))),
  );
  const sign = query.dir === "desc" ? -1 : 1;
  return [...shown].sort((a, b) => sign * COMPARE[query.sort](a, b) || compareReferences(a.reference, b.reference));
}
