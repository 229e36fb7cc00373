/**
 * Invitations: a single-use link, valid for 7 days, emailed through the partnership's outbox (so it
 * goes over SMTP when SMTP_URL is set, and is kept for the coordinator to read when not). Only a
 * hash of the link's token is stored. Accepting creates the account (name and password) or, when
 * the email already has one, adds the role once that person has signed in; then every hook in
 * INVITATION_ACCEPTED_HOOKS runs in the same transaction.
 *
 * For other capabilities (e.g. "invite this champion to sign in"), after checking the permission:
 *
 *   const invited = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
 *     createInvitation(tx, { partnershipId, email, name, role: "champion", organisationId,
 *       invitedBy: ctx.user.id, origin: linkOrigin(), context: { championId } }));
 *   if (!invited.ok) → show invited.message by the field named invited.field
 *   deliverSoon(partnershipId);   // after the transaction has committed
 */
import { sql } from "kysely";
import { z } from "zod";
import { epochMs, now } from "../platform/clock.server";
import type { Invitation, InvitedRole } from "../../../db/types";
import { findUserByEmail } from "../auth/accounts.server";
import { hashPassword } from "../auth/password.server";
import { newToken, tokenHash } from "../auth/tokens.server";
import { queueEmail } from "../notify/outbox.server";
import { formatDateTime } from "../platform/dates";
import { text } from "../platform/form.server";
import { type Tx, inTransaction, setScope, withPartnership } from "../tenancy/with-partnership.server";
import { INVITATION_ACCEPTED_HOOKS, type AcceptedInvitation } from "./invitation-hooks.server";
import { addMembership, holdsRole } from "./members.server";
import { describeRole, isOrganisationRole, rolePhrase } from "./roles";

export const INVITATION_LIFETIME_DAYS = 7;

export interface InvitationRequest {
  partnershipId: string;
  /** Where the link goes; the account created on acceptance has this email. */
  email: string;
  /** How to greet them, and the name offered when they set up their account. */
  name?: string | null;
  role: InvitedRole;
  /** Required for org_admin and champion; must be an organisation of this partnership. */
  organisationId?: string | null;
  /** Only for a board member limited to one borough of this partnership. */
  boroughId?: string | null;
  /** The person sending it (named in the email), or null for the system. */
  invitedBy: string | null;
  /** The app's origin for the link: linkOrigin() from platform/origin.server. */
  origin: string;
  /** Handed unchanged to INVITATION_ACCEPTED_HOOKS, e.g. { championId }. */
  context?: Record<string, unknown>;
}

export type InvitationOutcome =
  { ok: true; invitationId: string; token: string; expiresAt: Date } | { ok: false; field: "email" | "organisationId" | "boroughId"; message: string };

const lifetimeMs = INVITATION_LIFETIME_DAYS * 24 * 60 * 60 * 1000;

