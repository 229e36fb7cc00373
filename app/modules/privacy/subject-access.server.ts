/**
 * What Golden Thread holds about the signed-in person (UK GDPR article 15), to read on
 * /account/data and to download as JSON or CSV: the account, sessions, roles, champion records,
 * invitations to their address, and the audit entries they made or that are about them.
 * Each partnership's part is read inside that partnership, so row level security still applies.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { now } from "../platform/clock.server";
import { databases } from "../../db.server";
import { csvText } from "../platform/csv/write.server";
import type { SessionUser } from "../auth/session.server";
import { twoFactorStatus } from "../auth/two-factor.server";
import { asUser, withPartnership } from "../tenancy/with-partnership.server";

/** The newest audit entries per partnership; an active coordinator may have made many thousands. */
export const AUDIT_ENTRIES_LIMIT = 1000;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface PersonalData {
  generatedAt: string;
  account: { name: string; email: string; createdAt: string; platformAdministrator: boolean; twoFactor: { enrolled: boolean; since: string | null; recoveryCodesLeft: number } };
  sessions: Array<{ startedAt: string; expiresAt: string; withSecondFactor: boolean; thisOne: boolean }>;
  roles: Array<{ partnership: string; role: string; organisation: string | null; since: string }>;
  championRecords: Array<{
    partnership: string;
    organisation: string;
    name: string;
    email: string;
    jobTitle: string;
    since: string;
    training: string;
    accreditationExpiresOn: string | null;
    contact: boolean;
    leftOn: string | null;
  }>;
  invitations: Array<{ partnership: string; role: string; sentAt: string; expiresAt: string; acceptedAt: string | null; cancelledAt: string | null }>;
  auditEntries: Array<{ partnership: string; at: string; table: string; action: string; madeByYou: boolean; before: Json; after: Json }>;
  /** Partnerships whose audit entries were cut at AUDIT_ENTRIES_LIMIT. */
  auditEntriesLimited: string[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function personalDataOf(user: SessionUser, currentSessionId?: string): Promise<PersonalData> {
  const db = databases().app;
  const account = await db.selectFrom("users").select(["name", "email", "created_at", "is_platform_admin"]).where("id", "=", user.id).executeTakeFirstOrThrow();
  const twoFactor = await twoFactorStatus(user.id);
  const current = currentSessionId ? createHash("sha256").update(currentSessionId).digest("hex") : null;
  const sessions = await db
    .selectFrom("sessions")
    .select(["id", "created_at", "expires_at", "second_factor"])
    .where("user_id", "=", user.id)
    .orderBy("created_at", "desc")
    .execute();

  const memberships = await asUser(user.id, async (tx) => {
    const partnershipRoles = await tx.selectFrom("partnership_members").select(["partnership_id", "role", "created_at"]).where("user_id", "=", user.id).execute();
    const organisationRoles = await tx
      .selectFrom("organisation_members")
      .select(["partnership_id", "organisation_id", "role", "created_at"])
      .where("user_id", "=", user.id)
      .execute();
    return { partnershipRoles, organisationRoles };
  });
  const partnershipIds = [...new Set([...memberships.partnershipRoles, ...memberships.organisationRoles].map((m) => m.partnership_id))];

  const data: PersonalData = {
    generatedAt: now().toISOString(),
    account: {
      name: account.name,
      email: account.email,
      createdAt: account.created_at.toISOString(),
      platformAdministrator: account.is_platform_admin,
      twoFactor: { enrolled: twoFactor.enrolled, since: iso(twoFactor.since), recoveryCodesLeft: twoFactor.recoveryCodesLeft },
    },
    sessions: sessions.map((s) => ({ startedAt: s.created_at.toISOString(), expiresAt: s.expires_at.toISOString(), withSecondFactor: s.second_factor, thisOne: s.id === current })),
    roles: [],
    championRecords: [],
    invitations: [],
    auditEntries: [],
    auditEntriesLimited: [],
  };

  for (const partnershipId of partnershipIds) {
    await withPartnership(partnershipId, user.id, async (tx) => {
      const partnership = (await tx.selectFrom("partnerships").select("name").where("id", "=", partnershipId).executeTakeFirstOrThrow()).name;
      const organisations = new Map((await tx.selectFrom("organisations").select(["id", "name"]).where("partnership_id", "=", partnershipId).execute()).map((o) => [o.id, o.name]));
      for (const r of memberships.partnershipRoles.filter((m) => m.partnership_id === partnershipId)) {
        data.roles.push({ partnership, role: r.role, organisation: null, since: r.created_at.toISOString() });
      }
      for (const r of memberships.organisationRoles.filter((m) => m.partnership_id === partnershipId)) {
        data.roles.push({ partnership, role: r.role, organisation: organisations.get(r.organisation_id) ?? null, since: r.created_at.toISOString() });
      }

      const champions = await tx
        .selectFrom("champions")
        .selectAll()
        .where("partnership_id", "=", partnershipId)
        .where((eb) => eb.or([eb("user_id", "=", user.id), eb(sql`lower(email)`, "=", account.email.toLowerCase())]))
        .orderBy("since")
        .execute();
      for (const c of champions) {
        data.championRecords.push({
          partnership,
          organisation: organisations.get(c.organisation_id) ?? "",
          name: c.name,
          email: c.email,
          jobTitle: c.job_title,
          since: c.since,
          training: c.training,
          accreditationExpiresOn: c.accreditation_expires_on,
          contact: c.is_contact,
          leftOn: c.left_on,
        });
      }

      const invitations = await tx
        .selectFrom("invitations")
        .select(["role", "created_at", "expires_at", "accepted_at", "cancelled_at"])
        .where("partnership_id", "=", partnershipId)
        .where(sql`lower(email)`, "=", account.email.toLowerCase())
        .orderBy("created_at")
        .execute();
      for (const i of invitations) {
        data.invitations.push({
          partnership,
          role: i.role,
          sentAt: i.created_at.toISOString(),
          expiresAt: i.expires_at.toISOString(),
          acceptedAt: iso(i.accepted_at),
          cancelledAt: iso(i.cancelled_at),
        });
      }

      const championIds = champions.map((c) => c.id);
      const events = await tx
        .selectFrom("audit_events")
        .select(["at", "table_name", "action", "actor_user_id", "old_values", "new_values"])
        .where("partnership_id", "=", partnershipId)
        .where((eb) =>
          eb.or([
            eb("actor_user_id", "=", user.id),
            eb(sql`row_key->>'user_id'`, "=", user.id),
            ...(championIds.length ? [eb.and([eb("table_name", "=", "champions"), eb(sql`row_key->>'id'`, "in", championIds)])] : []),
          ]),
        )
        .orderBy("id", "desc")
        .limit(AUDIT_ENTRIES_LIMIT + 1)
        .execute();
      if (events.length > AUDIT_ENTRIES_LIMIT) data.auditEntriesLimited.push(partnership);
      for (const e of events.slice(0, AUDIT_ENTRIES_LIMIT)) {
        data.auditEntries.push({
          partnership,
          at: e.at.toISOString(),
          table: e.table_name,
          action: e.action,
          madeByYou: e.actor_user_id === user.id,
          before: (e.old_values ?? null) as Json,
          after: (e.new_values ?? null) as Json,
        });
      }
    });
  }
  return data;
}

/** The same data as one CSV: a row per value, so every section fits one sheet. */
export function personalDataCsv(data: PersonalData) {
  const rows: Array<[string, string, string, string]> = [];
  const add = (section: string, item: number | string, record: object) => {
    for (const [field, value] of Object.entries(record)) {
      rows.push([section, String(item), field, value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value)]);
    }
  };
  const { twoFactor, ...account } = data.account;
  add("account", 1, { ...account, twoFactorEnrolled: twoFactor.enrolled, twoFactorSince: twoFactor.since, recoveryCodesLeft: twoFactor.recoveryCodesLeft });
  data.sessions.forEach((s, i) => add("session", i + 1, s));
  data.roles.forEach((r, i) => add("role", i + 1, r));
  data.championRecords.forEach((c, i) => add("champion record", i + 1, c));
  data.invitations.forEach((v, i) => add("invitation", i + 1, v));
  data.auditEntries.forEach((e, i) => add("audit entry", i + 1, e));
  return csvText(["section", "item", "field", "value"], rows);
}
