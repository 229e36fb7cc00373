/**
 * What a review freezes: the plan as it stood at the end of the review's quarter — every theme's
 * and action's status and progress — and the partnership's figures for that quarter. Stored as
 * JSON with a version, so a later change to this shape reads old reviews the way they were taken.
 */
import { financialYearLabel, parseQuarterKey } from "../reporting/periods";
import { ragOf, type ActionStatus, type Rag, type ReviewKind, type ThemeKey } from "./plan-terms";
import { derivePlan, type PlanRecord } from "./plan-view";
import { rollUp } from "./progress";

export const SNAPSHOT_VERSION = 1;

/** Figures gathered by reviewFigures(); see review-figures.server.ts for where each comes from. */
export interface ReviewFigures {
  adoption: {
    source: "pledges";
    /** The day the pledge statuses are taken on: the end of the review's quarter. */
    asAt: string;
    note: string;
    organisations: number;
    signed: number;
    statutory: number;
    statutorySigned: number;
    byBorough: Array<{ borough: string; organisations: number; signed: number; statutory: number; statutorySigned: number }>;
    bySector: Array<{ sector: string; organisations: number; signed: number }>;
  };
  activity: {
    available: boolean;
    note: string;
    returnsCounted: number;
    returnsExpected: number;
    /** Totals for the quarter; counts of people carry no target and no RAG colour, ever. Null: nobody reported a number. */
    totals: Array<{ metric: string; label: string; unit: string; participantCount: boolean; value: number | null; reporting: number; notApplicable: number }>;
  };
}

export type StatusCounts = Record<ActionStatus, number>;

export interface SnapshotAction {
  id: string;
  reference: string;
  themeId: string;
  title: string;
  lead: string;
  supporting: string[];
  /** Empty means the whole partnership. */
  boroughs: string[];
  startOn: string;
  dueOn: string;
  successMeasure: string | null;
  weight: number;
  status: ActionStatus;
  rag: Rag | null;
  progress: number;
  progressSource: "milestones" | "entered";
  milestonesDone: number;
  milestonesTotal: number;
  overdue: boolean;
  statusQuarter: string | null;
  commentary: string | null;
}

export interface SnapshotTheme {
  id: string;
  key: ThemeKey;
  name: string;
  position: number;
  progress: number | null;
  actions: number;
  overdue: number;
  statusCounts: StatusCounts;
}

export interface ReviewSnapshot {
  version: typeof SNAPSHOT_VERSION;
  kind: ReviewKind;
  takenAt: string;
  /** The last day of the review's quarter: the day the figures describe. */
  asAt: string;
  quarter: { key: string; label: string };
  plan: { id: string; financialYear: number; label: string; progress: number | null; actions: number; overdue: number; statusCounts: StatusCounts };
  themes: SnapshotTheme[];
  actions: SnapshotAction[];
  figures: ReviewFigures;
}

const oneDecimal = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function buildSnapshot(
  plan: PlanRecord,
  { kind, quarterKey, takenAt, figures }: { kind: ReviewKind; quarterKey: string; takenAt: Date; figures: ReviewFigures },
): ReviewSnapshot {
  const q = parseQuarterKey(quarterKey);
  if (!q) throw new Error(`Not a quarter: ${quarterKey}`);
  const derived = derivePlan(plan, q.end);
  return {
    version: SNAPSHOT_VERSION,
    kind,
    takenAt: takenAt.toISOString(),
    asAt: q.end,
    quarter: { key: q.key, label: q.label },
    plan: {
      id: plan.id,
      financialYear: plan.financialYear,
      label: financialYearLabel(plan.financialYear),
      progress: oneDecimal(derived.progress),
      actions: derived.actions.length,
      overdue: derived.overdue,
      statusCounts: derived.statusCounts,
    },
    themes: derived.themes.map((t) => ({
      id: t.id,
      key: t.key,
      name: t.name,
      position: t.position,
      progress: oneDecimal(t.progress),
      actions: t.actions.length,
      overdue: t.overdue,
      statusCounts: t.statusCounts,
    })),
    actions: derived.actions.map((a) => ({
      id: a.id,
      reference: a.reference,
      themeId: a.themeId,
      title: a.title,
      lead: a.lead.name,
      supporting: a.supporting.map((s) => s.name),
      boroughs: a.boroughs.map((b) => b.name),
      startOn: a.startOn,
      dueOn: a.dueOn,
      successMeasure: a.successMeasure,
      weight: a.weight,
      status: a.standing.status,
      rag: ragOf(a.standing.status),
      progress: oneDecimal(a.standing.progress)!,
      progressSource: a.standing.progressSource,
      milestonesDone: a.standing.milestonesDone,
      milestonesTotal: a.standing.milestonesTotal,
      overdue: a.standing.overdue,
      statusQuarter: a.standing.statusQuarter,
      commentary: a.updates.find((u) => u.quarter === a.standing.statusQuarter)?.commentary ?? null,
    })),
    figures,
  };
}

/** Reads a stored snapshot; a version this code does not know is an error, never a guess. */
export function readSnapshot(stored: unknown): ReviewSnapshot {
  const value = (typeof stored === "string" ? JSON.parse(stored) : stored) as { version?: unknown };
  if (!value || value.version !== SNAPSHOT_VERSION) throw new Error(`A review snapshot of version ${String(value?.version)} cannot be read by this version of Golden Thread`);
  return value as ReviewSnapshot;
}

/**
 * A review as a board member limited to one borough reads it (ADR 0022): the frozen actions of
 * their borough (scoped to it, or partnership-wide and led by one of its organisations — by name,
 * as the snapshot keeps names), themes and plan totals counted again from those, and their
 * borough's adoption row only. The partnership's sector and activity totals cover every borough,
 * so they are left out with a note saying where the borough's own figures are.
 */
export function boroughSnapshot(snapshot: ReviewSnapshot, { borough, organisations }: { borough: string; organisations: ReadonlySet<string> }): ReviewSnapshot {
  const actions = snapshot.actions.filter((a) => a.boroughs.includes(borough) || (a.boroughs.length === 0 && organisations.has(a.lead)));
  const totals = (list: SnapshotAction[]) => {
    const statusCounts: StatusCounts = { not_started: 0, on_track: 0, at_risk: 0, off_track: 0, complete: 0, dropped: 0 };
    for (const a of list) statusCounts[a.status] += 1;
    return { progress: oneDecimal(rollUp(list).progress), actions: list.length, overdue: list.filter((a) => a.overdue).length, statusCounts };
  };
  const own = snapshot.figures.adoption.byBorough.find((b) => b.borough === borough) ?? { borough, organisations: 0, signed: 0, statutory: 0, statutorySigned: 0 };
  return {
    ...snapshot,
    plan: { ...snapshot.plan, ...totals(actions) },
    themes: snapshot.themes.map((t) => ({ ...t, ...totals(actions.filter((a) => a.themeId === t.id)) })),
    actions,
    figures: {
      adoption: {
        ...snapshot.figures.adoption,
        organisations: own.organisations,
        signed: own.signed,
        statutory: own.statutory,
        statutorySigned: own.statutorySigned,
        byBorough: [own],
        bySector: [],
        note: `${snapshot.figures.adoption.note} Figures for ${borough} only.`,
      },
      activity: {
        ...snapshot.figures.activity,
        available: false,
        totals: [],
        note: `The partnership's activity totals cover every borough, so they are not shown here: ${borough}'s figures for the quarter are on its dashboard.`,
      },
    },
  };
}
