/**
 * What every plan route does first: read the plan, action or review named in the URL inside
 * this partnership (404 for a malformed id or another partnership's), and check the person may
 * see or update it (403). Routes stay thin; the rules live in action-access.ts.
 */
import { z } from "zod";
import { forbidden, notFound, type AccessContext } from "../auth/guard.server";
import { withPartnership } from "../tenancy/with-partnership.server";
import { maySeeAction, mayUpdateAction } from "./action-access";
import { findPlan, loadPlan } from "./plans.server";
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

export async function requireAction(ctx: AccessContext, params: Params, need: "see" | "update") {
  const plan = await requirePlan(ctx, params);
  const actionId = idParam(params, "action");
  const record = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => loadPlan(tx, { partnershipId: ctx.partnership.id, planId: plan.id, actionIds: [actionId] }));
  const action = record.actions[0];
  if (!action) notFound();
  if (!maySeeAction(ctx, action)) forbidden();
  if (need === "update" && !mayUpdateAction(ctx, action)) forbidden();
  const theme = record.themes.find((t) => t.id === action.themeId)!;
  return { plan, action, theme };
}

export async function requireReview(ctx: AccessContext, params: Params) {
  const reviewId = idParam(params, "review");
  const review = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findReview(tx, { partnershipId: ctx.partnership.id, reviewId }));
  if (!review) notFound();
  return review;
}
