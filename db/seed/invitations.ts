/**
 * A pending invitation in each demo partnership, with its email kept in the outbox, so the People
 * and Outbox pages show how inviting works. The token is random on every seeding and only its hash
 * is stored, like a real one; the link in the kept email works until it expires or is used.
 */
import { createHash, randomBytes } from "node:crypto";
import type { DemoStep } from "./demo";

const PENDING: Record<string, { email: string; name: string; role: "org_admin" | "board"; organisation?: string; invitedBy: string; roleText: string }> = {
  cleveland: {
    email: "tom.hughes@middlesbrough.demo.test",
    name: "Tom Hughes",
    role: "org_admin",
    organisation: "Middlesbrough Council",
    invitedBy: "coordinator@cleveland.demo.test",
    roleText: "Organisation administrator, Middlesbrough Council",
  },
  hampshire: {
    email: "helen.carter@hampshire.demo.test",
    name: "Helen Carter",
    role: "board",
    invitedBy: "coordinator@hampshire.demo.test",
    roleText: "Board member (whole partnership)",
  },
};

const base32 = (bytes: Buffer) => {
  const alphabet = "abcdefghijklmnopqrstuvwxyz234567";
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return bits > 0 ? out + alphabet[(value << (5 - bits)) & 31] : out;
};

export const seedInvitations: DemoStep = async (tx, ctx) => {
  const pending = PENDING[ctx.partnership.slug];
  if (!pending) return;
  const token = base32(randomBytes(20));
  const sent = new Date(ctx.now.getTime() - 2 * 86_400_000);
  const expires = new Date(sent.getTime() + 7 * 86_400_000);
  const invitedBy = ctx.userIds.get(pending.invitedBy) ?? null;
  const invitation = await tx
    .insertInto("invitations")
    .values({
      partnership_id: ctx.partnershipId,
      token_hash: createHash("sha256").update(token).digest("hex"),
      email: pending.email,
      name: pending.name,
      role: pending.role,
      organisation_id: pending.organisation ? ctx.organisationIds.get(pending.organisation)! : null,
      invited_by: invitedBy,
      created_at: sent,
      expires_at: expires,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const origin = ctx.origin;
  await tx
    .insertInto("outbox_messages")
    .values({
      partnership_id: ctx.partnershipId,
      kind: "invitation",
      invitation_id: invitation.id,
      to_address: pending.email,
      subject: `You are invited to ${ctx.partnership.name} on Golden Thread`,
      body_text: [
        `Dear ${pending.name},`,
        "",
        `You have been invited to join ${ctx.partnership.name} on Golden Thread as ${pending.roleText}.`,
        "",
        "To accept, open this link:",
        `${origin}/invitations/${token}`,
        "",
        `The link works once and expires on ${new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "Europe/London" }).format(expires)}.`,
      ].join("\n"),
      status: "kept",
      created_at: sent,
    })
    .execute();
};
