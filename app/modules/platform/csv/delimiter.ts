/**
 * Which character separates a file's cells: a comma, a semicolon (Excel in much of Europe, and
 * wherever the decimal separator is a comma) or a tab (Excel's "Unicode text"). The header row
 * decides: the candidate it holds most often, outside quotes; a comma when it holds none.
 * Excel's own hint, a first line "sep=;", wins and is dropped.
 */
export type Delimiter = "," | ";" | "\t";

export const DELIMITER_NAMES: Record<Delimiter, string> = { ",": "commas", ";": "semicolons", "\t": "tabs" };

const CANDIDATES: Delimiter[] = [",", ";", "\t"];
const SEP_HINT = /^\uFEFF?sep=([,;\t])\r?\n/i;

export function detectDelimiter(text: string): { delimiter: Delimiter; text: string } {
  const hint = SEP_HINT.exec(text);
  if (hint) return { delimiter: hint[1] as Delimiter, text: text.slice(hint[0].length) };
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (const char of text.slice(0, 64 * 1024)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: Delimiter = ",";
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c;
  return { delimiter: best, text };
}
