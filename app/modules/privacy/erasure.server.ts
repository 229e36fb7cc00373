/**
 * A coordinator erases a champion or a member of the partnership (UK GDPR article 17). Personal
 * values — name, email, job title — become tombstones; what the person contributed to (returns,
 * figures, training counts, plan updates) stays, so aggregate history does not change. Invitations
 * to them are deleted, emails to them blanked, earlier audit entries about them scrubbed through the
 * SECURITY DEFINER function erase_audit_values, and the erasure itself is recorded (and audited).
 * An account that belongs to another partnership too, or to a platform administrator, is not
 * erased from here: it is not this partnership's to erase.
 */
import { sql } from "kysely";
import { z } from "zod";
import { asUser, withPartnership, type Tx } from "../tenancy/with-partnership.server";
import { endChampionAccess } from "../champions/champions.server";
import { removeMember, type Member } from "../people/members.server";
import { now, today } from "../platform/clock.server";
import { ERASED } from "./erased";

export { ERASED };

const tombstoneEmail = (id: string) => `erased-${id}@erased.invalid`;

type Scope = { partnershipId: string; actorId: string };

/** Erasure cannot be undone: the coordinator types the person's name, as on the page, to confirm. */
export const ConfirmNameSchema = (name: string) =>
  z.object({
    confirmName: z
      .string({ required_error: `Type ${name} to confirm` })
      .trim()
      .max(300, `Type ${name} to confirm`)
      .refine((typed) => typed.toLowerCase() === name.trim().toLowerCase(), `Type ${name} exactly as shown to confirm`),
  });

/** Invitations and emails to an address in this partnership: deleted and blanked, their audit entries scrubbed. */
async function eraseAddress(tx: Tx, { partnershipId, email, championId }: { partnershipId: string; email: string; championId?: string }, tombstone: string) {
  let invitations = tx.selectFrom("invitations").select("id").where("partnership_id", "=", partnershipId);
  invitations = invitations.where((eb) =>
    championId ? eb.or([eb(sql`lower(email)`, "=", email.toLowerCase()), eb(sql`context->>'championId'`, "=", championId)]) : eb(sql`lower(email)`, "=", email.toLowerCase()),
  );
  const ids = (await invitations.execute()).map((i) => i.id);
  if (ids.length) await tx.deleteFrom("invitations").where("partnership_id", "=", partnershipId).where("id", "in", ids).execute();
  for (const id of ids) await sql`select erase_audit_values('invitations', ${JSON.stringify({ id })}::jsonb)`.execute(tx);
  await tx
    .updateTable("outbox_messages")
    .set({ to_address: tombstone, body_text: ERASED.value })
    .where("partnership_id", "=", partnershipId)
    .where(sql`lower(to_address)`, "=", email.toLowerCase())
    .execute();
}

async function tombstoneChampion(tx: Tx, { partnershipId, championId }: { partnershipId: string; championId: string }) {
  const champion = await tx
    .selectFrom("champions")
    .select(["id", "organisation_id", "email", "since", "user_id"])
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", championId)
    .executeTakeFirst();
  if (!champion) return null;
  await endChampionAccess(tx, { partnershipId, organisationId: champion.organisation_id, championId, userId: champion.user_id, email: champion.email });
  const tombstone = tombstoneEmail(champion.id);
  await tx
    .updateTable("champions")
    .set({
      name: ERASED.champion,
      email: tombstone,
      job_title: ERASED.jobTitle,
      user_id: null,
      is_contact: false,
      // Someone erased is no longer a champion; the dates they served still count in the figures.
      left_on: sql`coalesce(left_on, greatest(since, ${today()}::date))`,
      updated_at: sql`clock_timestamp()`,
    })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", championId)
    .execute();
  await eraseAddress(tx, { partnershipId, email: champion.email, championId }, tombstone);
  await sql`select erase_audit_values('champions', ${JSON.stringify({ id: championId })}::jsonb)`.execute(tx);
  return champion;
}

