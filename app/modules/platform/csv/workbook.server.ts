/**
 * An uploaded Excel workbook (.xlsx) as the rows a CSV file of it would hold: the first worksheet,
 * every cell as the text a person sees — dates as 2027-03-31, whole numbers without Excel's
 * floating-point dust, a formula as its last calculated result. A workbook protected by a
 * password (Excel stores those in an OLE container, not a ZIP), an old .xls, a damaged file or one
 * that would unpack to far more than it weighs is refused with a message, never a 500.
 */
import ExcelJS from "exceljs";

export type WorkbookRows = { ok: true; sheetName: string; records: string[][] } | { ok: false; message: string };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (bytes: Uint8Array, mark: number[]) => bytes.length >= mark.length && mark.every((b, i) => bytes[i] === b);

export const isZip = (bytes: Uint8Array) => startsWith(bytes, ZIP);
export const isOleContainer = (bytes: Uint8Array) => startsWith(bytes, OLE);

const SAVE_AGAIN = "Open it in Excel, save it again as an Excel workbook (.xlsx) or as “CSV UTF-8 (comma delimited)”, and upload that";
export const PROTECTED_WORKBOOK = `This file is protected by a password, or is an old-style Excel file (.xls), so it cannot be read. Remove the password (File, Info, Protect Workbook), or save it as an Excel workbook (.xlsx) or as “CSV UTF-8 (comma delimited)”, and upload that`;
export const DAMAGED_WORKBOOK = `This Excel file could not be read: it may be damaged or not really an Excel workbook. ${SAVE_AGAIN}`;
export const EMPTY_WORKBOOK = "This Excel workbook has no worksheet with anything in it";

/** Past this a workbook is refused before unpacking: no upload this app takes is near it. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/** The sum of a ZIP file's uncompressed sizes from its central directory, or null if it has none. */
function unpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    // 0xFFFFFFFF means a ZIP64 size: more than 4 GB unpacked.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

function numberText(n: number): string {
  const whole = Math.round(n);
  if (Math.abs(n - whole) < 1e-9) return String(whole);
  return String(Number(n.toPrecision(15)));
}

function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return numberText(value);
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return dateText(value);
  if ("formula" in value || "sharedFormula" in value) return cellText((value as ExcelJS.CellFormulaValue).result);
  if ("richText" in value) return value.richText.map((r) => r.text).join("");
  if ("hyperlink" in value) return typeof value.text === "string" ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ("error" in value) return value.error;
  return "";
}

export async function readWorkbook(bytes: Uint8Array): Promise<WorkbookRows> {
  if (isOleContainer(bytes)) return { ok: false, message: PROTECTED_WORKBOOK };
  const size = unpackedSize(bytes);
  if (size === null) return { ok: false, message: DAMAGED_WORKBOOK };
  if (size > MAX_UNPACKED_BYTES) return { ok: false, message: `This Excel file unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB. Upload at most 20,000 rows at a time` };
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes.slice().buffer);
  } catch {
    return { ok: false, message: DAMAGED_WORKBOOK };
  }
  const sheet = book.worksheets[0];
  if (!sheet) return { ok: false, message: EMPTY_WORKBOOK };
  const records: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    records.push(cells);
  }
  while (records.length && records[records.length - 1].every((cell) => cell === "")) records.pop();
  if (!records.length) return { ok: false, message: EMPTY_WORKBOOK };
  return { ok: true, sheetName: sheet.name, records };
}
