/**
 * A reported value is a whole number 0 or more, *not applicable*, or missing (not yet answered).
 * The three never blur: storage keeps missing as no row, forms show a blank and a separate
 * "not applicable" tick, and CSV writes "N/A" and an empty cell.
 */
export const NOT_APPLICABLE = "na" as const;
export type MetricValue = number | typeof NOT_APPLICABLE | null;

/** The largest figure a return accepts: bigger is a typing slip in a quarter's activity. */
export const MAX_VALUE = 999_999;

export const CSV_NOT_APPLICABLE = "N/A";

export type ParsedCell = { ok: true; value: MetricValue } | { ok: false; problem: "not_whole_number" | "negative" | "too_large" };

const NA_SPELLINGS = new Set(["n/a", "na", "not applicable"]);

/** Reads what a person typed in a figure's box (or a CSV cell): blank, N/A, or a whole number. */
export function parseValue(raw: string | null | undefined, options: { allowNotApplicable?: boolean } = {}): ParsedCell {
  const text = (raw ?? "").trim();
  if (text === "") return { ok: true, value: null };
  if ((options.allowNotApplicable ?? true) && NA_SPELLINGS.has(text.toLowerCase())) return { ok: true, value: NOT_APPLICABLE };
  // Thousands separators are how people write numbers; anything else must be digits.
  const compact = text.replace(/(?<=\d)[,\s](?=\d{3}(\D|$))/g, "");
  if (/^-\s*\d+$/.test(compact)) return { ok: false, problem: "negative" };
  if (!/^\+?\d+$/.test(compact)) return { ok: false, problem: "not_whole_number" };
  const value = Number(compact.replace("+", ""));
  if (value > MAX_VALUE) return { ok: false, problem: "too_large" };
  return { ok: true, value };
}

export function problemMessage(problem: Exclude<ParsedCell, { ok: true }>["problem"], label: string) {
  switch (problem) {
    case "negative":
      return `${label} must be 0 or more`;
    case "too_large":
      return `${label} must be ${MAX_VALUE.toLocaleString("en-GB")} or fewer`;
    default:
      return `${label} must be a whole number, like 12, or left blank`;
  }
}

export function isNumber(value: MetricValue | undefined): value is number {
  return typeof value === "number";
}

/** For people: "12", "1,204", "Not applicable", "Not answered". */
export function displayValue(value: MetricValue | undefined): string {
  if (value === NOT_APPLICABLE) return "Not applicable";
  if (value === null || value === undefined) return "Not answered";
  return value.toLocaleString("en-GB");
}

/** For a CSV cell: "12", "N/A", or empty. */
export function csvValue(value: MetricValue | undefined): string {
  if (value === NOT_APPLICABLE) return CSV_NOT_APPLICABLE;
  if (value === null || value === undefined) return "";
  return String(value);
}

export function sameValue(a: MetricValue | undefined, b: MetricValue | undefined) {
  return (a ?? null) === (b ?? null);
}
