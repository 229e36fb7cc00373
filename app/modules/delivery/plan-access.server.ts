/**
 * What every plan route does first: read the plan, action or review named in the URL inside
 * this partnership (404 for a malformed id or another partnership's), and check the person may
 * see or update it (403). Routes stay thin; the rules live in action-access.ts.
 */
import { z } from "zod";
import { forbidden, notFound, type AccessContext } from "../auth/guard.server";
import { withPartnership } from "../tenancy/with-partnership.server";
import { effectiveRoles } from "../auth/permissions";
import type { Tx } from "../tenancy/with-partnership.server";
import { maySeeAction, mayUpdateAction, type BoroughLens } from "./action-access";
import type { PlanRecord } from "./plan-view";
import { findPlan, loadPlan } from "./plans.server";
import { boroughSnapshot } from "./review-snapshot";
import { findReview } from "./reviews.server";

const Id = z.string().uuid();
type Params = Record<string, string | undefined>;

function idParam(params: Params, name: string): string {
  const parsed = Id.safeParse(params[name]);
  if (!parsed.success) notFound();
  return parsed.data;
}

export async function requirePlan(ctx: AccessContext, params: Params) {
  const planId = idParam(params, "plan");
  const plan = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findPlan(tx, { partnershipId: ctx.partnership.id, planId }));
  if (!plan) notFound();
  return { id: plan.id, financialYear: plan.financial_year };
}

/** The borough a board member limited to one borough sees the plan through (ADR 0022); null for everyone else. */
export async function boroughLens(tx: Tx, ctx: AccessContext): Promise<(BoroughLens & { name: string; organisationNames: Set<string> }) | null> {
  if (!ctx.boroughScope || effectiveRoles(ctx.roles).has("coordinator")) return null;
  const borough = await tx.selectFrom("boroughs").select("name").where("partnership_id", "=", ctx.partnership.id).where("id", "=", ctx.boroughScope).executeTakeFirstOrThrow();
  const organisations = await tx
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("partnership_id", "=", ctx.partnership.id)
    .where("borough_id", "=", ctx.boroughScope)
    .execute();
  return {
    boroughId: ctx.boroughScope,
    name: borough.name,
    organisationIds: new Set(organisations.map((o) => o.id)),
    organisationNames: new Set(organisations.map((o) => o.name)),
  };
}

/** The plan as this person may read it: a borough board member's holds only their borough's actions, so every figure on it is the borough's. */
export async function planAsSeen(tx: Tx, ctx: AccessContext, planId: string): Promise<{ record: PlanRecord; lens: Awaited<ReturnType<typeof boroughLens>> }> {
  const [record, lens] = await Promise.all([loadPlan(tx, { partnershipId: ctx.partnership.id, planId }), boroughLens(tx, ctx)]);
  return { record: lens ? { ...record, actions: record.actions.filter((a) => maySeeAction(ctx, a, lens)) } : record, lens };
}

export async function requireAction(ctx: AccessContext, params: Params, need: "see" | "update") {
  const plan = await requirePlan(ctx, params);
  const actionId = idParam(params, "action");
  const { record, lens } = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => ({
    record: await loadPlan(tx, { partnershipId: ctx.partnership.id, planId: plan.id, actionIds: [actionId] }),
    lens: await boroughLens(tx, ctx),
  }));
  const action = record.actions[0];
  if (!action) notFound();
  if (!maySeeAction(ctx, action, lens)) forbidden();
  if (need === "update" && !mayUpdateAction(ctx, action)) forbidden();
  const theme = record.themes.find((t) => t.id === action.themeId)!;
  return { plan, action, theme };
}

/** The review as this person may read it: a borough board member's is narrowed to their borough (ADR 0022). */
export async function requireReview(ctx: AccessContext, params: Params) {
  const reviewId = idParam(params, "review");
  const found = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
    const review = await findReview(tx, { partnershipId: ctx.partnership.id, reviewId });
    const lens = review && (await boroughLens(tx, ctx));
    if (!review || !lens) return review && { ...review, borough: null };
    return { ...review, borough: lens.name, snapshot: boroughSnapshot(review.snapshot, { borough: lens.name, organisations: lens.organisationNames }) };
  });
  if (!found) notFound();
  return found;
}
