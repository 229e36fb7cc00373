/** An Excel workbook uploaded as it is: its first worksheet read as the rows a CSV file would hold. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCsv } from "~/modules/platform/csv/read.server";
import { readUpload } from "~/modules/platform/csv/upload.server";

async function workbook(fill: (book: ExcelJS.Workbook) => void) {
  const book = new ExcelJS.Workbook();
  fill(book);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

describe("reading an uploaded Excel workbook", () => {
  it("reads the first worksheet's cells as text: dates as ISO, whole numbers plainly, formulas by their result", async () => {
    const bytes = await workbook((book) => {
      const sheet = book.addWorksheet("Organisations");
      sheet.addRow(["Name", "Count", "Start date", "Statutory", "Website"]);
      sheet.addRow(["Café Nova", 3, new Date(Date.UTC(2027, 3, 1)), true, { text: "Café Nova site", hyperlink: "https://cafe.example.org" }]);
      sheet.addRow([{ richText: [{ text: "St Mary" }, { text: "’s", font: { bold: true } }] }, { formula: "0.1*3*10", result: 0.1 * 3 * 10 }, null, false, null]);
      sheet.addRow(["Half", 2.5, "31/03/2028", "", ""]);
      sheet.addRow([]);
      book.addWorksheet("Notes").addRow(["Not this sheet"]);
    });
    const read = await readUpload(bytes);
    expect(read).toMatchObject({ ok: true, format: "Excel workbook", reading: "Read the first worksheet, “Organisations”, of the Excel workbook." });
    if (!read.ok) return;
    const table = readCsv(read.text, { columns: ["name", "count", "start date", "statutory", "website"].map((name) => ({ name })) });
    expect(table.rows.map((r) => [r.row, r.raw])).toEqual([
      [2, { name: "Café Nova", count: "3", "start date": "2027-04-01", statutory: "TRUE", website: "Café Nova site" }],
      [3, { name: "St Mary’s", count: "3", "start date": "", statutory: "FALSE", website: "" }],
      [4, { name: "Half", count: "2.5", "start date": "31/03/2028", statutory: "", website: "" }],
    ]);
  });

  it("refuses a damaged workbook, a password-protected one and an old .xls with a message", async () => {
    const good = await workbook((book) => book.addWorksheet("Sheet1").addRow(["name"]));
    const cut = good.slice(0, Math.floor(good.length / 2));
    // Excel keeps a password-protected workbook (and an .xls) in an OLE compound file, not a ZIP.
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await readUpload(cut)).toEqual({ ok: false, message: expect.stringMatching(/^This Excel file could not be read: it may be damaged/) });
    expect(await readUpload(ole)).toEqual({ ok: false, message: expect.stringMatching(/^This file is protected by a password, or is an old-style Excel file \(\.xls\)/) });
    expect(await readUpload(await workbook((book) => book.addWorksheet("Empty")))).toEqual({ ok: false, message: "This Excel workbook has no worksheet with anything in it" });
  });
});
