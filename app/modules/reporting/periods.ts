/**
 * Reporting periods: UK financial-year quarters (Q1 = April–June). A quarter is named by its key
 * "2026Q1" (financial year starting April 2026, first quarter) and shown as "2026/27 Q1".
 * Dates are calendar dates 'YYYY-MM-DD', compared as text; no time zones involved.
 */
export type QuarterKey = `${number}Q${1 | 2 | 3 | 4}`;

export interface Quarter {
  key: QuarterKey;
  /** The calendar year the financial year starts in (April). */
  year: number;
  number: 1 | 2 | 3 | 4;
  start: string;
  end: string;
  label: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function financialYearLabel(year: number) {
  return `${year}/${pad((year + 1) % 100)}`;
}

export function quarter(year: number, number: 1 | 2 | 3 | 4): Quarter {
  const startMonth = 4 + (number - 1) * 3; // 4, 7, 10, 13 (= January next year)
  const sy = startMonth > 12 ? year + 1 : year;
  const sm = ((startMonth - 1) % 12) + 1;
  const em = sm + 2;
  return {
    key: `${year}Q${number}` as QuarterKey,
    year,
    number,
    start: iso(sy, sm, 1),
    end: iso(sy, em, lastDay(sy, em)),
    label: `${financialYearLabel(year)} Q${number}`,
  };
}

export function parseQuarterKey(key: string): Quarter | null {
  const match = /^(\d{4})Q([1-4])$/.exec(key);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return quarter(year, Number(match[2]) as 1 | 2 | 3 | 4);
}

/** The quarter a calendar date ('YYYY-MM-DD' or Date) falls in. */
export function quarterOf(date: string | Date): Quarter {
  const text = typeof date === "string" ? date : date.toISOString().slice(0, 10);
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const year = m >= 4 ? y : y - 1;
  const number = (m >= 4 ? Math.floor((m - 4) / 3) + 1 : 4) as 1 | 2 | 3 | 4;
  return quarter(year, number);
}

export function nextQuarter(q: Quarter): Quarter {
  return q.number === 4 ? quarter(q.year + 1, 1) : quarter(q.year, (q.number + 1) as 1 | 2 | 3 | 4);
}

export function previousQuarter(q: Quarter): Quarter {
  return q.number === 1 ? quarter(q.year - 1, 4) : quarter(q.year, (q.number - 1) as 1 | 2 | 3 | 4);
}

/** Quarters from `from` to `to` inclusive, oldest first. */
export function quartersBetween(from: Quarter, to: Quarter): Quarter[] {
  const list: Quarter[] = [];
  for (let q = from; compareQuarters(q, to) <= 0; q = nextQuarter(q)) {
    list.push(q);
    if (list.length > 400) break;
  }
  return list;
}

export function compareQuarters(a: Quarter, b: Quarter) {
  return a.year - b.year || a.number - b.number;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const d = Number(date.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = (((m % 12) + 12) % 12) + 1;
  return iso(ty, tm, Math.min(d, lastDay(ty, tm)));
}

/** The day a quarter's return is due: `deadlineDays` after the quarter ends. */
export function dueDate(q: Quarter, deadlineDays: number): string {
  return addDays(q.end, deadlineDays);
}

/** The last day a quarter's returns can still be edited before they lock. */
export function lockDate(q: Quarter, deadlineDays: number, graceDays: number): string {
  return addDays(q.end, deadlineDays + graceDays);
}

/** The financial year (April–March) a date falls in, by its starting calendar year. */
export function financialYearOf(date: string | Date): number {
  return quarterOf(date).year;
}
