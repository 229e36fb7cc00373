/**
 * A GOV.UK table from TableData, sorted by links (search parameters), so it sorts without
 * JavaScript and a link shows what its sender saw; DownloadLink gives the same rows as CSV from
 * the page's resource route (`download`: its path; it answers `?table=<id>` with tableCsvResponse).
 * `cells` renders chosen columns richly (a link, a tag); the CSV keeps their plain values.
 * A table cut into pages (exports/table.ts pageOf) gets page links; its CSV holds every page.
 */
import { useLocation } from "@remix-run/react";
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { useMemo, type ReactNode } from "react";
import { compareCells, downloadHref, pageHref, sortHref, sortOf, tableAnchor, type Cell, type TableData } from "~/modules/exports/table";

type Row = Record<string, Cell>;

export function DataTable({
  table,
  cells = {},
  captionClassName = "govuk-table__caption--m",
  empty = "None.",
  download,
  extraLinks,
  noFigure,
  sortedOnServer = false,
}: {
  table: TableData;
  cells?: Record<string, (row: Row) => ReactNode>;
  captionClassName?: string;
  empty?: ReactNode;
  download?: string;
  /** More links beside Download CSV (e.g. the version for publication). */
  extraLinks?: ReactNode;
  /** What an empty numeric cell shows (e.g. "–" for "no figure"); the CSV keeps it empty. */
  noFigure?: string;
  /** The rows come sorted and paged from the database (a table too long to send whole): shown as they are. */
  sortedOnServer?: boolean;
}) {
  const location = useLocation();
  const search = useMemo(() => new URLSearchParams(location.search), [location.search]);
  const sort = sortOf(table, search);
  const sorting: SortingState = sort ? [{ id: sort.key, desc: sort.desc }] : [];
  const columns = useMemo<Array<ColumnDef<Row>>>(
    () =>
      table.columns.map((c) => ({
        id: c.key,
        accessorFn: (row) => row[c.key] ?? null,
        header: c.header,
        sortingFn: (a, b, id) => compareCells(a.getValue<Cell>(id), b.getValue<Cell>(id)),
        cell: (info) => {
          if (cells[c.key]) return cells[c.key](info.row.original);
          const value = info.getValue<Cell>();
          if (value === null && c.numeric && noFigure)
            return (
              <>
                <span aria-hidden="true">{noFigure}</span>
                <span className="govuk-visually-hidden">no figure</span>
              </>
            );
          return value ?? "";
        },
      })),
    [table.columns, cells, noFigure],
  );
  const model = useReactTable({
    data: table.rows,
    columns,
    state: { sorting },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    manualSorting: sortedOnServer,
    enableSortingRemoval: false,
  });
  const numeric = new Set(table.columns.filter((c) => c.numeric).map((c) => c.key));
  const sortable = new Set(table.columns.filter((c) => c.sortable !== false).map((c) => c.key));

  return (
    <div className={`gt-data-table${table.columns.length > 6 ? " gt-data-table--compact" : ""}`}>
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className={`govuk-table__caption ${captionClassName}`} id={tableAnchor(table)}>
            {table.caption}
          </caption>
          <thead className="govuk-table__head">
            {model.getHeaderGroups().map((group) => (
              <tr className="govuk-table__row" key={group.id}>
                {group.headers.map((header) => {
                  const key = header.column.id;
                  const active = sort?.key === key;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className={`govuk-table__header${numeric.has(key) ? " govuk-table__header--numeric" : ""}`}
                      aria-sort={active ? (sort!.desc ? "descending" : "ascending") : undefined}
                    >
                      {sortable.has(key) && (table.page?.total ?? table.rows.length) > 1 ? (
                        <a className="gt-sort-link" href={sortHref(table, search, key, sort)} rel="nofollow">
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {active ? <span aria-hidden="true">{sort!.desc ? " ▼" : " ▲"}</span> : null}
                          <span className="govuk-visually-hidden">{active && !sort!.desc ? ", sort descending" : ", sort ascending"}</span>
                        </a>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="govuk-table__body">
            {model.getRowModel().rows.map((row) => (
              <tr className="govuk-table__row" key={row.id}>
                {row.getVisibleCells().map((cell, i) => {
                  const content = flexRender(cell.column.columnDef.cell, cell.getContext());
                  const className = `govuk-table__cell${numeric.has(cell.column.id) ? " govuk-table__cell--numeric" : ""}`;
                  return i === 0 ? (
                    <th key={cell.id} scope="row" className={`${className} gt-row-header`}>
                      {content}
                    </th>
                  ) : (
                    <td key={cell.id} className={className}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
            {table.rows.length === 0 ? (
              <tr className="govuk-table__row">
                <td className="govuk-table__cell" colSpan={table.columns.length}>
                  {empty}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      {table.page ? <Pagination table={table} search={search} /> : null}
      {download ? <DownloadLink table={table} path={download} extra={extraLinks} /> : null}
    </div>
  );
}

/** GOV.UK pagination by links, so it works without JavaScript. */
function Pagination({ table, search }: { table: TableData; search: URLSearchParams }) {
  const { number, size, total } = table.page!;
  const pages = Math.ceil(total / size);
  const first = (number - 1) * size + 1;
  return (
    <nav className="govuk-pagination gt-no-print" aria-label={`Pages of ${table.caption}`}>
      {number > 1 ? (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={pageHref(table, search, number - 1)} rel="prev">
            <span className="govuk-pagination__link-title">
              Previous<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
      <p className="govuk-body-s gt-pagination__status">
        Rows {first} to {first + table.rows.length - 1} of {total} (page {number} of {pages})
      </p>
      {number < pages ? (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={pageHref(table, search, number + 1)} rel="next">
            <span className="govuk-pagination__link-title">
              Next<span className="govuk-visually-hidden"> page</span>
            </span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

/** Downloads the table's rows, in the order shown (every page), as CSV. */
export function DownloadLink({ table, path, extra }: { table: Pick<TableData, "id" | "caption" | "page">; path: string; extra?: ReactNode }) {
  const location = useLocation();
  return (
    <p className="govuk-body-s gt-no-print">
      <a className="govuk-link" href={downloadHref(table, new URLSearchParams(location.search), path)} download>
        Download CSV<span className="govuk-visually-hidden"> of {table.caption}</span>
        {table.page ? ` (all ${table.page.total} rows)` : null}
      </a>
      {extra}
    </p>
  );
}
