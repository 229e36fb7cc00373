/** The coordinator's metric forms: field schemas with messages that say how to fix the input. */
import { z } from "zod";
import { nextQuarter, parseQuarterKey, previousQuarter, quarterOf, type Quarter } from "../reporting/periods";

/** Text as typed, without NUL (which nobody types and PostgreSQL cannot store). */
const typed = (required: string) => z.string({ required_error: required }).transform((v) => v.replaceAll("\u0000", "").trim());

const optionalId = z
  .string()
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || z.string().uuid().safeParse(v).success, "Choose a metric from the list");

const checkbox = z
  .string()
  .optional()
  .transform((v) => v !== undefined);

export const MetricDetailsFields = {
  label: typed("Enter a label").pipe(z.string().min(1, "Enter a label").max(200, "The label must be 200 characters or fewer")),
  group: typed("Enter a group").pipe(z.string().min(1, "Enter a group, like Referrals").max(100, "The group must be 100 characters or fewer")),
  unit: typed("").pipe(z.string().max(50, "The unit must be 50 characters or fewer")).optional().default(""),
  participantCount: checkbox,
  partOfId: optionalId,
};

const definition = typed("Say what counts and what does not").pipe(
  z.string().min(1, "Say what counts and what does not").max(2000, "The definition must be 2,000 characters or fewer"),
);
const quarterKey = z.string({ required_error: "Choose a quarter" }).refine((v) => parseQuarterKey(v) !== null, "Choose a quarter from the list");

export const NewMetricSchema = z.object({
  key: z
    .string({ required_error: "Enter a key" })
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,47}$/, "Use 2 to 48 lower-case letters, digits and underscores, starting with a letter, like school_referrals"),
  aggregation: z.enum(["sum", "last"], { errorMap: () => ({ message: "Choose whether the metric is a flow or a stock" }) }),
  ...MetricDetailsFields,
  definition,
  validFrom: quarterKey,
});

export const MetricDetailsSchema = z.object({ intent: z.literal("details"), ...MetricDetailsFields });
export const RedefineSchema = z.object({ intent: z.literal("redefine"), definition, validFrom: quarterKey });

/** Quarters a definition can start from: a year either side of today's. */
export function definitionQuarters(today: string): Quarter[] {
  let q = quarterOf(today);
  for (let i = 0; i < 4; i++) q = previousQuarter(q);
  const list: Quarter[] = [];
  for (let i = 0; i < 9; i++, q = nextQuarter(q)) list.push(q);
  return list;
}

export const AGGREGATION_LABELS = {
  sum: "Flow: added up over quarters",
  last: "Stock: a count at quarter end, never added up",
} as const;
