/**
 * RJ champions: named people at an organisation, with their training, one of them the
 * communications single point of contact. A champion who leaves keeps their record (left_on), so
 * a signed organisation whose last champion left shows a vacancy.
 */
import { sql } from "kysely";
import type { TrainingLevel } from "../../../db/types";
import { now } from "../platform/clock.server";
import type { Tx } from "../tenancy/with-partnership.server";

type Scope = { partnershipId: string; organisationId: string };

export interface ChampionInput {
  name: string;
  email: string;
  jobTitle: string;
  since: string;
  training: TrainingLevel;
  accreditationExpiresOn: string | null;
  isContact: boolean;
}

export interface Champion extends ChampionInput {
  id: string;
  organisationId: string;
  leftOn: string | null;
  userId: string | null;
  revision: string;
  /** Was the communications contact when they left. */
  leftAsContact: boolean;
  /** Their account is disabled: they can no longer act as anything. */
  accountDisabled: boolean;
}

const revisionSql = sql<string>`((extract(epoch from updated_at) * 1000000)::bigint)::text`;

function championsQuery(tx: Tx, partnershipId: string) {
  return tx
    .selectFrom("champions")
    .select(["id", "organisation_id", "name", "email", "job_title", "since", "training", "accreditation_expires_on", "is_contact", "left_on", "user_id"])
    .select(revisionSql.as("revision"))
    .select("left_as_contact")
    .select(sql<boolean>`exists (select 1 from users u where u.id = champions.user_id and u.disabled_at is not null)`.as("account_disabled"))
    .where("partnership_id", "=", partnershipId);
}

function toChampion(r: Awaited<ReturnType<ReturnType<typeof championsQuery>["executeTakeFirstOrThrow"]>>): Champion {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    name: r.name,
    email: r.email,
    jobTitle: r.job_title,
    since: r.since,
    training: r.training,
    accreditationExpiresOn: r.accreditation_expires_on,
    isContact: r.is_contact,
    leftOn: r.left_on,
    userId: r.user_id,
    revision: r.revision,
    leftAsContact: r.left_as_contact,
    accountDisabled: r.account_disabled,
  };
}

/** Current champions first (the contact at the top), then those who have left. */
export async function listChampions(tx: Tx, { partnershipId, organisationId }: Scope): Promise<Champion[]> {
  const rows = await championsQuery(tx, partnershipId)
    .where("organisation_id", "=", organisationId)
    .orderBy(sql`left_on is not null`)
    .orderBy("is_contact", "desc")
    .orderBy("name")
    .execute();
  return rows.map(toChampion);
}

/** Champions across the partnership (or some organisations), for adoption figures and reminders. */
export async function championsOf(tx: Tx, { partnershipId, organisationIds }: { partnershipId: string; organisationIds?: string[] }) {
  let query = championsQuery(tx, partnershipId);
  if (organisationIds) {
    if (organisationIds.length === 0) return [];
    query = query.where("organisation_id", "in", organisationIds);
  }
  return (await query.execute()).map(toChampion);
}

/** The organisation's current communications contact, if any. */
export async function currentContact(tx: Tx, { partnershipId, organisationId }: Scope) {
  const row = await championsQuery(tx, partnershipId).where("organisation_id", "=", organisationId).where("is_contact", "=", true).where("left_on", "is", null).executeTakeFirst();
  return row ? toChampion(row) : null;
}

export async function findChampion(tx: Tx, { partnershipId, organisationId, championId }: Scope & { championId: string }) {
  const row = await championsQuery(tx, partnershipId).where("organisation_id", "=", organisationId).where("id", "=", championId).executeTakeFirst();
  return row ? toChampion(row) : null;
}

export type ChampionSave =
  | { ok: true; id: string; replacedContact?: string; leftAsContact?: boolean }
  | {
      ok: false;
      errors?: Record<string, string>;
      reason?: "missing" | "stale" | "left" | "contact-changed";
      contact?: string;
    };

/**
 * Choosing a contact replaces the current one: the form named whom (`contactShown`, its id or
 * null), and if that is no longer who it is, the person is asked again rather than replacing
 * someone they were not shown.
 */
async function contactMoved(tx: Tx, scope: Scope & { input: ChampionInput; contactShown?: string | null }, self?: string) {
  if (!scope.input.isContact || scope.contactShown === undefined) return null;
  const now = await currentContact(tx, scope);
  const other = now && now.id !== self ? now : null;
  return (other?.id ?? null) === scope.contactShown
    ? null
    : {
        ok: false as const,
        reason: "contact-changed" as const,
        contact: other?.name,
      };
}

async function emailTaken(tx: Tx, scope: Scope, email: string, exceptId?: string) {
  let query = tx
    .selectFrom("champions")
    .select("id")
    .where("partnership_id", "=", scope.partnershipId)
    .where("organisation_id", "=", scope.organisationId)
    .where(sql`lower(email)`, "=", email.toLowerCase())
    .where("left_on", "is", null);
  if (exceptId) query = query.where("id", "!=", exceptId);
  return Boolean(await query.executeTakeFirst());
}

/** Clears the current contact other than `exceptId`, and says who that was. */
async function clearContact(tx: Tx, scope: Scope, exceptId?: string): Promise<string | undefined> {
  let query = tx
    .updateTable("champions")
    .set({ is_contact: false, updated_at: sql`clock_timestamp()` })
    .where("partnership_id", "=", scope.partnershipId)
    .where("organisation_id", "=", scope.organisationId)
    .where("is_contact", "=", true);
  if (exceptId) query = query.where("id", "!=", exceptId);
  const cleared = await query.returning("name").execute();
  return cleared[0]?.name;
}

