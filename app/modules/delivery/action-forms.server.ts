/**
 * What the action, milestone and update forms accept, with messages that say how to fix the input.
 */
import { z } from "zod";
import { checkbox, optionalText, text, wholeNumber } from "../platform/form.server";
import { ACTION_STATUSES } from "./plan-terms";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real day between 1900 and 2199: plans are never further out, and the database takes every such day. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value) || value < "1900" || value >= "2200") return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export const dateField = (label: string) =>
  z
    .string({ required_error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine(isCalendarDate, `Enter ${label} as a real date, like 2027-03-31`);

export const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isCalendarDate(v), `Enter ${label} as a real date, like 2027-03-31`);

/** A set of ticked boxes: absent, one value or many. Ids are checked against the partnership later. */
const idList = (message: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter(Boolean))
    .refine((ids) => ids.every((id) => z.string().uuid().safeParse(id).success), message);

export const version = z.coerce
  .number({ invalid_type_error: "Reload the page and try again" })
  .int("Reload the page and try again")
  .positive("Reload the page and try again")
  .max(2_147_483_647, "Reload the page and try again");

export const ActionFields = z
  .object({
    title: text("a title for the action", 200),
    description: optionalText("the description", 4000),
    themeId: z.string({ required_error: "Choose a theme" }).uuid("Choose a theme"),
    leadOrganisationId: z.string({ required_error: "Choose the lead organisation" }).uuid("Choose the lead organisation"),
    supportingOrganisationIds: idList("Choose supporting organisations from the list"),
    boroughIds: idList("Choose boroughs from the list"),
    startOn: dateField("the start date"),
    dueOn: dateField("the due date"),
    successMeasure: optionalText("the success measure", 1000),
    weight: z.coerce
      .number({ invalid_type_error: "Enter a weight from 1 to 10" })
      .int("Enter a whole number from 1 to 10")
      .min(1, "Enter a weight from 1 to 10")
      .max(10, "Enter a weight from 1 to 10"),
  })
  .superRefine((v, ctx) => {
    if (v.startOn <= v.dueOn) return;
    ctx.addIssue({ code: "custom", path: ["dueOn"], message: "The due date must be the same as or after the start date" });
  });

export type ActionInput = z.infer<typeof ActionFields>;

export const EditActionSchema = z.intersection(ActionFields, z.object({ intent: z.literal("save"), version }));

export const AddMilestoneSchema = z.object({
  intent: z.literal("add-milestone"),
  version,
  milestoneTitle: text("the milestone", 200),
  milestoneDueOn: dateField("the milestone's due date"),
});

/** A milestone's own fields carry its id in their names, so every row of the page has distinct fields. */
export const milestoneSchema = (milestoneId: string) =>
  z.object({
    intent: z.enum(["save-milestone", "remove-milestone"]),
    version,
    milestoneId: z.string().uuid("Choose a milestone"),
    [`milestoneTitle-${milestoneId}`]: text("the milestone", 200),
    [`milestoneDueOn-${milestoneId}`]: dateField("the milestone's due date"),
  });

export const MilestoneRowSchema = z.object({ intent: z.enum(["save-milestone", "remove-milestone"]), version, milestoneId: z.string().uuid("Choose a milestone") });

export const DeleteActionSchema = z.object({ intent: z.literal("delete"), version });

export const UpdateSchema = z.object({
  version,
  quarter: z.string({ required_error: "Choose the quarter" }).regex(/^\d{4}Q[1-4]$/, "Choose the quarter"),
  status: z.enum(ACTION_STATUSES, { errorMap: () => ({ message: "Choose the action's status" }) }),
  progress: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || /^\d{1,3}$/.test(v), "Enter progress as a whole number from 0 to 100")
    .transform((v) => (v === null ? null : Number(v)))
    .refine((v) => v === null || v <= 100, "Enter progress as a whole number from 0 to 100"),
  commentary: optionalText("the commentary", 4000),
});

export const CreatePlanSchema = z.object({
  intent: z.literal("create-plan"),
  financialYear: wholeNumber("Choose the financial year", { min: 2000, max: 2100 }),
  carryOver: checkbox,
});

export const ThemeName = text("a name for the theme", 120);
