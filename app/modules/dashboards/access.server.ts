/**
 * Who sees which dashboard. Coordinators and board members see the county's; a board member
 * limited to one borough sees that borough's only. Organisation members see their organisation's.
 */
import { z } from "zod";
import { forbidden, notFound, type AccessContext } from "../auth/guard.server";
import type { Tx } from "../tenancy/with-partnership.server";

/** The borough in the URL: 404 unless it is one of this partnership's; 403 outside a board member's borough. */
export async function requireBorough(tx: Tx, ctx: AccessContext, param: string | undefined) {
  const id = z.string().uuid().safeParse(param);
  if (!id.success) notFound();
  const borough = await tx.selectFrom("boroughs").select(["id", "name"]).where("partnership_id", "=", ctx.partnership.id).where("id", "=", id.data).executeTakeFirst();
  if (!borough) notFound();
  if (ctx.boroughScope && ctx.boroughScope !== borough.id) forbidden();
  return borough;
}

/** The organisations a member (not staff) belongs to here, by name. */
export async function ownOrganisations(tx: Tx, ctx: AccessContext) {
  const ids = [...new Set(ctx.memberships.map((m) => m.organisationId))];
  if (ids.length === 0) return [];
  return tx.selectFrom("organisations").select(["id", "name"]).where("partnership_id", "=", ctx.partnership.id).where("id", "in", ids).orderBy("name").execute();
}
