/**
 * The delivery plan's fixed vocabulary: the six themes of Appendix A of the county strategy
 * (002_*.txt; names renameable per partnership), action statuses and the RAG colour each carries,
 * and the two reviews of a year. Pure: pages and server share it.
 */
import { ACTION_STATUSES, type ActionStatus, type ReviewKind } from "../../../db/types";
import { financialYearLabel, quarter, type Quarter } from "../reporting/periods";
import { THEMES, type ThemeKey } from "./themes";

export { ACTION_STATUSES, type ActionStatus, type ReviewKind, type ThemeKey };

/** The themes a partnership's plan starts with, in Appendix A's order (position is the reference's first digit). */
export const DEFAULT_THEMES: Array<{ key: ThemeKey; name: string; position: number }> = THEMES.map((t, i) => ({ key: t.key, name: t.label, position: i + 1 }));

export const STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  off_track: "Off track",
  complete: "Complete",
  dropped: "Dropped",
};

export type Rag = "red" | "amber" | "green";

/** RAG is for delivery actions only, and always shown beside the status in words. */
export function ragOf(status: ActionStatus): Rag | null {
  switch (status) {
    case "on_track":
    case "complete":
      return "green";
    case "at_risk":
      return "amber";
    case "off_track":
      return "red";
    default:
      return null;
  }
}

export const RAG_LABELS: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green" };

export function statusFromLabel(text: string): ActionStatus | null {
  const wanted = text
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  return ACTION_STATUSES.find((s) => s.replace(/_/g, " ") === wanted || STATUS_LABELS[s].toLowerCase() === wanted) ?? null;
}

export const REVIEW_KINDS: ReviewKind[] = ["mid_year", "end_year"];

export const REVIEW_LABELS: Record<ReviewKind, string> = { mid_year: "Mid-year review", end_year: "End-year review" };

/** A mid-year review looks at the year to the end of Q2; an end-year review at the whole year. */
export function reviewQuarter(financialYear: number, kind: ReviewKind): Quarter {
  return quarter(financialYear, kind === "mid_year" ? 2 : 4);
}

/** A review can be opened once its quarter has ended. */
export function reviewCanOpen(financialYear: number, kind: ReviewKind, today: string): boolean {
  return today > reviewQuarter(financialYear, kind).end;
}

export function reviewTitle(financialYear: number, kind: ReviewKind) {
  return `${REVIEW_LABELS[kind]} ${financialYearLabel(financialYear)}`;
}

export function planTitle(financialYear: number) {
  return `Delivery plan ${financialYearLabel(financialYear)}`;
}

/** The quarters of a plan's year an update can be recorded for: those that have started. */
export function updateQuarters(financialYear: number, today: string): Quarter[] {
  return ([1, 2, 3, 4] as const).map((n) => quarter(financialYear, n)).filter((q) => q.start <= today);
}

/** The years a coordinator may start a plan for: next year, this year, and last year (catching up). */
export function planYearChoices(thisYear: number): number[] {
  return [thisYear + 1, thisYear, thisYear - 1];
}

/** The update form's field for the day a milestone was done. */
export const milestoneField = (milestoneId: string) => `done-${milestoneId}`;
