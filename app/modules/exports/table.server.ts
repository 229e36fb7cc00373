/** A table as shown on its page (every page of it, in the page's sort), as a CSV download. */
import { csvResponse, csvText } from "../platform/csv/write.server";
import { sortOf, sortedRows, type TableData } from "./table";

export function tableCsvResponse(table: TableData, search: URLSearchParams, filePrefix: string) {
  const rows = sortedRows(table, sortOf(table, search));
  const text = csvText(
    table.columns.map((c) => c.header),
    rows.map((row) => table.columns.map((c) => row[c.key] ?? null)),
  );
  return csvResponse(`${filePrefix}-${table.id}.csv`, text);
}
