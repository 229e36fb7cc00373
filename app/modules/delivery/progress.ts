/**
 * Progress, derived so nobody types it twice: an action's progress comes from its milestones
 * when it has any (each milestone counts the same), otherwise from the latest progress entered
 * in an update (or where a carried-over action started the year). A theme's and the plan's
 * progress are the weighted mean of their actions' progress; dropped actions do not count.
 * Everything is "as at" a date, so a review can ask how things stood at the end of its quarter.
 */
import { compareQuarters, parseQuarterKey, quarterOf } from "../reporting/periods";
import { ragOf, type ActionStatus, type Rag } from "./plan-terms";

export interface MilestoneFacts {
  doneOn: string | null;
}

export interface UpdateFacts {
  quarter: string;
  status: ActionStatus;
  progress: number | null;
}

export interface ActionFacts {
  weight: number;
  dueOn: string;
  startingProgress: number;
  milestones: MilestoneFacts[];
  updates: UpdateFacts[];
}

export interface ActionStanding {
  status: ActionStatus;
  /** 0–100, unrounded. */
  progress: number;
  progressSource: "milestones" | "entered";
  milestonesDone: number;
  milestonesTotal: number;
  overdue: boolean;
  rag: Rag | null;
  /** The quarter of the update the status comes from; null before any update. */
  statusQuarter: string | null;
}

/** The update that counts as at a date: the latest one for a quarter that has started by then. */
export function latestUpdate<U extends UpdateFacts>(updates: U[], asAt: string): U | null {
  const limit = quarterOf(asAt);
  let latest: U | null = null;
  for (const update of updates) {
    const q = parseQuarterKey(update.quarter);
    if (!q || compareQuarters(q, limit) > 0) continue;
    if (!latest || compareQuarters(q, parseQuarterKey(latest.quarter)!) > 0) latest = update;
  }
  return latest;
}

export function actionStanding(action: ActionFacts, asAt: string): ActionStanding {
  const update = latestUpdate(action.updates, asAt);
  const status: ActionStatus = update?.status ?? "not_started";
  const milestonesTotal = action.milestones.length;
  const milestonesDone = action.milestones.filter((m) => m.doneOn !== null && m.doneOn <= asAt).length;
  let progress: number;
  let progressSource: ActionStanding["progressSource"];
  if (milestonesTotal > 0) {
    progress = (100 * milestonesDone) / milestonesTotal;
    progressSource = "milestones";
  } else {
    const entered = latestEnteredProgress(action.updates, asAt);
    progress = entered ?? action.startingProgress;
    progressSource = "entered";
  }
  return {
    status,
    progress,
    progressSource,
    milestonesDone,
    milestonesTotal,
    overdue: isOverdue(action.dueOn, status, asAt),
    rag: ragOf(status),
    statusQuarter: update?.quarter ?? null,
  };
}

/** The latest progress anyone typed (an update may leave it blank and keep the last figure). */
function latestEnteredProgress(updates: UpdateFacts[], asAt: string): number | null {
  const typed = updates.filter((u) => u.progress !== null);
  return latestUpdate(typed, asAt)?.progress ?? null;
}

/** Past its due date and neither complete nor dropped. */
export function isOverdue(dueOn: string, status: ActionStatus, asAt: string): boolean {
  return dueOn < asAt && status !== "complete" && status !== "dropped";
}

export interface Weighted {
  weight: number;
  status: ActionStatus;
  progress: number;
}

export interface RollUp {
  /** Weighted mean of the counted actions' progress; null when none count. */
  progress: number | null;
  /** Actions that count (every one but the dropped). */
  counted: number;
  totalWeight: number;
}

export function rollUp(actions: Weighted[]): RollUp {
  let weighted = 0;
  let totalWeight = 0;
  let counted = 0;
  for (const action of actions) {
    if (action.status === "dropped") continue;
    weighted += action.weight * action.progress;
    totalWeight += action.weight;
    counted += 1;
  }
  return { progress: totalWeight > 0 ? weighted / totalWeight : null, counted, totalWeight };
}

/** Whole percentages for people; halves round up. */
export function percent(progress: number | null): string {
  return progress === null ? "—" : `${Math.round(progress)}%`;
}
