/**
 * The delivery plan on a dashboard: actions by theme and status (with the plan's derived progress,
 * delivery/progress.ts) and the overdue actions. A borough sees the actions scoped to it, and the
 * whole-partnership actions its own organisations lead.
 */
import { ACTION_STATUSES, STATUS_LABELS } from "../delivery/plan-terms";
import { inBorough } from "../delivery/action-access";
import { derivePlan, type DerivedPlan, type PlanRecord } from "../delivery/plan-view";
import type { TableData } from "../exports/table";
import { ACTION_STATUS_COLOURS, chartOf, type ChartSpec } from "./chart-spec";

export function boroughActions(plan: PlanRecord, boroughId: string, organisationIds: Set<string>): PlanRecord {
  return { ...plan, actions: plan.actions.filter((a) => inBorough(a, { boroughId, organisationIds })) };
}

export function planTables(plan: PlanRecord, asAt: string): { derived: DerivedPlan; byTheme: TableData; overdue: TableData; chart: ChartSpec } {
  const derived = derivePlan(plan, asAt);
  const byTheme: TableData = {
    id: "plan-themes",
    caption: "Delivery plan actions by theme and status",
    columns: [
      { key: "theme", header: "Theme" },
      ...ACTION_STATUSES.map((s) => ({ key: s, header: STATUS_LABELS[s], numeric: true })),
      { key: "overdue", header: "Overdue", numeric: true },
      { key: "progress", header: "Progress (%)", numeric: true },
    ],
    rows: derived.themes.map((t) => ({
      theme: t.name,
      ...t.statusCounts,
      overdue: t.overdue,
      progress: t.progress === null ? null : Math.round(t.progress),
    })),
  };
  const overdue: TableData = {
    id: "overdue",
    caption: "Overdue actions",
    columns: [
      { key: "reference", header: "Ref" },
      { key: "title", header: "Action" },
      { key: "lead", header: "Lead organisation" },
      { key: "due", header: "Due" },
      { key: "status", header: "Status" },
    ],
    rows: derived.actions
      .filter((a) => a.standing.overdue)
      .map((a) => ({ id: a.id, reference: a.reference, title: a.title, lead: a.lead.name, due: a.dueOn, status: STATUS_LABELS[a.standing.status] })),
  };
  const chart = chartOf(byTheme, {
    category: "theme",
    horizontal: true,
    stacked: true,
    series: ACTION_STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s], colour: ACTION_STATUS_COLOURS[s] })),
  });
  return { derived, byTheme, overdue, chart };
}
