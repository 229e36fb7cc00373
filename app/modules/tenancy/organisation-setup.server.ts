/**
 * A coordinator's set-up of organisations and prospects: add, edit (sector, statutory, borough or
 * county-wide) and record that one has left the programme. An organisation's own administrator
 * keeps its profile (name and website) through updateOrganisationProfile, which cannot touch how
 * the partnership classifies it. Pledge status is never stored here: it is derived from
 * signatures (app/modules/pledge/status.server.ts).
 */
import { z } from "zod";
import { SECTORS } from "../../../db/types";
import { now } from "../platform/clock.server";
import { checkbox, text } from "../platform/form.server";
import { organisationNameKey } from "./organisation-names";
import type { Tx } from "./with-partnership.server";

export const COUNTY_WIDE = "county-wide";

export const OrganisationSchema = z.object({
  name: text("the organisation's name"),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "Choose the organisation's sector" }) }),
  boroughId: z
    .string({ required_error: "Choose its borough, or county-wide" })
    .refine((v) => v === COUNTY_WIDE || z.string().uuid().safeParse(v).success, "Choose its borough, or county-wide")
    .transform((v) => (v === COUNTY_WIDE ? null : v)),
  isStatutory: checkbox,
  website: z
    .string()
    .trim()
    .max(500, "Enter a web address of 500 characters or fewer")
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i.test(v), "Enter a full web address starting with https://, like https://www.hartlepool.gov.uk"),
});
export type OrganisationForm = z.infer<typeof OrganisationSchema>;

/** What an organisation administrator may change: sector, borough and statutory status are the coordinator's. */
export const OrganisationProfileSchema = OrganisationSchema.pick({ name: true, website: true });
export type OrganisationProfileForm = z.infer<typeof OrganisationProfileSchema>;

export const LeavingSchema = z.object({
  reason: text("why the organisation left", 2000),
});

export type OrganisationOutcome = { ok: true; id: string } | { ok: false; notFound: true } | { ok: false; notFound?: false; field: keyof OrganisationForm; message: string };

async function problemWith(tx: Tx, { partnershipId, form, except }: { partnershipId: string; form: Pick<OrganisationForm, "name"> & Partial<OrganisationForm>; except?: string }) {
  if (form.boroughId) {
    const borough = await tx.selectFrom("boroughs").select("id").where("partnership_id", "=", partnershipId).where("id", "=", form.boroughId).executeTakeFirst();
    if (!borough) return { ok: false as const, field: "boroughId" as const, message: "Choose its borough from the list, or county-wide" };
  }
  let others = tx.selectFrom("organisations").select("name").where("partnership_id", "=", partnershipId);
  if (except) others = others.where("id", "<>", except);
  const key = organisationNameKey(form.name);
  const clash = (await others.execute()).find((o) => organisationNameKey(o.name) === key);
  if (clash) return { ok: false as const, field: "name" as const, message: `There is already an organisation called ${clash.name}. Use a different name, or change that one` };
  return null;
}

const columns = (form: OrganisationForm) => ({
  name: form.name,
  sector: form.sector,
  borough_id: form.boroughId,
  is_statutory: form.isStatutory,
  website: form.website,
});

export async function createOrganisation(tx: Tx, { partnershipId, form }: { partnershipId: string; form: OrganisationForm }): Promise<OrganisationOutcome> {
  const problem = await problemWith(tx, { partnershipId, form });
  if (problem) return problem;
  const { id } = await tx
    .insertInto("organisations")
    .values({ partnership_id: partnershipId, ...columns(form) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, id };
}

export async function updateOrganisation(
  tx: Tx,
  { partnershipId, organisationId, form }: { partnershipId: string; organisationId: string; form: OrganisationForm },
): Promise<OrganisationOutcome> {
  const problem = await problemWith(tx, { partnershipId, form, except: organisationId });
  if (problem) return problem;
  const result = await tx
    .updateTable("organisations")
    .set({ ...columns(form), updated_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", organisationId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? { ok: true, id: organisationId } : { ok: false, notFound: true };
}

/** An organisation administrator's change to its profile: only the name and website are written. */
export async function updateOrganisationProfile(
  tx: Tx,
  { partnershipId, organisationId, form }: { partnershipId: string; organisationId: string; form: OrganisationProfileForm },
): Promise<OrganisationOutcome> {
  const profile = { name: form.name, website: form.website };
  const problem = await problemWith(tx, { partnershipId, form: profile, except: organisationId });
  if (problem) return problem;
  const result = await tx
    .updateTable("organisations")
    .set({ ...profile, updated_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", organisationId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0 ? { ok: true, id: organisationId } : { ok: false, notFound: true };
}

/** The organisation has left the programme (distinct from withdrawing a pledge, which is pledge history). */
export async function recordLeaving(tx: Tx, { partnershipId, organisationId, reason }: { partnershipId: string; organisationId: string; reason: string }) {
  await tx
    .updateTable("organisations")
    .set({ withdrawn_at: now(), withdrawn_reason: reason, updated_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", organisationId)
    .where("withdrawn_at", "is", null)
    .execute();
}

export async function recordRejoining(tx: Tx, { partnershipId, organisationId }: { partnershipId: string; organisationId: string }) {
  await tx
    .updateTable("organisations")
    .set({ withdrawn_at: null, withdrawn_reason: null, updated_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", organisationId)
    .where("withdrawn_at", "is not", null)
    .execute();
}
