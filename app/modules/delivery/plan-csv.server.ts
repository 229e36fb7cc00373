/**
 * What a plan's CSV uploads (actions, quarterly updates) share: the columns by their spreadsheet
 * labels, read by the one CSV reader, with each problem at a column number and label as the upload
 * page lists them, quoting the cell. Columns a coordinator adds for their own notes are ignored
 * and named back to them.
 */
import { readCsv } from "../platform/csv/read.server";

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
  /** The cell as written, when the problem is about one cell. */
  value?: string;
}

export interface CsvRow<K extends string> {
  row: number;
  cells: Record<K, string>;
}

export const MAX_CSV_ROWS = 2000;

/** `ignored`: the file's columns the upload does not take, skipped. */
export type CsvTable<K extends string> =
  { ok: true; rows: Array<CsvRow<K>>; columnOf: (key: K) => { column: number; label: string }; ignored: string[] } | { ok: false; problems: CsvProblem[]; ignored: string[] };

export function readCsvTable<K extends string>(text: string, columns: Array<CsvColumn<K>>): CsvTable<K> {
  const table = readCsv(text, { columns: columns.map((c) => ({ name: c.label, required: c.required })), maxRows: MAX_CSV_ROWS });
  if (!table.ok) {
    const problems = table.problems.map((p) => ({
      row: p.row,
      column: p.column ? table.positionOf(p.column) : null,
      columnLabel: p.column || null,
      message: p.message,
      value: p.value,
    }));
    return { ok: false, problems, ignored: table.ignored };
  }
  const rows = table.rows.map(({ row, raw }) => ({ row, cells: Object.fromEntries(columns.map((c) => [c.key, raw[c.label] ?? ""])) as Record<K, string> }));
  const columnOf = (key: K) => {
    const label = columns.find((c) => c.key === key)!.label;
    return { column: table.positionOf(label) ?? 0, label };
  };
  return { ok: true, rows, columnOf, ignored: table.ignored };
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

/** Collects problems for one file, each at a named column of a row, with the cell as written. */
export class CsvProblems<K extends string> {
  readonly list: CsvProblem[] = [];
  private readonly cells: Map<number, Record<K, string>>;
  constructor(
    private readonly columnOf: (key: K) => { column: number; label: string },
    rows: Array<CsvRow<K>>,
  ) {
    this.cells = new Map(rows.map((r) => [r.row, r.cells]));
  }
  add(row: number, key: K | null, message: string) {
    const at = key ? this.columnOf(key) : null;
    const value = key && at && at.column > 0 ? this.cells.get(row)?.[key] : undefined;
    this.list.push({ row, column: at && at.column > 0 ? at.column : null, columnLabel: at?.label ?? null, message, ...(value === undefined ? {} : { value }) });
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
