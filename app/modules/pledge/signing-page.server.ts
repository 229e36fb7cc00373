/** What every signing question page does first: the guard, the organisation, the answers so far. */
import { json, redirect } from "@remix-run/node";
import { requireAccess } from "../auth/guard.server";
import type { FormReply } from "../platform/form.server";
import { today } from "../platform/clock.server";
import { withPartnership } from "../tenancy/with-partnership.server";
import { signingState } from "./signing.server";

type Params = Record<string, string | undefined>;

export async function requireSigning(request: Request, params: Params) {
  const ctx = await requireAccess(request, params, "pledge:sign");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const state = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => signingState(tx, { ...scope, on: today() }));
  const orgPath = `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`;
  return { ctx, scope, state, orgPath, base: `${orgPath}/pledge/sign` };
}

/** A question page with no answers started goes back to the start of signing. */
export async function requireSigningDraft(request: Request, params: Params) {
  const signing = await requireSigning(request, params);
  if (!signing.state.draft || !signing.state.version) throw redirect(signing.base);
  return { ...signing, draft: signing.state.draft, version: signing.state.version };
}

export const STALE_ANSWERS = "These answers were changed in another window, or by a colleague, after you opened this page. What you typed is below: check it and save again.";

/** Where "Save and continue" goes: back to check your answers when that is where the person came from. */
export function nextPage(request: Request, base: string, next: string) {
  return new URL(request.url).searchParams.get("from") === "check" ? `${base}/check` : `${base}/${next}`;
}

/** A refused save, with what was typed and the revision to base the next save on. */
export function staleReply(values: FormReply["values"], revision: number | undefined) {
  return json({ values: { ...values, revision: String(revision ?? "") }, errors: {}, formError: STALE_ANSWERS } satisfies FormReply, { status: 409 });
}
