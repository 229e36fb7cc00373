/**
 * The platform holds no case data (DESIGN.md "No case data"). Free text that looks like personal
 * data — an email address, a UK phone number, a UK postcode, a date of birth — is found here so the
 * form can say where it is before anything is submitted. A finding is a prompt to check, not proof:
 * the person can confirm the text is not about anyone.
 */
export type PersonalDataKind = "email" | "phone" | "postcode" | "date_of_birth";

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The text that matched, as written. */
  match: string;
  /** Where it starts in the text (0-based). */
  index: number;
}

export const PERSONAL_DATA_LABELS: Record<PersonalDataKind, string> = {
  email: "an email address",
  phone: "a phone number",
  postcode: "a postcode",
  date_of_birth: "a date of birth",
};

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
// UK numbers: 0 or +44 then 9–10 more digits, allowing spaces, dashes and brackets between groups.
const PHONE = /(?<![\w+])(?:\+44\s?\(?0?\)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?!\d)/g;
// Outward code, space optional, inward code (its letters never C, I, K, M, O or V).
const POSTCODE = /\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s?\d[ABD-HJLNP-UW-Z]{2}\b/gi;
const MONTHS = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
const DATE = new RegExp(`\\b(?:(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{2}|\\d{4})|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+(\\d{4}))\\b`, "gi");
const BIRTH_WORDS = /\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birthday)\b/i;

function validPhone(match: string) {
  const digits = match.replace(/\D/g, "");
  const national = digits.startsWith("44") ? digits.slice(2).replace(/^0/, "") : digits.slice(1);
  return national.length === 9 || national.length === 10;
}

/**
 * Finds what looks like personal data in a piece of free text. A date counts as a date of birth
 * when birth words are near it, or when its year is long enough ago to be someone's birth year
 * rather than something that happened this year (more than `minimumAge` years before `referenceYear`).
 */
export function findPersonalData(text: string, options: { referenceYear: number; minimumAge?: number }): PersonalDataFinding[] {
  const findings: PersonalDataFinding[] = [];
  const referenceYear = options.referenceYear;
  const minimumAge = options.minimumAge ?? 8;
  for (const m of text.matchAll(EMAIL)) findings.push({ kind: "email", match: m[0], index: m.index! });
  const insideEmail = (index: number) => findings.some((f) => f.kind === "email" && index >= f.index && index < f.index + f.match.length);
  for (const m of text.matchAll(PHONE)) {
    if (validPhone(m[0]) && !insideEmail(m.index!)) findings.push({ kind: "phone", match: m[0].trim(), index: m.index! });
  }
  for (const m of text.matchAll(POSTCODE)) {
    if (!insideEmail(m.index!)) findings.push({ kind: "postcode", match: m[0], index: m.index! });
  }
  for (const m of text.matchAll(DATE)) {
    const rawYear = m[3] ?? m[5];
    const year = rawYear.length === 2 ? 1900 + Number(rawYear) + (Number(rawYear) + 2000 <= referenceYear ? 100 : 0) : Number(rawYear);
    const before = text.slice(Math.max(0, m.index! - 40), m.index!);
    const nearBirthWords = BIRTH_WORDS.test(before);
    if (nearBirthWords || (year >= 1900 && year <= referenceYear - minimumAge)) {
      findings.push({ kind: "date_of_birth", match: m[0], index: m.index! });
    }
  }
  return findings.sort((a, b) => a.index - b.index);
}

/** Findings for several named fields at once, in field order. */
export function findPersonalDataIn(fields: Array<{ name: string; label: string; text: string | null | undefined }>, options: Parameters<typeof findPersonalData>[1]) {
  return fields.flatMap((field) => (field.text ? findPersonalData(field.text, options).map((f) => ({ ...f, field: field.name, fieldLabel: field.label })) : []));
}
