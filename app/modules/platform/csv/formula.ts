/**
 * The guard against spreadsheet formulas in CSV files (OWASP "CSV injection"): a text cell that
 * starts with =, +, -, @, a tab or a carriage return is written with an apostrophe in front, so a
 * spreadsheet shows it instead of running it. Uploads take one apostrophe off again, so a download
 * uploads back unchanged; a cell that already starts with apostrophes before one of those
 * characters gets one more, so the round trip holds for it too.
 */
const NEEDS_GUARD = /^'*[=+\-@\t\r]/;

export const guardFormula = (text: string) => (NEEDS_GUARD.test(text) ? `'${text}` : text);

export const unguardFormula = (text: string) => (text.startsWith("'") && NEEDS_GUARD.test(text) ? text.slice(1) : text);
