/**
 * CSV files checked as a whole: parse, match the header to the expected columns, and collect
 * every problem with its row and column number as a spreadsheet shows them (the header is row 1).
 * Nothing is written unless the whole file is clean; the importers decide what clean means.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

export interface CsvColumn<K extends string> {
  key: K;
  label: string;
  required: boolean;
}

export interface CsvProblem {
  row: number;
  column: number | null;
  columnLabel: string | null;
  message: string;
}

export interface CsvRow<K extends string> {
  row: number;
  cells: Record<K, string>;
}

export const MAX_CSV_ROWS = 2000;

export type CsvTable<K extends string> =
  | { ok: true; rows: Array<CsvRow<K>>; columnOf: (key: K) => { column: number; label: string } }
  | { ok: false; problems: CsvProblem[] };

const normalise = (label: string) => label.trim().toLowerCase().replace(/\s+/g, " ");

export function readCsvTable<K extends string>(text: string, columns: Array<CsvColumn<K>>): CsvTable<K> {
  let records: string[][];
  try {
    records = parse(text.replace(/\u0000/g, ""), { bom: true, relax_column_count: true, skip_empty_lines: true, trim: false });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { ok: false, problems: [{ row: line ?? 1, column: null, columnLabel: null, message: "The file could not be read as CSV. Save it from your spreadsheet as “CSV (comma delimited)” and try again." }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: 1, column: null, columnLabel: null, message: "The file is empty" }] };
  if (records.length - 1 > MAX_CSV_ROWS) return { ok: false, problems: [{ row: MAX_CSV_ROWS + 2, column: null, columnLabel: null, message: `Upload at most ${MAX_CSV_ROWS} rows at a time` }] };

  const header = records[0].map(normalise);
  const positions = new Map<K, number>();
  const problems: CsvProblem[] = [];
  for (const column of columns) {
    const at = header.indexOf(normalise(column.label));
    if (at >= 0) positions.set(column.key, at);
    else if (column.required) problems.push({ row: 1, column: null, columnLabel: column.label, message: `The header row has no “${column.label}” column` });
  }
  if (problems.length) return { ok: false, problems };

  const rows = records.slice(1).flatMap((record, i) => {
    if (record.every((cell) => cell.trim() === "")) return [];
    const cells = Object.fromEntries(columns.map((c) => [c.key, positions.has(c.key) ? (record[positions.get(c.key)!] ?? "").trim() : ""])) as Record<K, string>;
    return [{ row: i + 2, cells }];
  });
  const columnOf = (key: K) => ({ column: (positions.get(key) ?? -1) + 1, label: columns.find((c) => c.key === key)!.label });
  return { ok: true, rows, columnOf };
}

export function csvText(header: string[], rows: Array<Array<string | number | null>>): string {
  return stringify([header, ...rows.map((r) => r.map((v) => (v === null ? "" : String(v))))]);
}

/** Dates as typed, or as a UK spreadsheet rewrites them (31/03/2027). */
export function csvDate(text: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : uk ? [uk[3], uk[2].padStart(2, "0"), uk[1].padStart(2, "0")] : [];
  if (!y || y < "1900" || y >= "2200") return null;
  const value = `${y}-${m}-${d}`;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value ? value : null;
}

/** Collects problems for one file, each at a named column of a row. */
export class CsvProblems<K extends string> {
  readonly list: CsvProblem[] = [];
  constructor(private readonly columnOf: (key: K) => { column: number; label: string }) {}
  add(row: number, key: K | null, message: string) {
    const at = key ? this.columnOf(key) : null;
    this.list.push({ row, column: at && at.column > 0 ? at.column : null, columnLabel: at?.label ?? null, message });
  }
}

export const listCell = (text: string) =>
  text
    .split(";")
    .map((s) => s.trim())
    .filter(Boolean);

/** Thrown inside an import's transaction when the plan changed between checking and writing: nothing is kept. */
export class ImportConflict extends Error {
  constructor() {
    super("The plan changed while the file was being checked");
  }
}
