/**
 * Whole-file CSV checking for every upload (organisations, quarterly values, action progress):
 * the file is read and every cell checked before anything is written, and every problem is
 * reported by row and column the way a spreadsheet shows them (the header is row 1). Callers apply
 * the rows only when there is no problem at all: all or nothing.
 */
import { parse } from "csv-parse/sync";

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

export interface ColumnSpec<T = unknown> {
  name: string;
  /** The header must have it. */
  required?: boolean;
  /** Reads one cell (already trimmed). */
  parse: (cell: string) => CellResult<T>;
}

export interface CsvProblem {
  /** Spreadsheet row number: the header is 1, the first data row 2. 0 for the file as a whole. */
  row: number;
  /** The column's header, or "" when the problem is about the whole row or file. */
  column: string;
  message: string;
}

export interface CsvRow {
  row: number;
  /** Parsed values by column name, for the columns the file has. */
  values: Record<string, unknown>;
  /** The cells as written, by column name. */
  raw: Record<string, string>;
}

export interface CsvTable {
  ok: boolean;
  columns: string[];
  rows: CsvRow[];
  problems: CsvProblem[];
}

export interface CsvCheckOptions {
  columns: ColumnSpec[];
  /** A spec for a header not in `columns` (e.g. one column per metric), or null if it is unknown. */
  columnFor?: (name: string) => ColumnSpec | null;
  /** Checks across the cells of one row, after each cell parsed. */
  checkRow?: (row: CsvRow) => CsvProblem[];
  maxRows?: number;
}

export const MAX_ROWS = 20_000;

/** Reads and checks a whole CSV file. */
export function checkCsv(text: string, options: CsvCheckOptions): CsvTable {
  const problems: CsvProblem[] = [];
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    return { ok: false, columns: [], rows: [], problems: [{ row: line, column: "", message: `The file is not valid CSV: ${(error as Error).message}` }] };
  }
  const blank = (record: string[]) => record.every((cell) => cell === "");
  if (records.length === 0 || blank(records[0])) {
    return { ok: false, columns: [], rows: [], problems: [{ row: 1, column: "", message: "The file is empty, or its first row (the column names) is blank" }] };
  }

  const header = records[0];
  const specs: Array<ColumnSpec | null> = [];
  const seen = new Set<string>();
  for (const name of header) {
    const spec = options.columns.find((c) => c.name === name) ?? options.columnFor?.(name) ?? null;
    if (name === "") problems.push({ row: 1, column: "", message: "A column has no name" });
    else if (seen.has(name)) problems.push({ row: 1, column: name, message: `Column “${name}” appears twice` });
    else if (!spec) problems.push({ row: 1, column: name, message: `Column “${name}” is not one this upload takes` });
    seen.add(name);
    specs.push(spec);
  }
  for (const column of options.columns.filter((c) => c.required && !header.includes(c.name))) {
    problems.push({ row: 1, column: column.name, message: `The file needs a column called “${column.name}”` });
  }

  const maxRows = options.maxRows ?? MAX_ROWS;
  const dataRows = records.length - 1;
  if (dataRows > maxRows) {
    problems.push({ row: 0, column: "", message: `The file has ${dataRows.toLocaleString("en-GB")} rows; upload at most ${maxRows.toLocaleString("en-GB")} at a time` });
    return { ok: false, columns: header, rows: [], problems };
  }

  const rows: CsvRow[] = [];
  records.slice(1).forEach((record, index) => {
    const rowNumber = index + 2;
    if (blank(record)) return;
    if (record.length > header.length && record.slice(header.length).some((cell) => cell !== "")) {
      problems.push({ row: rowNumber, column: "", message: `Row ${rowNumber} has more cells than there are columns` });
    }
    const row: CsvRow = { row: rowNumber, values: {}, raw: {} };
    header.forEach((name, i) => {
      const spec = specs[i];
      if (!spec || row.raw[name] !== undefined) return;
      const cell = record[i] ?? "";
      row.raw[name] = cell;
      const parsed = spec.parse(cell);
      if (parsed.ok) row.values[name] = parsed.value;
      else problems.push({ row: rowNumber, column: name, message: parsed.message });
    });
    if (options.checkRow) problems.push(...options.checkRow(row));
    rows.push(row);
  });
  if (rows.length === 0 && problems.length === 0) problems.push({ row: 2, column: "", message: "The file has column names but no rows" });
  problems.sort((a, b) => a.row - b.row || header.indexOf(a.column) - header.indexOf(b.column));
  return { ok: problems.length === 0, columns: header, rows, problems };
}

/** "Row 4, column referrals_made: …", for lists and logs. */
export function describeProblem(problem: CsvProblem): string {
  const where = [problem.row ? `Row ${problem.row}` : "", problem.column ? `column ${problem.column}` : ""].filter(Boolean).join(", ");
  return where ? `${where}: ${problem.message}` : problem.message;
}
