import { describe, expect, it } from "vitest";
import { csvSafe, toCsv } from "~/modules/exports/csv.server";
import { downloadHref, sortHref, sortOf, sortedRows, type TableData } from "~/modules/exports/table";
import { checkCsv, type CsvColumn } from "~/modules/imports/csv.server";

const columns: CsvColumn[] = [
  { name: "name", required: true },
  { name: "count", parse: (v) => (/^\d+$/.test(v) ? { ok: true, value: Number(v) } : { ok: false, message: "Enter a whole number" }) },
  { name: "note", ignored: true },
];

describe("checking an uploaded CSV as a whole", () => {
  it("reports every bad row and column by the number a spreadsheet shows, and nothing is accepted", () => {
    const result = checkCsv("name,count\nAlpha,3\n,4\nGamma,x\nDelta,y\n", columns);
    expect(result).toEqual({
      ok: false,
      problems: [
        { row: 3, column: "name", message: "Enter a value" },
        { row: 4, column: "count", message: "Enter a whole number" },
        { row: 5, column: "count", message: "Enter a whole number" },
      ],
    });
  });

  it("names unknown, repeated and missing columns in the header", () => {
    const result = checkCsv("Count,colour,count\n1,red,2\n", columns);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.row}:${p.column}:${p.message.split(":")[0]}`)).toEqual([
      "1:colour:Unknown column",
      "1:count:This column appears twice",
      "1:name:This column is missing",
    ]);
  });

  it("refuses a row with too few values, malformed quoting and an empty file, with a message for each", () => {
    expect(checkCsv("name,count\nAlpha\n", columns)).toMatchObject({ ok: false, problems: [{ row: 2, message: expect.stringContaining("1 values") }] });
    expect(checkCsv('name,count\n"Alpha,3\n', columns)).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining("not valid CSV") }] });
    expect(checkCsv("", columns)).toMatchObject({ ok: false });
    expect(checkCsv("name,count\n", columns)).toMatchObject({ ok: false, problems: [{ message: expect.stringContaining("no rows") }] });
  });

  it("reads back what the download wrote, formula guard, quotes, byte-order mark and ignored columns included", () => {
    const csv = toCsv(["name", "count", "note"], [["=HYPERLINK(\"x\")", 2, "ignored"], ['Tees "Hub", Hartlepool', 0, null]]);
    expect(csv.split("\r\n")[1]).toBe(`"'=HYPERLINK(""x"")",2,ignored`);
    const result = checkCsv(`\uFEFF${csv}`, columns);
    expect(result).toEqual({
      ok: true,
      rows: [
        { row: 2, values: { name: '=HYPERLINK("x")', count: 2 } },
        { row: 3, values: { name: 'Tees "Hub", Hartlepool', count: 0 } },
      ],
    });
    expect(csvSafe("-1")).toBe("'-1");
    expect(csvSafe(-1)).toBe("-1");
  });
});

describe("tables sorted by the URL", () => {
  const table: TableData = {
    id: "by-borough",
    caption: "By borough",
    columns: [{ key: "borough", header: "Borough" }, { key: "signed", header: "Signed", numeric: true }, { key: "cell", header: "Cell", sortable: false }],
    rows: [
      { borough: "Stockton-on-Tees", signed: 10, cell: "a" },
      { borough: "Hartlepool", signed: 9, cell: "b" },
      { borough: "County-wide", signed: null, cell: "c" },
    ],
  };

  it("sorts numbers as numbers, puts blanks last, and ignores columns that do not sort", () => {
    const by = (query: string) => sortedRows(table, sortOf(table, new URLSearchParams(query))).map((r) => r.borough);
    expect(by("by-borough-sort=signed")).toEqual(["Hartlepool", "Stockton-on-Tees", "County-wide"]);
    expect(by("by-borough-sort=signed&by-borough-dir=desc")).toEqual(["County-wide", "Stockton-on-Tees", "Hartlepool"]);
    expect(by("by-borough-sort=cell")).toEqual(["Stockton-on-Tees", "Hartlepool", "County-wide"]);
    expect(by("other-sort=signed")).toEqual(["Stockton-on-Tees", "Hartlepool", "County-wide"]);
  });

  it("links to the opposite direction of the current sort and keeps the page's other parameters", () => {
    const search = new URLSearchParams("borough=x&by-borough-sort=signed&by-borough-dir=asc");
    expect(sortHref(table, search, "signed", sortOf(table, search))).toBe("?borough=x&by-borough-sort=signed&by-borough-dir=desc");
    expect(sortHref(table, search, "borough", sortOf(table, search))).toBe("?borough=x&by-borough-sort=borough&by-borough-dir=asc");
    expect(downloadHref(table, search, "/p/x/adoption.csv")).toBe("/p/x/adoption.csv?borough=x&by-borough-sort=signed&by-borough-dir=asc&table=by-borough");
  });
});
