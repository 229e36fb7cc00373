/** Whole-file CSV checking: every bad cell reported by row and column, before anything is applied. */
import { describe, expect, it } from "vitest";
import { readCsv, describeProblem, type ColumnSpec } from "~/modules/platform/csv/read.server";
import { decodeUpload } from "~/modules/platform/csv/upload.server";

const count: ColumnSpec<number> = {
  name: "count",
  parse: (cell) => (/^\d+$/.test(cell) ? { ok: true, value: Number(cell) } : { ok: false, message: `“${cell}” is not a whole number` }),
};
const columns: ColumnSpec[] = [{ name: "name", required: true, parse: (cell) => (cell ? { ok: true, value: cell } : { ok: false, message: "Enter a name" }) }, count];

describe("checking a CSV file as a whole", () => {
  it("reads a good file, a byte order mark, quoted cells and Windows line ends", () => {
    const table = readCsv('\ufeffname,count\r\n"Hartlepool, Borough Council",3\r\nStockton,0\r\n', { columns });
    expect(table.ok).toBe(true);
    expect(table.rows.map((r) => [r.row, r.values])).toEqual([
      [2, { name: "Hartlepool, Borough Council", count: 3 }],
      [3, { name: "Stockton", count: 0 }],
    ]);
  });

  it("reports every bad cell by spreadsheet row and column, and keeps row numbers true across blank lines", () => {
    const table = readCsv("name,count\nA,x\n\n,4\nB,-1\n", { columns });
    expect(table.ok).toBe(false);
    expect(table.problems.map(describeProblem)).toEqual([
      "Row 2, column count: “x” is not a whole number",
      "Row 4, column name: Enter a name",
      "Row 5, column count: “-1” is not a whole number",
    ]);
  });

  it("reports a header's repeated and missing columns, and names the unknown ones it skips", () => {
    const table = readCsv("count,colour,count,\n1,red,2,x\n", { columns });
    expect(table.problems.map(describeProblem)).toEqual(["Row 1, column name: The file needs a column called “name”", "Row 1, column count: Column “count” appears twice"]);
    expect(table.ignored).toEqual(["colour", "column 4 (no heading)"]);
  });

  it("matches headers whatever their case, spacing, punctuation or order, and skips columns it does not take", () => {
    const table = readCsv("Notes,COUNT, Name (required) ,Contact e-mail\nfirst,3,Hartlepool,a@example.org\n", {
      columns: [{ name: "name (required)" }, { name: "count" }],
    });
    expect(table.ok).toBe(true);
    expect(table.rows.map((r) => r.values)).toEqual([{ "name (required)": "Hartlepool", count: "3" }]);
    expect(table.ignored).toEqual(["Notes", "Contact e-mail"]);
    const keyed = readCsv("Organisation ID,organisation-id\n1,2\n", { columns: [{ name: "organisation_id" }] });
    expect(keyed.problems.map(describeProblem)).toEqual(["Row 1, column organisation-id: Column “organisation-id” appears twice"]);
  });

  it("finds the separator from the header: commas, semicolons or tabs, and Excel's sep= line", () => {
    for (const [text, delimiter] of [
      ['name,count\n"Tees; Valley",3\n', ","],
      ['name;count\n"Tees, Valley";3\n', ";"],
      ["name\tcount\nTees, Valley; Mediation\t3\n", "\t"],
      ["sep=;\nname;count\nTees, Valley;3\n", ";"],
    ] as const) {
      const table = readCsv(text, { columns });
      expect(table.delimiter, JSON.stringify(text)).toBe(delimiter);
      expect(
        table.rows.map((r) => [r.row, r.values]),
        JSON.stringify(text),
      ).toEqual([[2, { name: delimiter === "," ? "Tees; Valley" : delimiter === ";" ? "Tees, Valley" : "Tees, Valley; Mediation", count: 3 }]]);
    }
  });

  it("keeps the cell a problem is about, so the page can quote it", () => {
    expect(readCsv("name,count\nA,lots\n", { columns }).problems).toEqual([{ row: 2, column: "count", message: "“lots” is not a whole number", value: "lots" }]);
  });

  it("takes columns from a callback and checks across a row", () => {
    const table = readCsv("name,extra_1\nA,5\nA,6\n", {
      columns,
      columnFor: (name) => (name.startsWith("extra_") ? { ...count, name } : null),
      checkRow: (row) => (row.values.name === "A" && row.row > 2 ? [{ row: row.row, column: "name", message: "Already on row 2" }] : []),
    });
    expect(table.problems.map(describeProblem)).toEqual(["Row 3, column name: Already on row 2"]);
  });

  it("refuses an empty file, a file with no rows, a broken quote and too many rows", () => {
    expect(readCsv("", { columns }).problems[0].message).toMatch(/empty/);
    expect(readCsv("name,count\n", { columns }).problems[0].message).toMatch(/no rows/);
    expect(readCsv('name,count\n"A,1\n', { columns }).problems[0].message).toMatch(/not valid CSV/);
    expect(readCsv("name,count\nA,1\nB,2\nC,3\n", { columns, maxRows: 2 }).problems[0].message).toMatch(/has 3 rows; upload at most 2/);
  });
});