export async function eraseChampion(scope: Scope & { organisationId: string; championId: string }): Promise<boolean> {
  return withPartnership(scope.partnershipId, scope.actorId, async (tx) => {
    const found = await tx
      .selectFrom("champions")
      .select("id")
      .where("partnership_id", "=", scope.partnershipId)
      .where("organisation_id", "=", scope.organisationId)
      .where("id", "=", scope.championId)
      .executeTakeFirst();
    if (!found) return false;
    await tombstoneChampion(tx, scope);
    await tx.insertInto("erasures").values({ partnership_id: scope.partnershipId, subject: "champion", erased_record: scope.championId, erased_by: scope.actorId }).execute();
    return true;
  });
}

export type MemberErasureCheck = { ok: true } | { ok: false; reason: string };

/** Whether this partnership may erase the account: only when every role it holds is here. */
export async function memberErasureCheck({ partnershipId, actorId, member }: Scope & { member: Member }): Promise<MemberErasureCheck> {
  if (member.userId === actorId) return { ok: false, reason: "You cannot erase your own account. Ask another coordinator." };
  const account = await asUser(member.userId, async (tx) => {
    const user = await tx.selectFrom("users").select(["is_platform_admin", "erased_at"]).where("id", "=", member.userId).executeTakeFirstOrThrow();
    // Read as the person, whose own membership rows are readable in every partnership.
    const elsewhere = await tx
      .selectFrom("partnership_members")
      .select("partnership_id")
      .where("user_id", "=", member.userId)
      .where("partnership_id", "!=", partnershipId)
      .union(tx.selectFrom("organisation_members").select("partnership_id").where("user_id", "=", member.userId).where("partnership_id", "!=", partnershipId))
      .execute();
    return { ...user, elsewhere: elsewhere.length > 0 };
  });
  if (account.is_platform_admin) return { ok: false, reason: `${member.name} is a platform administrator. Only the platform can erase that account.` };
  if (account.elsewhere) {
    return {
      ok: false,
      reason: `${member.name} also has roles in another partnership, so their account is not this partnership's to erase. Remove them from this partnership instead.`,
    };
  }
  if (member.roles.some((r) => r.role === "coordinator")) {
    const coordinators = await withPartnership(partnershipId, actorId, (tx) =>
      tx.selectFrom("partnership_members").select("user_id").where("partnership_id", "=", partnershipId).where("role", "=", "coordinator").execute(),
    );
    if (coordinators.length <= 1) return { ok: false, reason: "A partnership needs a coordinator. Invite another coordinator first." };
  }
  return { ok: true };
}

/**
 * Erases a member's account and everything personal this partnership holds about them: their
 * champion records, invitations and emails here, their roles, sign-in secrets and sessions.
 */
export async function eraseMember(scope: Scope & { member: Member }): Promise<MemberErasureCheck> {
  const check = await memberErasureCheck(scope);
  if (!check.ok) return check;
  const { partnershipId, actorId, member } = scope;
  return withPartnership(partnershipId, actorId, async (tx): Promise<MemberErasureCheck> => {
    const champions = await tx
      .selectFrom("champions")
      .select("id")
      .where("partnership_id", "=", partnershipId)
      .where((eb) => eb.or([eb("user_id", "=", member.userId), eb(sql`lower(email)`, "=", member.email.toLowerCase())]))
      .execute();
    const removed = await removeMember(tx, { partnershipId, userId: member.userId });
    if (!removed.ok) return { ok: false, reason: "notFound" in removed && removed.notFound ? "They are no longer a member of this partnership." : removed.message };
    for (const c of champions) await tombstoneChampion(tx, { partnershipId, championId: c.id });
    const tombstone = tombstoneEmail(member.userId);
    await eraseAddress(tx, { partnershipId, email: member.email }, tombstone);

    // The account itself belongs to no partnership: its sign-in secrets and sessions go with it.
    for (const table of ["sessions", "pending_sign_ins", "two_factor_recovery_codes", "two_factor_credentials", "password_resets", "email_changes"] as const) {
      await tx.deleteFrom(table).where("user_id", "=", member.userId).execute();
    }
    await tx
      .updateTable("users")
      .set({ name: ERASED.person, email: tombstone, password_hash: null, disabled_at: sql`coalesce(disabled_at, ${now()})`, erased_at: now() })
      .where("id", "=", member.userId)
      .execute();
    await tx.insertInto("erasures").values({ partnership_id: partnershipId, subject: "member", erased_record: member.userId, erased_by: actorId }).execute();
    return { ok: true };
  });
}
