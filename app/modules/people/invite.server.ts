/**
 * Inviting from a page: who may invite which role where (roles.ts), then createInvitation, then
 * delivery once the transaction has committed.
 */
import type { Role } from "../auth/permissions";
import { deliverSoon, mailConfigured } from "../notify/delivery.server";
import { withPartnership } from "../tenancy/with-partnership.server";
import { z } from "zod";
import { uuid } from "../platform/form.server";
import type { InviteForm } from "./invite-form.server";
import { cancelInvitation, createInvitation, resendInvitation, type InvitationOutcome } from "./invitations.server";
import { invitableRoles } from "./roles";

export async function invitePerson(input: {
  partnershipId: string;
  inviter: { id: string; roles: Iterable<Role> };
  /** The partnership's People page, or one organisation's page. */
  place: { organisationId: string } | "partnership";
  form: InviteForm;
  origin: string;
}): Promise<InvitationOutcome | { ok: false; field: "role"; message: string }> {
  const { form, place, partnershipId } = input;
  const allowed = invitableRoles(input.inviter.roles, place === "partnership" ? "partnership" : "organisation");
  if (!allowed.includes(form.role)) return { ok: false, field: "role", message: "Choose one of the roles listed" };
  const outcome = await withPartnership(partnershipId, input.inviter.id, (tx) =>
    createInvitation(tx, {
      partnershipId,
      email: form.email,
      name: form.name,
      role: form.role,
      organisationId: place === "partnership" ? form.organisationId : place.organisationId,
      boroughId: form.boroughId,
      invitedBy: input.inviter.id,
      origin: input.origin,
    }),
  );
  if (outcome.ok) deliverSoon(partnershipId);
  return outcome;
}

/**
 * What the inviter is told: where the email went. Without a mail server it is kept where this
 * inviter can read it: the partnership's outbox, or the organisation's invitation emails.
 */
export function invitationNotice(email: string, keptIn: KeptIn = "the outbox") {
  return mailConfigured() ? `Invitation sent to ${email}` : `Invitation to ${email} saved in ${keptIn}. No mail server is set up, so send them the link from there`;
}

export function resentNotice(keptIn: KeptIn = "the outbox") {
  return mailConfigured() ? "Invitation sent again with a new link" : `A new link is saved in ${keptIn}. No mail server is set up, so send it from there`;
}

type KeptIn = "the outbox" | "Invitation emails";

export const InvitationChangeSchema = z.object({
  intent: z.enum(["resend", "cancel"], { errorMap: () => ({ message: "Choose to resend or cancel the invitation" }) }),
  invitationId: uuid("Choose an invitation from the list"),
});

/** Resend or cancel a pending invitation; false when there is none by that id here (the route answers 404). */
export async function changeInvitation(input: {
  partnershipId: string;
  userId: string;
  intent: "resend" | "cancel";
  invitationId: string;
  organisationId?: string;
  origin: string;
}): Promise<boolean> {
  const scope = { partnershipId: input.partnershipId, invitationId: input.invitationId, organisationId: input.organisationId };
  const done = await withPartnership(input.partnershipId, input.userId, (tx) =>
    input.intent === "resend" ? resendInvitation(tx, { ...scope, origin: input.origin, sentBy: input.userId }) : cancelInvitation(tx, scope),
  );
  if (done && input.intent === "resend") deliverSoon(input.partnershipId);
  return done;
}
