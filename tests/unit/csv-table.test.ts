/** Whole-file CSV checking: every bad cell reported by row and column, before anything is applied. */
import { describe, expect, it } from "vitest";
import { checkCsv, describeProblem, type ColumnSpec } from "~/modules/imports/csv-table";

const count: ColumnSpec<number> = {
  name: "count",
  parse: (cell) => (/^\d+$/.test(cell) ? { ok: true, value: Number(cell) } : { ok: false, message: `“${cell}” is not a whole number` }),
};
const columns: ColumnSpec[] = [{ name: "name", required: true, parse: (cell) => (cell ? { ok: true, value: cell } : { ok: false, message: "Enter a name" }) }, count];

describe("checking a CSV file as a whole", () => {
  it("reads a good file, a byte order mark, quoted cells and Windows line ends", () => {
    const table = checkCsv('\ufeffname,count\r\n"Hartlepool, Borough Council",3\r\nStockton,0\r\n', { columns });
    expect(table.ok).toBe(true);
    expect(table.rows.map((r) => [r.row, r.values])).toEqual([
      [2, { name: "Hartlepool, Borough Council", count: 3 }],
      [3, { name: "Stockton", count: 0 }],
    ]);
  });

  it("reports every bad cell by spreadsheet row and column, and keeps row numbers true across blank lines", () => {
    const table = checkCsv("name,count\nA,x\n\n,4\nB,-1\n", { columns });
    expect(table.ok).toBe(false);
    expect(table.problems.map(describeProblem)).toEqual([
      "Row 2, column count: “x” is not a whole number",
      "Row 4, column name: Enter a name",
      "Row 5, column count: “-1” is not a whole number",
    ]);
  });

  it("reports a header's unknown, repeated and missing columns", () => {
    const table = checkCsv("count,colour,count\n1,red,2\n", { columns });
    expect(table.problems.map(describeProblem)).toEqual([
      "Row 1, column name: The file needs a column called “name”",
      "Row 1, column count: Column “count” appears twice",
      "Row 1, column colour: Column “colour” is not one this upload takes",
    ]);
  });

  it("takes columns from a callback and checks across a row", () => {
    const table = checkCsv("name,extra_1\nA,5\nA,6\n", {
      columns,
      columnFor: (name) => (name.startsWith("extra_") ? { ...count, name } : null),
      checkRow: (row) => (row.values.name === "A" && row.row > 2 ? [{ row: row.row, column: "name", message: "Already on row 2" }] : []),
    });
    expect(table.problems.map(describeProblem)).toEqual(["Row 3, column name: Already on row 2"]);
  });

  it("refuses an empty file, a file with no rows, a broken quote and too many rows", () => {
    expect(checkCsv("", { columns }).problems[0].message).toMatch(/empty/);
    expect(checkCsv("name,count\n", { columns }).problems[0].message).toMatch(/no rows/);
    expect(checkCsv('name,count\n"A,1\n', { columns }).problems[0].message).toMatch(/not valid CSV/);
    expect(checkCsv("name,count\nA,1\nB,2\nC,3\n", { columns, maxRows: 2 }).problems[0].message).toMatch(/has 3 rows; upload at most 2/);
  });
});
