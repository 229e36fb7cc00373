/** RJ champions' training levels, lowest first, and when an accreditation needs attention. */
import type { TrainingLevel } from "../../../db/types";
import { addDays } from "../reporting/periods";

export type { TrainingLevel };

export const TRAINING_LEVELS: TrainingLevel[] = ["none", "awareness", "facilitator", "accredited"];

export const TRAINING_LABELS: Record<TrainingLevel, string> = {
  none: "Not trained yet",
  awareness: "RJ awareness",
  facilitator: "RJC-approved facilitator training",
  accredited: "RJC accredited practitioner",
};

/** An accreditation expiring within this many days becomes a reminder and a to-do. */
export const ACCREDITATION_NOTICE_DAYS = 60;

export function accreditationNeedsAttention(expiresOn: string | null, today: string) {
  return Boolean(expiresOn && expiresOn <= addDays(today, ACCREDITATION_NOTICE_DAYS));
}