function columns(input: ChampionInput) {
  return {
    name: input.name,
    email: input.email,
    job_title: input.jobTitle,
    since: input.since,
    training: input.training,
    accreditation_expires_on: input.training === "accredited" ? input.accreditationExpiresOn : null,
    is_contact: input.isContact,
  };
}

const duplicate = (email: string) => ({ email: `${email} is already a current champion here: change their details instead` });

export async function addChampion(tx: Tx, scope: Scope & { input: ChampionInput; contactShown?: string | null }): Promise<ChampionSave> {
  const moved = await contactMoved(tx, scope);
  if (moved) return moved;
  if (await emailTaken(tx, scope, scope.input.email)) return { ok: false, errors: duplicate(scope.input.email) };
  const replacedContact = scope.input.isContact ? await clearContact(tx, scope) : undefined;
  const { id } = await tx
    .insertInto("champions")
    .values({ partnership_id: scope.partnershipId, organisation_id: scope.organisationId, ...columns(scope.input) })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, id, replacedContact };
}

export async function updateChampion(
  tx: Tx,
  scope: Scope & {
    championId: string;
    revision: string;
    input: ChampionInput;
    contactShown?: string | null;
  },
): Promise<ChampionSave> {
  const existing = await findChampion(tx, scope);
  if (!existing) return { ok: false, reason: "missing" };
  if (existing.leftOn) return { ok: false, reason: "left" };
  if (existing.revision !== scope.revision) return { ok: false, reason: "stale" };
  const moved = await contactMoved(tx, scope, scope.championId);
  if (moved) return moved;
  if (await emailTaken(tx, scope, scope.input.email, scope.championId)) return { ok: false, errors: duplicate(scope.input.email) };
  const replacedContact = scope.input.isContact ? await clearContact(tx, scope, scope.championId) : undefined;
  const updated = await tx
    .updateTable("champions")
    .set({ ...columns(scope.input), updated_at: sql`clock_timestamp()` })
    .where("partnership_id", "=", scope.partnershipId)
    .where("organisation_id", "=", scope.organisationId)
    .where("id", "=", scope.championId)
    .where(revisionSql, "=", scope.revision)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "stale" };
  return { ok: true, id: scope.championId, replacedContact };
}

export async function recordLeaving(tx: Tx, scope: Scope & { championId: string; leftOn: string }): Promise<ChampionSave> {
  const existing = await findChampion(tx, scope);
  if (!existing) return { ok: false, reason: "missing" };
  if (existing.leftOn) return { ok: false, reason: "left" };
  if (scope.leftOn < existing.since) return { ok: false, errors: { leftOn: "The leaving date must be on or after the date they became a champion" } };
  const left = await tx
    .updateTable("champions")
    .set({
      left_on: scope.leftOn,
      is_contact: false,
      left_as_contact: existing.isContact,
      updated_at: sql`clock_timestamp()`,
    })
    .where("partnership_id", "=", scope.partnershipId)
    .where("organisation_id", "=", scope.organisationId)
    .where("id", "=", scope.championId)
    .returning(["user_id", "email"])
    .executeTakeFirstOrThrow();
  await endChampionAccess(tx, {
    ...scope,
    userId: left.user_id,
    email: left.email,
  });
  return { ok: true, id: scope.championId, leftAsContact: existing.isContact };
}

/**
 * A champion who has left (or been erased) no longer acts for the organisation: their account's
 * champion role here ends, and an invitation still waiting for them is cancelled. Both stay when
 * the same person is also a current champion of the organisation under another record.
 */
export async function endChampionAccess(tx: Tx, scope: Scope & { championId: string; userId: string | null; email: string }) {
  const others = await tx
    .selectFrom("champions")
    .select(["user_id", "email"])
    .where("partnership_id", "=", scope.partnershipId)
    .where("organisation_id", "=", scope.organisationId)
    .where("id", "!=", scope.championId)
    .where("left_on", "is", null)
    .execute();
  const stillChampion = (userId: string | null, email: string) => others.some((o) => (userId && o.user_id === userId) || o.email.toLowerCase() === email.toLowerCase());
  let invitations = tx
    .updateTable("invitations")
    .set({ cancelled_at: now() })
    .where("partnership_id", "=", scope.partnershipId)
    .where("organisation_id", "=", scope.organisationId)
    .where("role", "=", "champion")
    .where("accepted_at", "is", null)
    .where("cancelled_at", "is", null);
  invitations = stillChampion(null, scope.email)
    ? invitations.where(sql`context->>'championId'`, "=", scope.championId)
    : invitations.where((eb) => eb.or([eb(sql`context->>'championId'`, "=", scope.championId), eb(sql`lower(email)`, "=", scope.email.toLowerCase())]));
  await invitations.execute();
  if (scope.userId && !stillChampion(scope.userId, scope.email)) {
    await tx
      .deleteFrom("organisation_members")
      .where("partnership_id", "=", scope.partnershipId)
      .where("organisation_id", "=", scope.organisationId)
      .where("user_id", "=", scope.userId)
      .where("role", "=", "champion")
      .execute();
  }
}
