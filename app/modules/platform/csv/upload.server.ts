/**
 * An uploaded file's bytes, checked before any CSV parsing: decoded into text, or refused with a
 * message that says what is wrong. Decoding is one ordered list of the encodings a byte order mark
 * names, then UTF-8 without one; Windows-1252 (with iconv-lite) and .xlsx slot in as further entries.
 */
export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; message: string };

const SAVE_AS = "Save it from your spreadsheet as “CSV UTF-8 (comma delimited)” and upload that";
export const BINARY_DATA = `This file is not a CSV file: it contains binary data. ${SAVE_AS}`;
export const NOT_TEXT = `This file is not a CSV file: it contains binary data, or text in an encoding other than UTF-8. ${SAVE_AS}`;

interface Encoding {
  name: string;
  /** True when the file says it is in this encoding (by its byte order mark). */
  claims: (bytes: Uint8Array) => boolean;
  decode: (bytes: Uint8Array) => string;
}

const startsWith = (bytes: Uint8Array, mark: number[]) => mark.every((b, i) => bytes[i] === b);
/** Strict: a byte sequence the encoding does not allow throws instead of becoming "�". */
const decoder = (label: string) => (bytes: Uint8Array) => new TextDecoder(label, { fatal: true }).decode(bytes);

const ENCODINGS: Encoding[] = [
  { name: "UTF-8", claims: (b) => startsWith(b, [0xef, 0xbb, 0xbf]), decode: decoder("utf-8") },
  { name: "UTF-16 LE", claims: (b) => startsWith(b, [0xff, 0xfe]), decode: decoder("utf-16le") },
  { name: "UTF-16 BE", claims: (b) => startsWith(b, [0xfe, 0xff]), decode: decoder("utf-16be") },
  { name: "UTF-8", claims: () => true, decode: decoder("utf-8") },
];

/** Control characters no spreadsheet writes into a CSV file (tab, line ends and form feed aside). */
const BINARY = /[\u0000-\u0008\u000E-\u001F]/;

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

export type UploadedText = { ok: true; text: string; fileName: string } | { ok: false; message: string };

/** The file field of a posted form, as text ready for readCsv. */
export async function readUploadedFile(entry: FormDataEntryValue | null | undefined): Promise<UploadedText> {
  if (!entry || typeof entry === "string" || entry.size === 0) return { ok: false, message: "Choose a CSV file to upload" };
  const decoded = decodeUpload(new Uint8Array(await entry.arrayBuffer()));
  if (!decoded.ok) return decoded;
  return { ok: true, text: decoded.text, fileName: entry.name || "upload.csv" };
}
