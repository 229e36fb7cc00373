/** The invitation form, as posted from a partnership's People page or an organisation's page. */
import { z } from "zod";
import { optionalText } from "../platform/form.server";
import { isOrganisationRole } from "./roles";

export const emailAddress = z
  .string({ required_error: "Enter their email address" })
  .trim()
  .min(1, "Enter their email address")
  .max(254, "Enter an email address of 254 characters or fewer")
  .email("Enter an email address in the correct format, like name@example.org");

const optionalId = (message: string) =>
  z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().uuid(message).nullable());

export const InviteSchema = z
  .object({
    name: optionalText("their name", 200),
    email: emailAddress,
    role: z.enum(["coordinator", "board", "org_admin", "champion"], { errorMap: () => ({ message: "Choose the role they will have" }) }),
    organisationId: optionalId("Choose an organisation from the list"),
    boroughId: optionalId("Choose a borough from the list"),
  })
  .superRefine((form, ctx) => {
    if (isOrganisationRole(form.role) && !form.organisationId) {
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "Choose the organisation they will work for" });
    }
  });

export type InviteForm = z.infer<typeof InviteSchema>;
