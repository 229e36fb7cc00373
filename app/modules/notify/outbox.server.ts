/**
 * Queue an email in the same transaction as the change that causes it, so an invitation and its
 * email are written together or not at all. With a `dedupeKey`, queueing the same message twice
 * is a no-op: that is how reminder jobs stay safe to run every hour.
 */
import { sql } from "kysely";
import type { Tx } from "../tenancy/with-partnership.server";
import { mailConfigured } from "./delivery.server";

export interface Email {
  to: string;
  subject: string;
  text: string;
  /** What the message is, for the outbox list: "invitation", "reminder:renewal-60d"… */
  kind: string;
  /** Messages with the same key are sent once only. */
  dedupeKey?: string;
  /** The invitation it carries: its organisation's administrators may read it. */
  invitationId?: string;
}

export async function queueEmail(tx: Tx, partnershipId: string, email: Email): Promise<boolean> {
  const inserted = await tx
    .insertInto("outbox_messages")
    .values({
      partnership_id: partnershipId,
      kind: email.kind,
      dedupe_key: email.dedupeKey ?? null,
      invitation_id: email.invitationId ?? null,
      to_address: email.to,
      subject: email.subject,
      body_text: email.text,
      status: mailConfigured() ? "pending" : "kept",
    })
    .onConflict((oc) => oc.columns(["partnership_id", "dedupe_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return Boolean(inserted);
}

/**
 * A message that belongs to no partnership (a password reset); only the platform admin can read it.
 * A plain insert: RETURNING or ON CONFLICT would need the row to be readable by whoever queues it.
 */
export async function queuePlatformEmail(tx: Tx, email: Omit<Email, "dedupeKey">): Promise<void> {
  await tx
    .insertInto("platform_outbox_messages")
    .values({
      kind: email.kind,
      to_address: email.to,
      subject: email.subject,
      body_text: email.text,
      status: mailConfigured() ? "pending" : "kept",
    })
    .execute();
}

export function listOutbox(tx: Tx, { partnershipId, limit = 200 }: { partnershipId: string; limit?: number }) {
  return tx
    .selectFrom("outbox_messages")
    .select(["id", "kind", "to_address", "subject", "status", "created_at", "sent_at", "last_error"])
    .where("partnership_id", "=", partnershipId)
    .orderBy("created_at", "desc")
    .limit(limit)
    .execute();
}

export function findOutboxMessage(tx: Tx, { partnershipId, messageId }: { partnershipId: string; messageId: string }) {
  return tx.selectFrom("outbox_messages").selectAll().where("partnership_id", "=", partnershipId).where("id", "=", messageId).executeTakeFirst();
}

/**
 * The emails carrying one organisation's invitations: what its administrator may read, so that
 * without a mail server they can pass a link on. Nothing else of the partnership's outbox.
 */
function organisationEmails(tx: Tx, { partnershipId, organisationId }: { partnershipId: string; organisationId: string }) {
  return tx
    .selectFrom("outbox_messages as m")
    .innerJoin("invitations as i", (j) => j.onRef("i.partnership_id", "=", "m.partnership_id").onRef("i.id", "=", "m.invitation_id"))
    .where("m.partnership_id", "=", partnershipId)
    .where("i.organisation_id", "=", organisationId);
}

export function listOrganisationOutbox(tx: Tx, scope: { partnershipId: string; organisationId: string; limit?: number }) {
  return organisationEmails(tx, scope)
    .select(["m.id", "m.kind", "m.to_address", "m.subject", "m.status", "m.created_at", "m.sent_at", "m.last_error"])
    .orderBy("m.created_at", "desc")
    .limit(scope.limit ?? 200)
    .execute();
}

export function findOrganisationOutboxMessage(tx: Tx, scope: { partnershipId: string; organisationId: string; messageId: string }) {
  return organisationEmails(tx, scope).selectAll("m").where("m.id", "=", scope.messageId).executeTakeFirst();
}

/** Read by the platform administrator only (RLS hides the rows from anyone else). */
export function listPlatformOutbox(tx: Tx, { limit = 200 }: { limit?: number } = {}) {
  return tx
    .selectFrom("platform_outbox_messages")
    .selectAll()
    .orderBy(sql`created_at`, "desc")
    .limit(limit)
    .execute();
}
