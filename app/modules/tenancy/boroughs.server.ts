/** A partnership's boroughs: the local authority areas it covers, each with its ONS (GSS) code. */
import { sql } from "kysely";
import { z } from "zod";
import { text } from "../platform/form.server";
import type { Tx } from "./with-partnership.server";

export const BoroughSchema = z.object({
  name: text("the borough's name"),
  onsCode: z
    .string({ required_error: "Enter the borough's ONS code" })
    .trim()
    .toUpperCase()
    .min(1, "Enter the borough's ONS code")
    .regex(/^[EWSN]\d{8}$/, "Enter an ONS code of one letter (E, W, S or N) and 8 digits, like E06000001"),
});
export type BoroughForm = z.infer<typeof BoroughSchema>;

export type BoroughOutcome = { ok: true; id: string } | { ok: false; notFound: true } | { ok: false; notFound?: false; field: "name" | "onsCode"; message: string };

export function findBorough(tx: Tx, { partnershipId, boroughId }: { partnershipId: string; boroughId: string }) {
  return tx.selectFrom("boroughs").select(["id", "name", "ons_code"]).where("partnership_id", "=", partnershipId).where("id", "=", boroughId).executeTakeFirst();
}

/** Boroughs with how many organisations each has, for the set-up page. */
export function listBoroughsWithCounts(tx: Tx, { partnershipId }: { partnershipId: string }) {
  return tx
    .selectFrom("boroughs as b")
    .select(["b.id", "b.name", "b.ons_code"])
    .select((eb) =>
      eb
        .selectFrom("organisations as o")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("o.partnership_id", "=", "b.partnership_id")
        .whereRef("o.borough_id", "=", "b.id")
        .as("organisations"),
    )
    .where("b.partnership_id", "=", partnershipId)
    .orderBy("b.name")
    .execute();
}

/** Names and codes are unique within a partnership; say which clash, and with what. */
async function clash(tx: Tx, { partnershipId, form, except }: { partnershipId: string; form: BoroughForm; except?: string }) {
  let q = tx
    .selectFrom("boroughs")
    .select(["id", "name", "ons_code"])
    .where("partnership_id", "=", partnershipId)
    .where((eb) => eb.or([eb(sql`lower(name)`, "=", form.name.toLowerCase()), eb("ons_code", "=", form.onsCode)]));
  if (except) q = q.where("id", "<>", except);
  const other = await q.executeTakeFirst();
  if (!other) return null;
  if (other.name.toLowerCase() === form.name.toLowerCase()) return { ok: false as const, field: "name" as const, message: `There is already a borough called ${other.name}` };
  return { ok: false as const, field: "onsCode" as const, message: `${other.name} already has the ONS code ${other.ons_code}. Check the code` };
}

export async function addBorough(tx: Tx, { partnershipId, form }: { partnershipId: string; form: BoroughForm }): Promise<BoroughOutcome> {
  const problem = await clash(tx, { partnershipId, form });
  if (problem) return problem;
  const { id } = await tx.insertInto("boroughs").values({ partnership_id: partnershipId, name: form.name, ons_code: form.onsCode }).returning("id").executeTakeFirstOrThrow();
  return { ok: true, id };
}

export async function updateBorough(tx: Tx, { partnershipId, boroughId, form }: { partnershipId: string; boroughId: string; form: BoroughForm }): Promise<BoroughOutcome> {
  if (!(await findBorough(tx, { partnershipId, boroughId }))) return { ok: false, notFound: true };
  const problem = await clash(tx, { partnershipId, form, except: boroughId });
  if (problem) return problem;
  await tx.updateTable("boroughs").set({ name: form.name, ons_code: form.onsCode }).where("partnership_id", "=", partnershipId).where("id", "=", boroughId).execute();
  return { ok: true, id: boroughId };
}