/** Creates the invitation and queues its email in `tx`; earlier pending invitations for the same email and role lapse. */
export async function createInvitation(tx: Tx, request: InvitationRequest): Promise<InvitationOutcome> {
  const { partnershipId, role } = request;
  const email = request.email.trim();
  const organisationId = isOrganisationRole(role) ? (request.organisationId ?? null) : null;
  const boroughId = role === "board" ? (request.boroughId ?? null) : null;
  if (isOrganisationRole(role) && !organisationId) return { ok: false, field: "organisationId", message: "Choose the organisation they will work for" };
  const place = await placeNames(tx, { partnershipId, organisationId, boroughId });
  if (!place) return { ok: false, field: "email", message: "This partnership does not exist" };
  if (organisationId && !place.organisationName) return { ok: false, field: "organisationId", message: "Choose an organisation from the list" };
  if (boroughId && !place.boroughName) return { ok: false, field: "boroughId", message: "Choose a borough from the list" };

  const existing = await findUserByEmail(tx, email);
  if (existing && (await holdsRole(tx, { partnershipId, userId: existing.id, role, organisationId }))) {
    return { ok: false, field: "email", message: `${existing.name} is already ${rolePhrase(role, place.organisationName)}` };
  }

  await lapsePendingFor(tx, { partnershipId, email, role, organisationId });
  const { token, hash } = newToken();
  const expiresAt = new Date(epochMs() + lifetimeMs);
  const { id } = await tx
    .insertInto("invitations")
    .values({
      partnership_id: partnershipId,
      token_hash: hash,
      email,
      name: request.name?.trim() || null,
      role,
      organisation_id: organisationId,
      borough_id: boroughId,
      context: JSON.stringify(request.context ?? {}),
      invited_by: request.invitedBy,
      expires_at: expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await queueInvitationEmail(tx, {
    invitationId: id,
    partnershipId,
    email,
    name: request.name ?? null,
    role,
    place,
    invitedBy: request.invitedBy,
    token,
    expiresAt,
    origin: request.origin,
  });
  return { ok: true, invitationId: id, token, expiresAt };
}

async function placeNames(tx: Tx, { partnershipId, organisationId, boroughId }: { partnershipId: string; organisationId: string | null; boroughId: string | null }) {
  const partnership = await tx.selectFrom("partnerships").select("name").where("id", "=", partnershipId).executeTakeFirst();
  if (!partnership) return null;
  const organisation = organisationId
    ? await tx.selectFrom("organisations").select("name").where("partnership_id", "=", partnershipId).where("id", "=", organisationId).executeTakeFirst()
    : undefined;
  const borough = boroughId ? await tx.selectFrom("boroughs").select("name").where("partnership_id", "=", partnershipId).where("id", "=", boroughId).executeTakeFirst() : undefined;
  return { partnershipName: partnership.name, organisationName: organisation?.name ?? null, boroughName: borough?.name ?? null };
}

async function lapsePendingFor(tx: Tx, { partnershipId, email, role, organisationId }: { partnershipId: string; email: string; role: InvitedRole; organisationId: string | null }) {
  let q = tx
    .updateTable("invitations")
    .set({ cancelled_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where(sql`lower(email)`, "=", email.toLowerCase())
    .where("role", "=", role)
    .where("accepted_at", "is", null)
    .where("cancelled_at", "is", null);
  q = organisationId ? q.where("organisation_id", "=", organisationId) : q.where("organisation_id", "is", null);
  await q.execute();
}

async function queueInvitationEmail(
  tx: Tx,
  m: {
    invitationId: string;
    partnershipId: string;
    email: string;
    name: string | null;
    role: InvitedRole;
    place: { partnershipName: string; organisationName: string | null; boroughName: string | null };
    invitedBy: string | null;
    token: string;
    expiresAt: Date;
    origin: string;
  },
) {
  const inviter = m.invitedBy ? await tx.selectFrom("users").select("name").where("id", "=", m.invitedBy).executeTakeFirst() : undefined;
  const text = [
    m.name ? `Dear ${m.name},` : "Hello,",
    "",
    `${inviter?.name ?? "The Golden Thread team"} has invited you to join ${m.place.partnershipName} on Golden Thread as ${describeRole(m.role, m.place)}.`,
    "",
    "Golden Thread is where the partnership keeps its restorative pledge, its RJ champions, quarterly returns and delivery plan.",
    "",
    "To accept, open this link:",
    `${m.origin}/invitations/${m.token}`,
    "",
    `The link works once and expires on ${formatDateTime(m.expiresAt)}. If you were not expecting this invitation, you can ignore this email.`,
  ].join("\n");
  await queueEmail(tx, m.partnershipId, {
    to: m.email,
    subject: `You are invited to ${m.place.partnershipName} on Golden Thread`,
    text,
    kind: "invitation",
    invitationId: m.invitationId,
  });
}

export type InvitationState = "pending" | "expired" | "accepted" | "cancelled";

export function invitationState(invitation: Pick<Invitation, "accepted_at" | "cancelled_at" | "expires_at">, at = now()): InvitationState {
  if (invitation.accepted_at) return "accepted";
  if (invitation.cancelled_at) return "cancelled";
  return invitation.expires_at.getTime() <= at.getTime() ? "expired" : "pending";
}

export interface PendingInvitation {
  id: string;
  email: string;
  name: string | null;
  role: InvitedRole;
  organisationId: string | null;
  organisationName: string | null;
  boroughName: string | null;
  invitedByName: string | null;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

/** Invitations not yet accepted or cancelled (expired ones too, so they can be sent again). */
export async function listPendingInvitations(tx: Tx, { partnershipId, organisationId }: { partnershipId: string; organisationId?: string }): Promise<PendingInvitation[]> {
  let q = tx
    .selectFrom("invitations as i")
    .leftJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "i.partnership_id").onRef("o.id", "=", "i.organisation_id"))
    .leftJoin("boroughs as b", (j) => j.onRef("b.partnership_id", "=", "i.partnership_id").onRef("b.id", "=", "i.borough_id"))
    .leftJoin("users as u", "u.id", "i.invited_by")
    .select([
      "i.id",
      "i.email",
      "i.name",
      "i.role",
      "i.organisation_id",
      "o.name as organisation_name",
      "b.name as borough_name",
      "u.name as invited_by_name",
      "i.created_at",
      "i.expires_at",
    ])
    .where("i.partnership_id", "=", partnershipId)
    .where("i.accepted_at", "is", null)
    .where("i.cancelled_at", "is", null)
    .orderBy("i.created_at", "desc");
  if (organisationId) q = q.where("i.organisation_id", "=", organisationId);
  const at = epochMs();
  return (await q.execute()).map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    boroughName: r.borough_name,
    invitedByName: r.invited_by_name,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    expired: r.expires_at.getTime() <= at,
  }));
}

