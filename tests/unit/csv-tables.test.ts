import { describe, expect, it } from "vitest";
import { readCsv } from "~/modules/platform/csv/read.server";
import { csvCell, csvText } from "~/modules/platform/csv/write.server";
import { downloadHref, sortHref, sortOf, sortedRows, type TableData } from "~/modules/exports/table";

describe("CSV downloads", () => {
  it("quotes what needs quoting and guards cells a spreadsheet would run as formulas", () => {
    const csv = csvText(
      ["name", "count", "note"],
      [
        ['=HYPERLINK("x")', 2, "ignored"],
        ['Tees "Hub", Hartlepool', 0, null],
      ],
    );
    expect(csv.split("\r\n")).toEqual(["name,count,note", `"'=HYPERLINK(""x"")",2,ignored`, '"Tees ""Hub"", Hartlepool",0,', ""]);
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell(-1)).toBe("-1");
  });

  it("guards headers and every character OWASP lists, and reads back exactly what was written", () => {
    const written = ["=1+1", "+44 1642", "-3", "@SUM(A1)", "\tTab", "\rReturn", "'=already quoted", "O'Neill", "3", ""];
    const csv = csvText(["+Hartlepool", "count"], [...written.map((w) => [w, -3])]);
    const cells = csv.split("\r\n").map((line) => line.split(",")[0].replace(/^"/, ""));
    expect(cells[0]).toBe("'+Hartlepool");
    for (const cell of cells.slice(1, 7)) expect(cell).toMatch(/^'[=+\-@\t\r]/);
    expect(cells.slice(7, 11)).toEqual(["''=already quoted", "O'Neill", "3", ""]);
    expect(csv).toContain(",-3\r\n");
    const table = readCsv(csv.replace("'+Hartlepool", "name"), { columns: [{ name: "name" }, { name: "count" }] });
    // Cells are trimmed on the way in, so the tab and return read back without their whitespace.
    expect(table.rows.map((r) => r.raw.name)).toEqual(["=1+1", "+44 1642", "-3", "@SUM(A1)", "Tab", "Return", "'=already quoted", "O'Neill", "3", ""]);
    expect(table.rows.every((r) => r.raw.count === "-3")).toBe(true);
  });
});

describe("tables sorted by the URL", () => {
  const table: TableData = {
    id: "by-borough",
    caption: "By borough",
    columns: [
      { key: "borough", header: "Borough" },
      { key: "signed", header: "Signed", numeric: true },
      { key: "cell", header: "Cell", sortable: false },
    ],
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
    expect(sortHref(table, search, "signed", sortOf(table, search))).toBe("?borough=x&by-borough-sort=signed&by-borough-dir=desc#table-by-borough");
    expect(sortHref(table, search, "borough", sortOf(table, search))).toBe("?borough=x&by-borough-sort=borough&by-borough-dir=asc#table-by-borough");
    expect(downloadHref(table, search, "/p/x/adoption.csv")).toBe("/p/x/adoption.csv?borough=x&by-borough-sort=signed&by-borough-dir=asc&table=by-borough");
  });
});
