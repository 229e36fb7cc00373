/**
 * The one check for personal data in free text others read (DESIGN.md "No case data"): returns,
 * case studies, proposed pledge activity, action commentary, leaving reasons. A finding is a
 * warning the person confirms, never a refusal: the form comes back with the text kept, the
 * findings listed, and a box to tick saying the text is about nobody.
 */
import { findPersonalDataIn, PERSONAL_DATA_LABELS } from "../returns/personal-data";

export const CONFIRM_NO_PERSONAL_DATA = "confirmNoPersonalData";

export interface PersonalDataWarning {
  field: string;
  message: string;
}

export function personalDataWarnings(
  fields: Array<{
    name: string;
    label: string;
    text: string | null | undefined;
  }>,
  referenceYear: number,
): PersonalDataWarning[] {
  return findPersonalDataIn(fields, { referenceYear }).map((f) => ({
    field: f.field,
    message: `${f.fieldLabel} contains what looks like ${PERSONAL_DATA_LABELS[f.kind]} (“${f.match}”). Remove anything that could identify a person`,
  }));
}

/** The warnings still to confirm: none once the person has ticked the box on the form they posted. */
export function unconfirmedPersonalData(values: Record<string, unknown>, fields: Parameters<typeof personalDataWarnings>[0], today: string) {
  if (values[CONFIRM_NO_PERSONAL_DATA] !== undefined) return [];
  return personalDataWarnings(fields, Number(today.slice(0, 4)));
}