interface InvitationScope {
  partnershipId: string;
  invitationId: string;
  /** On an organisation's page: only that organisation's invitations. */
  organisationId?: string;
}

function pendingInvitation(tx: Tx, { partnershipId, invitationId, organisationId }: InvitationScope) {
  let q = tx
    .selectFrom("invitations")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", invitationId)
    .where("accepted_at", "is", null)
    .where("cancelled_at", "is", null);
  if (organisationId) q = q.where("organisation_id", "=", organisationId);
  return q.forUpdate().executeTakeFirst();
}

/** A fresh link (the old one stops working) valid for another 7 days. False when there is no such pending invitation. */
export async function resendInvitation(tx: Tx, scope: InvitationScope & { origin: string; sentBy: string }): Promise<boolean> {
  const invitation = await pendingInvitation(tx, scope);
  if (!invitation) return false;
  const place = await placeNames(tx, { partnershipId: scope.partnershipId, organisationId: invitation.organisation_id, boroughId: invitation.borough_id });
  const { token, hash } = newToken();
  const expiresAt = new Date(epochMs() + lifetimeMs);
  await tx.updateTable("invitations").set({ token_hash: hash, expires_at: expiresAt }).where("partnership_id", "=", scope.partnershipId).where("id", "=", invitation.id).execute();
  await queueInvitationEmail(tx, {
    ...invitation,
    invitationId: invitation.id,
    partnershipId: scope.partnershipId,
    place: place!,
    invitedBy: scope.sentBy,
    token,
    expiresAt,
    origin: scope.origin,
  });
  return true;
}

export async function cancelInvitation(tx: Tx, scope: InvitationScope): Promise<boolean> {
  const invitation = await pendingInvitation(tx, scope);
  if (!invitation) return false;
  await tx.updateTable("invitations").set({ cancelled_at: now() }).where("partnership_id", "=", scope.partnershipId).where("id", "=", invitation.id).execute();
  return true;
}

/** The partnership an invitation link belongs to; RLS shows the row only to a transaction that presents its hash. */
async function partnershipOfToken(hash: string): Promise<string | null> {
  return inTransaction(async (tx) => {
    await setScope(tx, { tokenHash: hash });
    const row = await tx.selectFrom("invitations").select("partnership_id").where("token_hash", "=", hash).executeTakeFirst();
    return row?.partnership_id ?? null;
  });
}

