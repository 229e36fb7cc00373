/**
 * The one clock. Whatever asks what day or time it is — deadlines, locks and grace, pledge renewal,
 * reminders, the dashboards' current quarter, the demo seed, the two-factor code page — asks here,
 * so every rule agrees on the day however the clock is set. Lint refuses `new Date()` and
 * `Date.now()` anywhere else. The day is the UK's: at 00:30 BST on 1 July it is already 1 July.
 *
 * `GT_CLOCK` sets a process's clock to an instant (`2027-03-31T23:30:00Z`) or a UK day (`2027-03-31`,
 * its midnight), from which it runs on. It is kept in the environment as `GT_CLOCK_OFFSET_MS`, so
 * processes started from this one (the app under test, a test worker) run on exactly the same clock.
 * Tests stop it at an instant with `setClock`. Instants the database both writes and compares
 * itself (revision stamps, sign-in throttling) stay on its own clock: see docs/decisions/0018.
 */
import { ukDate, ukInstant } from "./dates";

function parseInstant(text: string): number {
  const at = /^\d{4}-\d{2}-\d{2}$/.test(text) ? ukInstant(text).getTime() : Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`GT_CLOCK must be a day (2027-03-31) or an instant (2027-03-31T23:30:00Z), not ${JSON.stringify(text)}`);
  return at;
}

function startingOffset(): number {
  const asked = process.env.GT_CLOCK?.trim();
  if (asked) {
    // Kept as an offset, and GT_CLOCK dropped, so a process started from this one inherits this clock rather than starting its own.
    const offset = parseInstant(asked) - Date.now();
    process.env.GT_CLOCK_OFFSET_MS = String(offset);
    delete process.env.GT_CLOCK;
    return offset;
  }
  const kept = process.env.GT_CLOCK_OFFSET_MS;
  return kept && /^-?\d+$/.test(kept) ? Number(kept) : 0;
}

const processOffsetMs = startingOffset();
let offsetMs = processOffsetMs;
let stoppedAt: number | null = null;

/** Milliseconds since 1970, as `Date.now()` would say on this clock. */
export function epochMs(): number {
  return stoppedAt ?? Date.now() + offsetMs;
}

export function now(): Date {
  return new Date(epochMs());
}

/** Today in the UK, 'YYYY-MM-DD'. */
export function today(): string {
  return ukDate(now());
}

/** One reading of the clock: an instant and its UK day, which agree (the demo seed takes both). */
export function clockReading(): { now: Date; today: string } {
  const at = now();
  return { now: at, today: ukDate(at) };
}

/** Whether the clock has been moved from the system's (GT_CLOCK or a test). */
export function clockIsSet(): boolean {
  return stoppedAt !== null || offsetMs !== 0;
}

/**
 * Tests: stop the clock at an instant or a UK day's midnight, or with `running` set it from there
 * and let it run on (to share it with a process this one starts: `clockOffsetMs`). `null` puts back
 * the clock the process started with.
 */
export function setClock(at: Date | string | null, options: { running?: boolean } = {}): void {
  const ms = at === null ? null : at instanceof Date ? at.getTime() : parseInstant(at);
  stoppedAt = ms !== null && !options.running ? ms : null;
  offsetMs = ms !== null && options.running ? ms - Date.now() : processOffsetMs;
}

/** GT_CLOCK_OFFSET_MS for a process started from this one to run on this clock (a stopped clock cannot be shared). */
export function clockOffsetMs(): number {
  if (stoppedAt !== null) throw new Error("A stopped clock cannot be shared with another process: set it running");
  return offsetMs;
}

/**
 * The machine's own clock, which neither GT_CLOCK nor a test moves: only for the session lifetimes
 * that lucia measures on it, so that session.server.ts measures them the same way.
 */
export function machineNow(): Date {
  return new Date();
}
