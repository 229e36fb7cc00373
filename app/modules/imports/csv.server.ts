/**
 * Whole-file CSV checking for uploads: every row and column is checked before anything is
 * written, and every problem is reported with its row (as a spreadsheet numbers it, the header
 * being row 1) and column. A caller writes the rows only when there is no problem at all.
 */
import { parse } from "csv-parse/sync";

export type CellCheck<T> = { ok: true; value: T } | { ok: false; message: string };

export interface CsvColumn<T = unknown> {
  name: string;
  required?: boolean;
  /** Accepted in the header (e.g. a read-only column of the download) but not read. */
  ignored?: boolean;
  parse?: (value: string) => CellCheck<T>;
}

export interface CsvProblem {
  row: number | null;
  column: string | null;
  message: string;
}

export interface CsvRow {
  row: number;
  values: Record<string, unknown>;
}

export type CsvResult = { ok: true; rows: CsvRow[] } | { ok: false; problems: CsvProblem[] };

export const MAX_CSV_ROWS = 5000;

const normalise = (header: string) => header.trim().toLowerCase().replace(/[\s-]+/g, "_");
/** Undo the download's guard against spreadsheet formulas (see exports/csv.server.ts). */
const unguard = (value: string) => (/^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value);

export function checkCsv(text: string, columns: CsvColumn[], options: { maxRows?: number; acrossRows?: (rows: CsvRow[]) => CsvProblem[] } = {}): CsvResult {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { info: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    return { ok: false, problems: [{ row: line, column: null, message: "The file is not valid CSV (check for a stray quotation mark)" }] };
  }
  if (records.length === 0) return { ok: false, problems: [{ row: null, column: null, message: "The file is empty: it needs a header row and at least one row" }] };

  const problems: CsvProblem[] = [];
  const header = records[0].record.map(normalise);
  const known = new Map(columns.map((c) => [normalise(c.name), c]));
  header.forEach((h, i) => {
    if (!known.has(h)) problems.push({ row: 1, column: records[0].record[i] || `column ${i + 1}`, message: `Unknown column: use ${columns.map((c) => c.name).join(", ")}` });
    else if (header.indexOf(h) !== i) problems.push({ row: 1, column: h, message: "This column appears twice" });
  });
  for (const c of columns) if (c.required && !header.includes(normalise(c.name))) problems.push({ row: 1, column: c.name, message: "This column is missing" });
  if (problems.length) return { ok: false, problems };

  const data = records.slice(1);
  const maxRows = options.maxRows ?? MAX_CSV_ROWS;
  if (data.length === 0) return { ok: false, problems: [{ row: null, column: null, message: "The file has a header row but no rows" }] };
  if (data.length > maxRows) return { ok: false, problems: [{ row: null, column: null, message: `The file has ${data.length} rows; upload ${maxRows} or fewer at a time` }] };

  const rows: CsvRow[] = [];
  for (const { record, info } of data) {
    const row = info.lines;
    if (record.length !== header.length) {
      problems.push({ row, column: null, message: `This row has ${record.length} values but the header has ${header.length}` });
      continue;
    }
    const values: Record<string, unknown> = {};
    header.forEach((h, i) => {
      const column = known.get(h)!;
      if (column.ignored) return;
      const raw = unguard(record[i] ?? "");
      if (column.required && raw === "") {
        problems.push({ row, column: column.name, message: "Enter a value" });
        return;
      }
      const checked = column.parse ? column.parse(raw) : ({ ok: true, value: raw } as const);
      if (checked.ok) values[normalise(column.name)] = checked.value;
      else problems.push({ row, column: column.name, message: checked.message });
    });
    rows.push({ row, values });
  }
  if (options.acrossRows) problems.push(...options.acrossRows(rows));
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)) };
  return { ok: true, rows };
}
