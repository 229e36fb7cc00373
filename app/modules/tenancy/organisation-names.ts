/**
 * When two names are one organisation's: the same letters whatever the case, accents, curly or
 * straight apostrophes, dashes and spacing. "St Mary’s" typed in Excel (which curls the
 * apostrophe) and "St Mary's" typed in a form, "Café Nova" composed or decomposed, are one.
 */
export function organisationNameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/&/g, " and ")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