describe("reading an uploaded file's bytes", () => {
  const bytesOf = (...parts: Array<number[] | string>) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));
  const utf16 = (text: string, littleEndian: boolean) =>
    new Uint8Array([...text].flatMap((c) => (littleEndian ? [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8] : [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff])));

  it("reads UTF-8 with or without a byte order mark, and UTF-16 either way round when a byte order mark says so", () => {
    const text = "name,count\r\nTees Valley — Mediation,3\r\n";
    expect(decodeUpload(bytesOf(text))).toEqual({ ok: true, text, encoding: "UTF-8" });
    expect(decodeUpload(bytesOf([0xef, 0xbb, 0xbf], text))).toEqual({ ok: true, text, encoding: "UTF-8" });
    expect(decodeUpload(utf16(`\ufeff${text}`, true))).toEqual({ ok: true, text, encoding: "UTF-16 LE" });
    expect(decodeUpload(utf16(`\ufeff${text}`, false))).toEqual({ ok: true, text, encoding: "UTF-16 BE" });
    const decoded = decodeUpload(utf16(`\ufeff${text}`, true));
    expect(decoded.ok && readCsv(decoded.text, { columns }).rows[0].values).toEqual({ name: "Tees Valley — Mediation", count: 3 });
  });

  it("reads bytes that are not UTF-8 as Windows-1252, as Excel on Windows saves “CSV (comma delimited)”", () => {
    expect(decodeUpload(bytesOf("name,count\r\nCaf", [0xe9], " Nova,1\r\nSt Mary", [0x92], "s ", [0x96, 0x20, 0x80], "5,2\r\n"))).toEqual({
      ok: true,
      text: "name,count\r\nCafé Nova,1\r\nSt Mary’s \u2013 €5,2\r\n",
      encoding: "Windows-1252",
    });
    // Valid UTF-8 stays UTF-8, even where the same bytes would also be Windows-1252 ("Ã©").
    expect(decodeUpload(bytesOf("name\nCafé\n"))).toEqual({ ok: true, text: "name\nCafé\n", encoding: "UTF-8" });
  });

  it("reads UTF-16 LE without a byte order mark by its pattern of NUL bytes", () => {
    expect(decodeUpload(utf16("name\tcount\r\nCafé\t1\r\n", true))).toEqual({ ok: true, text: "name\tcount\r\nCafé\t1\r\n", encoding: "UTF-16 LE" });
  });

  it("refuses NUL bytes, control characters, Windows-1252's undefined bytes and UTF-16 cut in half, saying the file is not CSV", () => {
    for (const bytes of [
      bytesOf("name,count\nA\u0000B,1\n"),
      bytesOf("name,count\n\u0007,1\n"),
      bytesOf("name\nCaf", [0xe9, 0x81], "\n"),
      utf16("\ufeffname", true).slice(0, 5),
      bytesOf([0x89], "PNG\r\n", [0x1a, 0x0a, 0, 0, 0, 0x0d]),
    ]) {
      const decoded = decodeUpload(bytes);
      expect(decoded.ok).toBe(false);
      expect(!decoded.ok && decoded.message).toMatch(/^This file is not a CSV file: it contains binary data/);
    }
  });

  it("refuses binary text handed to the reader directly, before parsing it", () => {
    expect(readCsv("name,count\nA\u0000,1\n", { columns }).problems.map(describeProblem)).toEqual([expect.stringMatching(/^This file is not a CSV file: it contains binary data/)]);
  });
});
