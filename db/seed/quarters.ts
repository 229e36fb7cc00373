/**
 * Quarter keys for the demo seed ("2026Q1": the financial year starting April 2026, first quarter).
 * A few lines mirroring app/modules/reporting/periods.ts, which db/ may not import.
 */
export function quarterKeyOf(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return m >= 4 ? `${y}Q${Math.floor((m - 4) / 3) + 1}` : `${y - 1}Q4`;
}

export function shiftQuarter(key: string, by: number): string {
  const index = Number(key.slice(0, 4)) * 4 + Number(key.slice(5)) - 1 + by;
  return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day of a quarter. */
export function quarterEnd(key: string): string {
  const year = Number(key.slice(0, 4));
  const n = Number(key.slice(5));
  const month = 3 + n * 3; // 6, 9, 12, 15 (= March next year)
  const y = month > 12 ? year + 1 : year;
  const m = month > 12 ? month - 12 : month;
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The first day of a quarter. */
export function quarterStart(key: string): string {
  return addDays(quarterEnd(shiftQuarter(key, -1)), 1);
}

export function dueOn(key: string, deadlineDays: number): string {
  return addDays(quarterEnd(key), deadlineDays);
}
