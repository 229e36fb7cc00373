/**
 * The one CSV reader, for every upload (organisations, quarterly values, plan actions and updates):
 * the whole file is read and every cell checked before anything is written, and every problem is
 * reported by row and column the way a spreadsheet shows them (the header is row 1), quoting the
 * cell. Callers apply the rows only when there is no problem at all: all or nothing. The separator
 * (comma, semicolon or tab) is found from the header; headers match ignoring case, spaces,
 * punctuation and order; a column the upload does not know is listed in `ignored` and skipped, so
 * a coordinator's own notes column never refuses a file. Cells are trimmed and lose the download's
 * formula guard.
 */
import { parse } from "csv-parse/sync";
import { detectDelimiter, type Delimiter } from "./delimiter";
import { unguardFormula } from "./formula";
import { binaryProblem } from "./upload.server";

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ColumnSpec<T = unknown> {
  name: string;
  /** The header must have it. */
  required?: boolean;
  /** Reads one cell (already trimmed); without it the cell is kept as text. */
  parse?: (cell: string) => CellResult<T>;
}

export interface CsvProblem {
  /** Spreadsheet row number: the header is 1, the first data row 2. 0 for the file as a whole. */
  row: number;
  /** The column's name, or "" when the problem is about the whole row or file. */
  column: string;
  message: string;
  /** The cell as written, when the problem is about one cell (or the header's name). */
  value?: string;
}

export interface CsvRow {
  row: number;
  /** Parsed values by column name, for the columns the file has. */
  values: Record<string, unknown>;
  /** The cells as written (trimmed, unguarded), by column name. */
  raw: Record<string, string>;
}

export interface CsvTable {
  ok: boolean;
  /** The header as written. */
  columns: string[];
  rows: CsvRow[];
  problems: CsvProblem[];
  /** Where a column is in the file, counting from 1, or null when the file lacks it. */
  positionOf: (name: string) => number | null;
  /** Columns of the file this upload does not take, as written: skipped, and told to the person. */
  ignored: string[];
  delimiter: Delimiter;
}

export interface CsvReadOptions {
  columns: ColumnSpec[];
  /** A spec for a header not in `columns` (e.g. one column per metric), or null if it is unknown. */
  columnFor?: (name: string) => ColumnSpec | null;
  /** Checks across the cells of one row, after each cell parsed. */
  checkRow?: (row: CsvRow) => CsvProblem[];
  maxRows?: number;
}

export const MAX_ROWS = 20_000;

/** A header as matched: "Organisation ID", "organisation_id" and "Organisation-Id" are one column. */
export const headerKey = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
const cellText = (cell: string) => unguardFormula(cell.trim()).trim();

export function readCsv(text: string, options: CsvReadOptions): CsvTable {
  const nowhere = () => null;
  const detected = detectDelimiter(text);
  const delimiter = detected.delimiter;
  const refused = (problems: CsvProblem[], columns: string[] = []): CsvTable => ({ ok: false, columns, rows: [], problems, positionOf: nowhere, ignored: [], delimiter });
  const binary = binaryProblem(text);
  if (binary) return refused([{ row: 0, column: "", message: binary }]);
  let records: string[][];
  try {
    records = parse(detected.text, { bom: true, delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return refused([
      { row: line, column: "", message: `The file is not valid CSV: ${(error as Error).message}. Save it from your spreadsheet as “CSV UTF-8 (comma delimited)” and try again` },
    ]);
  }
  const blank = (record: string[]) => record.every((cell) => cell.trim() === "");
  if (records.length === 0 || blank(records[0])) return refused([{ row: 1, column: "", message: "The file is empty, or its first row (the column names) is blank" }]);

  const header = records[0].map((name) => name.trim());
  const problems: CsvProblem[] = [];
  const specs: Array<ColumnSpec | null> = [];
  const ignored: string[] = [];
  const seen = new Set<string>();
  header.forEach((name, i) => {
    const spec = name === "" ? null : (options.columns.find((c) => headerKey(c.name) === headerKey(name)) ?? options.columnFor?.(name) ?? null);
    if (spec && seen.has(headerKey(spec.name))) problems.push({ row: 1, column: name, message: `Column “${name}” appears twice`, value: name });
    else if (spec) seen.add(headerKey(spec.name));
    else if (name !== "") ignored.push(name);
    else if (records.some((record) => (record[i] ?? "").trim() !== "")) ignored.push(`column ${i + 1} (no heading)`);
    specs.push(spec);
  });
  const positionOf = (name: string) => {
    const at = specs.findIndex((s) => s !== null && headerKey(s.name) === headerKey(name));
    return at >= 0 ? at + 1 : null;
  };
  for (const column of options.columns.filter((c) => c.required && positionOf(c.name) === null)) {
    problems.push({ row: 1, column: column.name, message: `The file needs a column called “${column.name}”` });
  }

  const maxRows = options.maxRows ?? MAX_ROWS;
  const dataRows = records.length - 1;
  if (dataRows > maxRows) {
    problems.push({ row: 0, column: "", message: `The file has ${dataRows.toLocaleString("en-GB")} rows; upload at most ${maxRows.toLocaleString("en-GB")} at a time` });
    return refused(problems, header);
  }

  const rows: CsvRow[] = [];
  records.slice(1).forEach((record, index) => {
    const rowNumber = index + 2;
    if (blank(record)) return;
    const row: CsvRow = { row: rowNumber, values: {}, raw: {} };
    specs.forEach((spec, i) => {
      if (!spec || row.raw[spec.name] !== undefined) return;
      const cell = cellText(record[i] ?? "");
      row.raw[spec.name] = cell;
      const parsed = spec.parse ? spec.parse(cell) : { ok: true as const, value: cell };
      if (parsed.ok) row.values[spec.name] = parsed.value;
      else problems.push({ row: rowNumber, column: spec.name, message: parsed.message, value: cell });
    });
    if (options.checkRow) problems.push(...options.checkRow(row));
    rows.push(row);
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: "", message: "The file has column names but no rows" });
  const order = (column: string) => (column ? (positionOf(column) ?? header.indexOf(column) + 1) : 0);
  problems.sort((a, b) => a.row - b.row || order(a.column) - order(b.column));
  return { ok: problems.length === 0, columns: header, rows, problems, positionOf, ignored, delimiter };
}

/** "Row 4, column referrals_made: …", for lists and logs. */
export function describeProblem(problem: CsvProblem): string {
  const where = [problem.row ? `Row ${problem.row}` : "", problem.column ? `column ${problem.column}` : ""].filter(Boolean).join(", ");
  return where ? `${where}: ${problem.message}` : problem.message;
}
