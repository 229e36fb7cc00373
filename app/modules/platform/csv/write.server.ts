/**
 * The one CSV writer and the one CSV download. Every text cell, headers included (a borough's name
 * can be a column header), goes through the formula guard; numbers are written as numbers, so a
 * negative figure stays a figure. Every download starts with the UTF-8 byte order mark, which is
 * how Excel knows the file is UTF-8 ("—" rather than "â€”").
 */
import { stringify } from "csv-stringify/sync";
import { guardFormula } from "./formula";

export type CsvCell = string | number | null | undefined;

/** Text made by csvText: the only thing csvResponse sends, so no download skips the guard. */
export type CsvText = string & { readonly __madeBy: "csvText" };

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  return guardFormula(value);
}

export function csvText(header: string[], rows: CsvCell[][]): CsvText {
  return stringify([header.map(csvCell), ...rows.map((row) => row.map(csvCell))], { record_delimiter: "\r\n" }) as CsvText;
}

const BYTE_ORDER_MARK = "\uFEFF";

export function csvResponse(filename: string, text: CsvText): Response {
  return new Response(BYTE_ORDER_MARK + text, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "-")}"`,
      // Downloads hold a partnership's data: no shared cache keeps a copy.
      "Cache-Control": "private, no-store",
    },
  });
}
