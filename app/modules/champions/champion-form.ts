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
      .transform(
        (v): ChampionInput => ({
          name: v.name,
          email: v.email,
          jobTitle: v.jobTitle,
          since: v.since,
          training: v.training as ChampionInput["training"],
          accreditationExpiresOn: v.training === "accredited" ? (v.accreditationExpiresOn ?? null) : null,
          isContact: v.isContact,
        }),
      ),
  );
}