export interface InvitationForAcceptance {
  state: InvitationState;
  email: string;
  name: string | null;
  role: InvitedRole;
  partnershipName: string;
  organisationName: string | null;
  boroughName: string | null;
  expiresAt: Date;
  /** The email already has an account: accepting needs that person signed in. */
  accountExists: boolean;
}

export async function findInvitationByToken(token: string): Promise<InvitationForAcceptance | null> {
  const hash = tokenHash(token);
  const partnershipId = await partnershipOfToken(hash);
  if (!partnershipId) return null;
  return withPartnership(partnershipId, null, async (tx) => {
    const invitation = await tx.selectFrom("invitations").selectAll().where("partnership_id", "=", partnershipId).where("token_hash", "=", hash).executeTakeFirst();
    if (!invitation) return null;
    const place = await placeNames(tx, { partnershipId, organisationId: invitation.organisation_id, boroughId: invitation.borough_id });
    return {
      state: invitationState(invitation),
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      partnershipName: place!.partnershipName,
      organisationName: place!.organisationName,
      boroughName: place!.boroughName,
      expiresAt: invitation.expires_at,
      accountExists: Boolean(await findUserByEmail(tx, invitation.email)),
    };
  });
}

/** The acceptance form for someone without an account. */
export const NewAccountSchema = z.object({
  name: text("your full name"),
  password: z.string().min(1, "Create a password"),
});

export type Acceptor = { kind: "new-account"; name: string; password: string } | { kind: "signed-in"; userId: string };

export type AcceptOutcome = { ok: true; userId: string; landingPath: string } | { ok: false; reason: "gone" | "account-exists" | "wrong-account" };

/** Single use: the row is locked and marked accepted in one transaction, so two tabs cannot both accept. */
export async function acceptInvitation(token: string, acceptor: Acceptor): Promise<AcceptOutcome> {
  const hash = tokenHash(token);
  const partnershipId = await partnershipOfToken(hash);
  if (!partnershipId) return { ok: false, reason: "gone" };
  const passwordHash = acceptor.kind === "new-account" ? await hashPassword(acceptor.password) : null;
  return withPartnership(partnershipId, acceptor.kind === "signed-in" ? acceptor.userId : null, async (tx) => {
    const invitation = await tx.selectFrom("invitations").selectAll().where("partnership_id", "=", partnershipId).where("token_hash", "=", hash).forUpdate().executeTakeFirst();
    if (!invitation || invitationState(invitation) !== "pending") return { ok: false, reason: "gone" } as const;

    const holder = await findUserByEmail(tx, invitation.email);
    let userId: string;
    if (acceptor.kind === "signed-in") {
      if (!holder || holder.id !== acceptor.userId || holder.disabled_at) return { ok: false, reason: "wrong-account" } as const;
      userId = holder.id;
    } else {
      if (holder) return { ok: false, reason: "account-exists" } as const;
      const created = await tx.insertInto("users").values({ email: invitation.email, name: acceptor.name, password_hash: passwordHash }).returning("id").executeTakeFirstOrThrow();
      userId = created.id;
      await setScope(tx, { userId });
    }

    await tx.updateTable("invitations").set({ accepted_at: now(), accepted_by: userId }).where("partnership_id", "=", partnershipId).where("id", "=", invitation.id).execute();
    await addMembership(tx, { partnershipId, userId, role: invitation.role, organisationId: invitation.organisation_id, boroughId: invitation.borough_id });
    const accepted: AcceptedInvitation = {
      invitationId: invitation.id,
      partnershipId,
      userId,
      email: invitation.email,
      role: invitation.role,
      organisationId: invitation.organisation_id,
      boroughId: invitation.borough_id,
      context: invitation.context,
      newAccount: acceptor.kind === "new-account",
    };
    for (const hook of INVITATION_ACCEPTED_HOOKS) await hook.run(tx, accepted);

    const { slug } = await tx.selectFrom("partnerships").select("slug").where("id", "=", partnershipId).executeTakeFirstOrThrow();
    const landingPath = invitation.organisation_id ? `/p/${slug}/orgs/${invitation.organisation_id}` : `/p/${slug}`;
    return { ok: true, userId, landingPath } as const;
  });
}
