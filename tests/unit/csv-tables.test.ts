import { describe, expect, it } from "vitest";
import { csvSafe, toCsv } from "~/modules/exports/csv.server";
import { downloadHref, sortHref, sortOf, sortedRows, type TableData } from "~/modules/exports/table";

describe("CSV downloads", () => {
  it("quotes what needs quoting and guards cells a spreadsheet would run as formulas", () => {
    const csv = toCsv(["name", "count", "note"], [['=HYPERLINK("x")', 2, "ignored"], ['Tees "Hub", Hartlepool', 0, null]]);
    expect(csv.split("\r\n")).toEqual(["name,count,note", `"'=HYPERLINK(""x"")",2,ignored`, '"Tees ""Hub"", Hartlepool",0,', ""]);
    expect(csvSafe("-1")).toBe("'-1");
    expect(csvSafe("@SUM(A1)")).toBe("'@SUM(A1)");
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
