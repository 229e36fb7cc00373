/**
 * A return's place in the reporting calendar: when it is due, when its quarter locks, whether it
 * is locked now, and whether it was on time. Pure; the partnership's settings come in as numbers.
 */
import { ukInstant } from "../platform/dates";
import { addDays, dueDate, lockDate, previousQuarter, quarterOf, type Quarter } from "../reporting/periods";
import type { ReturnStatus } from "./status";

export interface ReportingSettings {
  deadlineDays: number;
  graceDays: number;
}

export interface LockState {
  dueOn: string;
  /** The last day the quarter's returns can be edited without an exception. */
  editableUntil: string;
  locked: boolean;
  reason: "accepted" | "period" | null;
  /** An open exception for this organisation: editable until this day despite the period lock. */
  exceptionUntil: string | null;
}

/**
 * Locked when accepted (the coordinator must return it to reopen it), or when the quarter's due
 * date plus grace has passed and no exception for the organisation is open on `today`.
 */
export function lockState(q: Quarter, settings: ReportingSettings, today: string, status: ReturnStatus | null, exceptionUntil: string | null = null): LockState {
  const dueOn = dueDate(q, settings.deadlineDays);
  const editableUntil = lockDate(q, settings.deadlineDays, settings.graceDays);
  const exceptionOpen = exceptionUntil !== null && today <= exceptionUntil;
  const periodLocked = today > editableUntil && !exceptionOpen;
  const reason = status === "accepted" ? "accepted" : periodLocked ? "period" : null;
  return { dueOn, editableUntil, locked: reason !== null, reason, exceptionUntil: exceptionOpen ? exceptionUntil : null };
}

export type Timeliness = "on_time" | "late" | null;

// The instant a UK day ends, per day: dashboards ask it of thousands of returns against one due date.
const dayEnds = new Map<string, number>();
function endOfUkDay(day: string): number {
  let end = dayEnds.get(day);
  if (end === undefined) {
    end = ukInstant(addDays(day, 1)).getTime();
    if (dayEnds.size > 5000) dayEnds.clear();
    dayEnds.set(day, end);
  }
  return end;
}

/** On time when first submitted on or before the due date (a UK calendar day). */
export function timeliness(firstSubmittedAt: Date | string | null, dueOn: string): Timeliness {
  if (!firstSubmittedAt) return null;
  const at = typeof firstSubmittedAt === "string" ? new Date(firstSubmittedAt) : firstSubmittedAt;
  return at.getTime() < endOfUkDay(dueOn) ? "on_time" : "late";
}

/** The quarters a champion's page shows: the current one and the `count` before it, newest first. */
export function recentQuarters(today: string, count: number): Quarter[] {
  const list: Quarter[] = [];
  let q = quarterOf(today);
  for (let i = 0; i <= count; i++) {
    list.push(q);
    q = previousQuarter(q);
  }
  return list;
}

/** "30 October 2026". */
export function longDate(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** A real calendar date written 'YYYY-MM-DD' (not 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}
