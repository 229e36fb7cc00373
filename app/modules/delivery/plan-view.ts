/**
 * A plan as the pages and the review snapshot see it: the stored records of a plan, and the same
 * plan with every action's standing and every theme's progress derived as at a date.
 */
import { actionStanding, rollUp, type ActionStanding } from "./progress";
import type { ActionStatus, ThemeKey } from "./plan-terms";

export interface ThemeRecord {
  id: string;
  key: ThemeKey;
  name: string;
  position: number;
}

export interface MilestoneRecord {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
}

export interface UpdateRecord {
  id: string;
  quarter: string;
  status: ActionStatus;
  progress: number | null;
  commentary: string | null;
  recordedAt: string;
  recordedBy: string | null;
}

export interface ActionRecord {
  id: string;
  reference: string;
  themeId: string;
  title: string;
  description: string | null;
  lead: { id: string; name: string };
  supporting: Array<{ id: string; name: string }>;
  /** Empty means the whole partnership. */
  boroughs: Array<{ id: string; name: string }>;
  startOn: string;
  dueOn: string;
  successMeasure: string | null;
  weight: number;
  startingProgress: number;
  carriedFromActionId: string | null;
  version: number;
  milestones: MilestoneRecord[];
  updates: UpdateRecord[];
}

export interface PlanRecord {
  id: string;
  financialYear: number;
  carriedFromPlanId: string | null;
  themes: ThemeRecord[];
  actions: ActionRecord[];
}

export type DerivedAction = ActionRecord & { standing: ActionStanding };

export interface DerivedTheme extends ThemeRecord {
  progress: number | null;
  actions: DerivedAction[];
  statusCounts: Record<ActionStatus, number>;
  overdue: number;
}

export interface DerivedPlan {
  progress: number | null;
  themes: DerivedTheme[];
  actions: DerivedAction[];
  statusCounts: Record<ActionStatus, number>;
  overdue: number;
}

const emptyCounts = (): Record<ActionStatus, number> => ({ not_started: 0, on_track: 0, at_risk: 0, off_track: 0, complete: 0, dropped: 0 });

/** Compares references "1.2" < "1.10" < "2.1" by number, not as text. */
export function compareReferences(a: string, b: string) {
  const [a1, a2] = a.split(".").map(Number);
  const [b1, b2] = b.split(".").map(Number);
  return a1 - b1 || a2 - b2;
}

export function derivePlan(plan: PlanRecord, asAt: string): DerivedPlan {
  const actions: DerivedAction[] = [...plan.actions]
    .sort((a, b) => compareReferences(a.reference, b.reference))
    .map((action) => ({
      ...action,
      standing: actionStanding(
        { weight: action.weight, dueOn: action.dueOn, startingProgress: action.startingProgress, milestones: action.milestones, updates: action.updates },
        asAt,
      ),
    }));
  const count = (list: DerivedAction[]) => {
    const counts = emptyCounts();
    for (const a of list) counts[a.standing.status] += 1;
    return counts;
  };
  const roll = (list: DerivedAction[]) => rollUp(list.map((a) => ({ weight: a.weight, status: a.standing.status, progress: a.standing.progress }))).progress;
  const themes = [...plan.themes]
    .sort((a, b) => a.position - b.position)
    .map((theme) => {
      const own = actions.filter((a) => a.themeId === theme.id);
      return { ...theme, actions: own, progress: roll(own), statusCounts: count(own), overdue: own.filter((a) => a.standing.overdue).length };
    });
  return { progress: roll(actions), themes, actions, statusCounts: count(actions), overdue: actions.filter((a) => a.standing.overdue).length };
}
