/**
 * "Ask to join" (issue 20): an organisation that finds a partnership's public page asks to join;
 * the coordinator approves (the organisation is created as a prospect and its contact invited as
 * its administrator) or declines with a reason, which the contact is told. Nothing of a request is
 * public and no account exists until approval. Abuse is bounded where the request arrives: a
 * honeypot field (routes/public.$slug.join.tsx), a limit per client address and per partnership,
 * and a partnership's own switch (settings: "Ask to join").
 */
import { z } from "zod";
import { claimAttempts } from "../auth/login.server";
import { queueEmail } from "../notify/outbox.server";
import { now } from "../platform/clock.server";
import { optionalText, text } from "../platform/form.server";
import { linkOrigin } from "../platform/origin.server";
import { createInvitation } from "../people/invitations.server";
import { COUNTY_WIDE, createOrganisation } from "./organisation-setup.server";
import { SECTORS, type Sector } from "./sectors";
import type { Tx } from "./with-partnership.server";

/** At most this many requests an hour from one address, and to one partnership from everyone. */
export const JOIN_LIMITS = { perAddress: { freeFailures: 5, firstLockSeconds: 60 * 60 }, perPartnership: { freeFailures: 100, firstLockSeconds: 60 * 60 } };

export const JoinRequestSchema = z.object({
  organisationName: text("your organisation's name"),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "Choose your organisation's sector" }) }),
  boroughId: z
    .string({ required_error: "Choose where your organisation works, or county-wide" })
    .refine((v) => v === COUNTY_WIDE || z.string().uuid().safeParse(v).success, "Choose where your organisation works, or county-wide")
    .transform((v) => (v === COUNTY_WIDE ? null : v)),
  contactName: text("your name"),
  contactEmail: z
    .string({ required_error: "Enter your email address" })
    .trim()
    .min(1, "Enter your email address")
    .max(254, "Enter an email address of 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.org"),
  message: optionalText("what you would like to tell the coordinator", 2000),
});
export type JoinRequestForm = z.infer<typeof JoinRequestSchema>;

export async function joinRequestsOpen(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<boolean> {
  const row = await tx.selectFrom("partnerships").select("join_requests_open").where("id", "=", partnershipId).executeTakeFirst();
  return row?.join_requests_open ?? false;
}

/** What the public form shows: whether it is open, and whose it is. */
export async function joinPage(tx: Tx, { partnershipId }: { partnershipId: string }) {
  const partnership = await tx.selectFrom("partnerships").select(["name", "county", "slug", "join_requests_open"]).where("id", "=", partnershipId).executeTakeFirstOrThrow();
  return { open: partnership.join_requests_open, partnership: { name: partnership.name, county: partnership.county, slug: partnership.slug } };
}

/** Counted before it is stored, as sign-in attempts are: seconds to wait, or 0. */
export function joinRequestWait(partnershipId: string, clientAddress: string): Promise<number> {
  return claimAttempts([
    { key: `join:address:${clientAddress}`, rule: JOIN_LIMITS.perAddress },
    { key: `join:partnership:${partnershipId}`, rule: JOIN_LIMITS.perPartnership },
  ]);
}

export type SubmitOutcome = { ok: true } | { ok: false; field: "boroughId"; message: string } | { ok: false; closed: true };

export async function submitJoinRequest(tx: Tx, { partnershipId, form }: { partnershipId: string; form: JoinRequestForm }): Promise<SubmitOutcome> {
  if (!(await joinRequestsOpen(tx, { partnershipId }))) return { ok: false, closed: true };
  if (form.boroughId) {
    const borough = await tx.selectFrom("boroughs").select("id").where("partnership_id", "=", partnershipId).where("id", "=", form.boroughId).executeTakeFirst();
    if (!borough) return { ok: false, field: "boroughId", message: "Choose where your organisation works from the list, or county-wide" };
  }
  await tx
    .insertInto("join_requests")
    .values({
      partnership_id: partnershipId,
      organisation_name: form.organisationName,
      sector: form.sector,
      borough_id: form.boroughId,
      contact_name: form.contactName,
      contact_email: form.contactEmail,
      message: form.message,
    })
    .execute();
  return { ok: true };
}

export interface JoinRequestView {
  id: string;
  organisationName: string;
  sector: Sector;
  boroughName: string | null;
  contactName: string;
  contactEmail: string;
  message: string | null;
  status: "pending" | "approved" | "declined";
  createdAt: Date;
  declineReason: string | null;
  organisationId: string | null;
}

export async function listJoinRequests(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<JoinRequestView[]> {
  const rows = await tx
    .selectFrom("join_requests as r")
    .leftJoin("boroughs as b", (join) => join.onRef("b.partnership_id", "=", "r.partnership_id").onRef("b.id", "=", "r.borough_id"))
    .select([
      "r.id",
      "r.organisation_name",
      "r.sector",
      "b.name as borough_name",
      "r.contact_name",
      "r.contact_email",
      "r.message",
      "r.status",
      "r.created_at",
      "r.decline_reason",
      "r.organisation_id",
    ])
    .where("r.partnership_id", "=", partnershipId)
    .orderBy("r.status", "desc")
    .orderBy("r.created_at", "desc")
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organisationName: r.organisation_name,
    sector: r.sector,
    boroughName: r.borough_name,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    message: r.message,
    status: r.status,
    createdAt: r.created_at,
    declineReason: r.decline_reason,
    organisationId: r.organisation_id,
  }));
}

