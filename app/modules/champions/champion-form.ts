/** The champion form's fields, checked on the server with messages that say how to fix them. */
import { z } from "zod";
import { dateField, withDates } from "../platform/date-input";
import { checkbox, text } from "../platform/form.server";
import type { ChampionInput } from "./champions.server";
import { TRAINING_LEVELS } from "./training";

export const CHAMPION_FIELDS = ["name", "email", "jobTitle", "since", "training", "accreditationExpiresOn", "isContact"];

export function championSchema(today: string) {
  return withDates(
    ["since", "accreditationExpiresOn"],
    z
      .object({
        name: text("the champion's full name"),
        email: z
          .string({ required_error: "Enter the champion's work email address" })
          .trim()
          .min(1, "Enter the champion's work email address")
          .max(254, "The email address must be 254 characters or fewer")
          .email("Enter an email address in the correct format, like name@example.org"),
        jobTitle: text("the champion's job title"),
        since: dateField("the date they became a champion", { today, when: "past" }),
        training: z.enum(TRAINING_LEVELS as [string, ...string[]], { errorMap: () => ({ message: "Select the champion's training" }) }),
        accreditationExpiresOn: z.string().optional(),
        isContact: checkbox,
      })
      .superRefine((v, ctx) => {
        if (v.training !== "accredited") return;
        const expiry = dateField("the date their accreditation expires").safeParse(v.accreditationExpiresOn);
        if (!expiry.success) ctx.addIssue({ code: "custom", path: ["accreditationExpiresOn"], message: expiry.error.issues[0].message });
      })
      .transform((v): ChampionInput => ({
        name: v.name,
        email: v.email,
        jobTitle: v.jobTitle,
        since: v.since,
        training: v.training as ChampionInput["training"],
        accreditationExpiresOn: v.training === "accredited" ? (v.accreditationExpiresOn ?? null) : null,
        isContact: v.isContact,
      })),
  );
}

/** The contact the form showed (its id), or null for none; undefined from a form without the field. */
export function contactShownIn(values: Record<string, string | string[] | undefined>): string | null | undefined {
  const shown = values.contactShown;
  if (shown === undefined) return undefined;
  return (Array.isArray(shown) ? shown[0] : shown) || null;
}

/** The end of the saved notice when the contact changed hands: it names both. */
export const contactNotice = (name: string, replaced: string | undefined) => (replaced ? `. ${name} is now the communications contact, instead of ${replaced}` : "");

export const contactChangedMessage = (name: string, now: string | undefined) =>
  `${now ? `${now} is` : "Nobody is"} the communications contact now: it changed after you opened this page. Nothing is saved: save again to make ${name} the contact${now ? ` instead of ${now}` : ""}.`;
