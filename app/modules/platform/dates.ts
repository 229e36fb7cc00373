/** Dates and times as people in the UK read them, in UK time whatever the server's zone. */
const dateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", minute: "2-digit", hour12: true });

/** 29 November 2026 */
export function formatDate(value: Date | string): string {
  return dateFormat.format(new Date(value));
}

/** 29 November 2026 at 3:05pm */
export function formatDateTime(value: Date | string): string {
  const date = new Date(value);
  return `${dateFormat.format(date)} at ${timeFormat.format(date).replace(/\s/g, "").toLowerCase()}`;
}
