/**
 * A GOV.UK table from TableData, sorted by links (search parameters), so it sorts without
 * JavaScript and a link shows what its sender saw; DownloadLink gives the same rows as CSV from
 * the page's resource route (`download`: its path; it answers `?table=<id>` with tableCsvResponse).
 * `cells` renders chosen columns richly (a link, a tag); the CSV keeps their plain values.
 */
import { useLocation } from "@remix-run/react";
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from "@tanstack/react-table";
import { useMemo, type ReactNode } from "react";
import { compareCells, downloadHref, sortHref, sortOf, type Cell, type TableData } from "~/modules/exports/table";

type Row = Record<string, Cell>;

export function DataTable({
  table,
  cells = {},
  captionClassName = "govuk-table__caption--m",
  empty = "None.",
  download,
}: {
  table: TableData;
  cells?: Record<string, (row: Row) => ReactNode>;
  captionClassName?: string;
  empty?: ReactNode;
  download?: string;
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
        cell: (info) => (cells[c.key] ? cells[c.key](info.row.original) : (info.getValue<Cell>() ?? "")),
      })),
    [table.columns, cells],
  );
  const model = useReactTable({
    data: table.rows,
    columns,
    state: { sorting },
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    manualSorting: false,
    enableSortingRemoval: false,
  });
  const numeric = new Set(table.columns.filter((c) => c.numeric).map((c) => c.key));
  const sortable = new Set(table.columns.filter((c) => c.sortable !== false).map((c) => c.key));

  return (
    <div className="gt-data-table">
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className={`govuk-table__caption ${captionClassName}`}>{table.caption}</caption>
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
                      {sortable.has(key) && table.rows.length > 1 ? (
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
      {download ? <DownloadLink table={table} path={download} /> : null}
    </div>
  );
}

/** Downloads the table's rows, in the order shown, as CSV. */
export function DownloadLink({ table, path }: { table: Pick<TableData, "id" | "caption">; path: string }) {
  const location = useLocation();
  return (
    <p className="govuk-body-s gt-no-print">
      <a className="govuk-link" href={downloadHref(table, new URLSearchParams(location.search), path)} download>
        Download CSV<span className="govuk-visually-hidden"> of {table.caption}</span>
      </a>
    </p>
  );
}