export type DecisionOutcome = { ok: true; organisationName: string; organisationId?: string } | { ok: false; message: string };

async function pendingRequest(tx: Tx, partnershipId: string, requestId: string) {
  return tx
    .selectFrom("join_requests")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", requestId)
    .where("status", "=", "pending")
    .forUpdate()
    .executeTakeFirst();
}

/** Creates the organisation as a prospect and invites the contact as its administrator, together or not at all. */
export async function approveJoinRequest(tx: Tx, { partnershipId, requestId, userId }: { partnershipId: string; requestId: string; userId: string }): Promise<DecisionOutcome> {
  const request = await pendingRequest(tx, partnershipId, requestId);
  if (!request) return { ok: false, message: "This request has already been decided. Reload the page to see it." };
  const created = await createOrganisation(tx, {
    partnershipId,
    form: { name: request.organisation_name, sector: request.sector, boroughId: request.borough_id, isStatutory: false, website: null },
  });
  if (!created.ok) return { ok: false, message: "notFound" in created && created.notFound ? "The organisation could not be created." : `${created.message}, then approve again.` };
  const invited = await createInvitation(tx, {
    partnershipId,
    email: request.contact_email,
    name: request.contact_name,
    role: "org_admin",
    organisationId: created.id,
    invitedBy: userId,
    origin: linkOrigin(),
  });
  if (!invited.ok) throw new Error(invited.message);
  await tx
    .updateTable("join_requests")
    .set({ status: "approved", decided_by: userId, decided_at: now(), organisation_id: created.id })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", requestId)
    .execute();
  return { ok: true, organisationName: request.organisation_name, organisationId: created.id };
}

/** Declines with a reason, which the contact is told by email. */
export async function declineJoinRequest(
  tx: Tx,
  { partnershipId, requestId, userId, reason, partnershipName }: { partnershipId: string; requestId: string; userId: string; reason: string; partnershipName: string },
): Promise<DecisionOutcome> {
  const request = await pendingRequest(tx, partnershipId, requestId);
  if (!request) return { ok: false, message: "This request has already been decided. Reload the page to see it." };
  await tx
    .updateTable("join_requests")
    .set({ status: "declined", decided_by: userId, decided_at: now(), decline_reason: reason })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", requestId)
    .execute();
  await queueEmail(tx, partnershipId, {
    to: request.contact_email,
    subject: `Your request to join ${partnershipName}`,
    kind: "join:declined",
    text: [
      `Dear ${request.contact_name},`,
      "",
      `Thank you for asking for ${request.organisation_name} to join ${partnershipName}. The partnership's coordinator has not added it this time:`,
      "",
      reason,
      "",
      "You can reply to the coordinator through the partnership's usual contacts.",
    ].join("\n"),
  });
  return { ok: true, organisationName: request.organisation_name };
}
