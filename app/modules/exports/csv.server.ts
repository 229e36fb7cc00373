/**
 * CSV downloads. A cell that a spreadsheet would run as a formula (=, +, -, @ first) is prefixed
 * with an apostrophe; uploads strip it again, so a download can be uploaded unchanged.
 */
import { stringify } from "csv-stringify/sync";
import { sortOf, sortedRows, type Cell, type TableData } from "./table";

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvSafe(value: Cell): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return stringify([header, ...rows.map((r) => r.map(csvSafe))], { record_delimiter: "\r\n" });
}

export function csvResponse(filename: string, body: string) {
  return new Response(`\uFEFF${body}`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "-")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** The table as shown on the page (same sort), as a CSV download. */
export function tableCsvResponse(table: TableData, search: URLSearchParams, filePrefix: string) {
  const rows = sortedRows(table, sortOf(table, search));
  const body = toCsv(
    table.columns.map((c) => c.header),
    rows.map((row) => table.columns.map((c) => row[c.key] ?? null)),
  );
  return csvResponse(`${filePrefix}-${table.id}.csv`, body);
}
