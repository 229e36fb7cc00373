/**
 * A table as data: what a page renders (DataTable) and what its CSV download holds are the same
 * rows in the same order. Sorting comes from the URL (`<table>-sort`, `<table>-dir`), so links
 * sort without JavaScript.
 */
export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  header: string;
  numeric?: boolean;
  /** False for columns whose order means nothing (a grid's cells). */
  sortable?: boolean;
}

export interface TableData {
  /** Unique on its page: names the sort parameters and the download. */
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: Array<Record<string, Cell>>;
  /** Set by pageOf: `rows` are one page of the sorted rows. */
  page?: TablePage;
}

export interface TablePage {
  /** 1-based. */
  number: number;
  size: number;
  /** Rows in the whole table (the CSV download holds them all). */
  total: number;
}

export interface TableSort {
  key: string;
  desc: boolean;
}

export function compareCells(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null || a === "") return 1;
  if (b === null || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en-GB", { numeric: true, sensitivity: "base" });
}

export function sortOf(table: Pick<TableData, "id" | "columns">, search: URLSearchParams): TableSort | null {
  const key = search.get(`${table.id}-sort`);
  const column = table.columns.find((c) => c.key === key && c.sortable !== false);
  if (!column) return null;
  return { key: column.key, desc: search.get(`${table.id}-dir`) === "desc" };
}

/** The rows in the order the URL asks for (stable: ties keep their original order). */
export function sortedRows(table: TableData, sort: TableSort | null) {
  if (!sort) return table.rows;
  return table.rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => {
      const c = compareCells(a.row[sort.key] ?? null, b.row[sort.key] ?? null);
      return (sort.desc ? -c : c) || a.i - b.i;
    })
    .map((x) => x.row);
}

/** The id of a table's caption: sort and page links come back to it, not to the top of a long page. */
export const tableAnchor = (table: Pick<TableData, "id">) => `table-${table.id}`;

/** The link that sorts `table` by `key`, keeping the page's other parameters, back at the table. */
export function sortHref(table: Pick<TableData, "id">, search: URLSearchParams, key: string, current: TableSort | null) {
  const next = new URLSearchParams(search);
  next.delete(`${table.id}-page`);
  next.set(`${table.id}-sort`, key);
  next.set(`${table.id}-dir`, current?.key === key && !current.desc ? "desc" : "asc");
  return `?${next}#${tableAnchor(table)}`;
}

/** The CSV of `table` from the page's resource route (`path`, which may carry parameters of its own), with the page's sort and filters. */
export function downloadHref(table: Pick<TableData, "id">, search: URLSearchParams, path: string) {
  const [base, own] = path.split("?");
  const next = new URLSearchParams(search);
  for (const [key, value] of new URLSearchParams(own ?? "")) next.set(key, value);
  next.delete(`${table.id}-page`);
  next.set("table", table.id);
  return `${base}?${next}`;
}

/**
 * One page of the table, sorted as the URL asks (`<table>-page`, 1-based; a page past the end
 * shows the last). Pages are cut on the server, so a long table sends only what is shown.
 */
export function pageOf(table: TableData, search: URLSearchParams, size = 25): TableData {
  const rows = sortedRows(table, sortOf(table, search));
  if (rows.length <= size) return { ...table, rows };
  const pages = Math.ceil(rows.length / size);
  const asked = Number(search.get(`${table.id}-page`));
  const number = Number.isInteger(asked) && asked >= 1 ? Math.min(asked, pages) : 1;
  return { ...table, rows: rows.slice((number - 1) * size, number * size), page: { number, size, total: rows.length } };
}

/** The link to another page of `table`, keeping the page's other parameters, back at the table. */
export function pageHref(table: Pick<TableData, "id">, search: URLSearchParams, number: number) {
  const next = new URLSearchParams(search);
  if (number <= 1) next.delete(`${table.id}-page`);
  else next.set(`${table.id}-page`, String(number));
  return `?${next}#${tableAnchor(table)}`;
}
