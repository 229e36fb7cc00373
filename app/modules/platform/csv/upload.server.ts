/**
 * An uploaded file's bytes, checked before any CSV parsing: turned into text, or refused with a
 * message that says what is wrong. An Excel workbook is read by its first worksheet. Text is
 * decoded by one ordered list: the encoding a byte order mark names, UTF-16 LE that lacks one
 * (every other byte NUL), UTF-8 when the bytes are valid UTF-8, and otherwise Windows-1252 — what
 * Excel on Windows writes for "CSV (comma delimited)". Any encoding can decode bytes that are not
 * text at all, so NUL and other control characters refuse the file whatever it decoded as.
 * Windows-1252 is iconv-lite's: Node 20's TextDecoder("windows-1252") decodes Latin-1 instead
 * (0x92 becomes U+0092, not the ’ of "St Mary’s"); see docs/decisions/0021.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { DELIMITER_NAMES, detectDelimiter } from "./delimiter";
import { isOleContainer, isZip, readWorkbook } from "./workbook.server";

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; message: string };

const SAVE_AS = "Save it from your spreadsheet as “CSV UTF-8 (comma delimited)” or as an Excel workbook (.xlsx) and upload that";
export const BINARY_DATA = `This file is not a CSV file: it contains binary data. ${SAVE_AS}`;
export const NOT_TEXT = `This file is not a CSV file: it contains binary data, or text in an encoding it cannot be read in. ${SAVE_AS}`;

interface Encoding {
  name: string;
  /** True when this is the encoding to read the file with (its byte order mark says so, or its bytes fit). */
  claims: (bytes: Uint8Array) => boolean;
  decode: (bytes: Uint8Array) => string;
}

const startsWith = (bytes: Uint8Array, mark: number[]) => mark.every((b, i) => bytes[i] === b);
/** Strict: a byte sequence the encoding does not allow throws instead of becoming "�". */
const decoder = (label: string) => (bytes: Uint8Array) => new TextDecoder(label, { fatal: true }).decode(bytes);

/** Text in UTF-16 LE with no byte order mark: in its first bytes every odd one is NUL, no even one is. */
function looksLikeUtf16Le(bytes: Uint8Array) {
  const head = bytes.subarray(0, Math.min(bytes.length, 512) & ~1);
  if (head.length < 4) return false;
  for (let i = 0; i < head.length; i += 2) if (head[i] === 0 || head[i + 1] !== 0) return false;
  return true;
}

/** The five bytes Windows-1252 leaves undefined come out as "�": no Windows-1252 text holds them. */
function windows1252(bytes: Uint8Array) {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), "windows-1252");
  if (text.includes("\uFFFD")) throw new Error("not Windows-1252");
  return text;
}

const ENCODINGS: Encoding[] = [
  { name: "UTF-8", claims: (b) => startsWith(b, [0xef, 0xbb, 0xbf]), decode: decoder("utf-8") },
  { name: "UTF-16 LE", claims: (b) => startsWith(b, [0xff, 0xfe]), decode: decoder("utf-16le") },
  { name: "UTF-16 BE", claims: (b) => startsWith(b, [0xfe, 0xff]), decode: decoder("utf-16be") },
  { name: "UTF-16 LE", claims: looksLikeUtf16Le, decode: decoder("utf-16le") },
  { name: "UTF-8", claims: (b) => isUtf8(b), decode: decoder("utf-8") },
  { name: "Windows-1252", claims: () => true, decode: windows1252 },
];

/** Control characters no spreadsheet writes into a CSV file (tab, line ends and form feed aside), C1 controls included. */
const BINARY = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/;

/** Why text cannot be a CSV file, or null when it can. */
export function binaryProblem(text: string): string | null {
  return BINARY.test(text) ? BINARY_DATA : null;
}

export function decodeUpload(bytes: Uint8Array): Decoded {
  const encoding = ENCODINGS.find((e) => e.claims(bytes))!;
  let text: string;
  try {
    text = encoding.decode(bytes);
  } catch {
    return { ok: false, message: NOT_TEXT };
  }
  const problem = binaryProblem(text);
  return problem ? { ok: false, message: problem } : { ok: true, text, encoding: encoding.name };
}

export type ReadUpload = { ok: true; text: string; format: string; reading: string } | { ok: false; message: string };

/**
 * The bytes of an upload as CSV text for readCsv, and a sentence saying how they were read
 * ("Read as Windows-1252, separated by semicolons."), for the page to show.
 */
export async function readUpload(bytes: Uint8Array): Promise<ReadUpload> {
  if (isZip(bytes) || isOleContainer(bytes)) {
    const book = await readWorkbook(bytes);
    if (!book.ok) return book;
    const text = stringify(book.records, { record_delimiter: "\n" });
    return { ok: true, text, format: "Excel workbook", reading: `Read the first worksheet, “${book.sheetName}”, of the Excel workbook.` };
  }
  const decoded = decodeUpload(bytes);
  if (!decoded.ok) return decoded;
  const { delimiter } = detectDelimiter(decoded.text);
  return { ok: true, text: decoded.text, format: decoded.encoding, reading: `Read as ${decoded.encoding}, separated by ${DELIMITER_NAMES[delimiter]}.` };
}

export type UploadedText = { ok: true; text: string; fileName: string; format: string; reading: string } | { ok: false; message: string };

/** The file field of a posted form, as text ready for readCsv. */
export async function readUploadedFile(entry: FormDataEntryValue | null | undefined): Promise<UploadedText> {
  if (!entry || typeof entry === "string" || entry.size === 0) return { ok: false, message: "Choose a CSV or Excel file to upload" };
  const read = await readUpload(new Uint8Array(await entry.arrayBuffer()));
  if (!read.ok) return read;
  return { ...read, fileName: entry.name || "upload.csv" };
}
