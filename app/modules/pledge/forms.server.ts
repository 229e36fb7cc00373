/**
 * The pledge pages' form schemas. Kept out of the route files because they use server-only field
 * helpers, and a route's top level also runs in the browser.
 */
import { z } from "zod";
import { THEMES } from "../delivery/themes";
import { formVersion, optionalText, text } from "../platform/form.server";

export const SignatorySchema = z.object({
  revision: formVersion,
  signatoryName: text("the signatory's full name"),
  signatoryTitle: text("the signatory's job title"),
});

export const ActivitySchema = z.object({
  revision: formVersion,
  ...Object.fromEntries(THEMES.map((t) => [`activity-${t.key}`, optionalText(`activity for ${t.label.toLowerCase()}`, 2000)])),
});

export const WithdrawSchema = z.object({ reason: text("the reason for withdrawing", 2000) });

export const DraftSchema = z.object({
  intent: z.enum(["save", "add-commitment", "preview"]).default("save"),
  revision: z.string({ required_error: "Open the draft again before saving" }),
  title: text("a title"),
  introduction: z.string().trim().max(10000, "The introduction must be 10,000 characters or fewer").default(""),
  commitment: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).map((c) => c.trim()).filter(Boolean)),
});
