/** Dates and times as people in the UK read them, in UK time whatever the server's zone. */
const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hourCycle: "h12" });
// Made once: building an Intl.DateTimeFormat costs far more than using one (dashboards call ukDate per return).
const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });
const londonOffset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", timeZoneName: "longOffset" });

/** 29 November 2026 */
export function formatDate(value: Date | string): string {
  return dateFormat.format(new Date(value));
}

/** 29 November 2026 at 3:05pm */
export function formatDateTime(value: Date | string): string {
  const date = new Date(value);
  return `${dateFormat.format(date)} at ${timeFormat.format(date).replace(/\s/g, "").toLowerCase()}`;
}

const spreadsheetFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** 29/11/2026 15:05, UK time: what a spreadsheet set to the UK reads as a date and time. */
export function spreadsheetDateTime(value: Date | string): string {
  return spreadsheetFormat.format(new Date(value)).replace(",", "");
}

/** The calendar day in the UK on which an instant falls: 23:30 UTC on 30 June is 00:30 BST on 1 July. */
export function ukDate(at: Date | string): string {
  const parts = londonDay.formatToParts(typeof at === "string" ? new Date(at) : at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get("year")}-${get("month")}-${get("day")}`;
}

/** Minutes London is ahead of UTC at an instant: 0 in winter (GMT), 60 in summer (BST). */
function londonOffsetMinutes(epochMs: number): number {
  const name = londonOffset.formatToParts(new Date(epochMs)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}

/**
 * The instant a UK wall-clock time happens: `ukInstant("2027-07-01", "00:30")` is 23:30 UTC on
 * 30 June. A time the clocks skip (01:30 on the last Sunday of March) is read as the hour after;
 * one they pass twice (01:30 on the last Sunday of October) as the first, in BST.
 */
export function ukInstant(day: string, time = "00:00"): Date {
  const wall = Date.parse(`${day}T${time}:00Z`);
  if (Number.isNaN(wall)) throw new Error(`Not a UK day and time: ${day} ${time}`);
  // The offset either side of the wall time, half a day away from any change of the clocks.
  const earlier = londonOffsetMinutes(wall - 12 * 3_600_000) * 60_000;
  const later = londonOffsetMinutes(wall + 12 * 3_600_000) * 60_000;
  for (const offset of [Math.max(earlier, later), Math.min(earlier, later)]) {
    if (londonOffsetMinutes(wall - offset) * 60_000 === offset) return new Date(wall - offset);
  }
  return new Date(wall - earlier);
}
