/**
 * The people of a partnership: partnership roles (coordinator, board member) and organisation
 * roles (administrator, champion). Changing and removing roles touches only this partnership's
 * rows; the account itself, and its roles elsewhere, stay. A partnership always keeps one coordinator.
 */
import type { InvitedRole } from "../../../db/types";
import type { Tx } from "../tenancy/with-partnership.server";
import { isOrganisationRole } from "./roles";

export interface MemberRole {
  role: InvitedRole;
  organisationId: string | null;
  organisationName: string | null;
  boroughId: string | null;
  boroughName: string | null;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  disabled: boolean;
  roles: MemberRole[];
}

/** Which of a person's roles: the role, and for organisation roles the organisation. */
export interface RoleKey {
  role: InvitedRole;
  organisationId: string | null;
}

export type MemberChange = { ok: true } | { ok: false; notFound: true } | { ok: false; notFound?: false; field: string; message: string };

export async function holdsRole(tx: Tx, { partnershipId, userId, role, organisationId }: RoleKey & { partnershipId: string; userId: string }) {
  if (isOrganisationRole(role)) {
    if (!organisationId) return false;
    const row = await tx
      .selectFrom("organisation_members")
      .select("user_id")
      .where("partnership_id", "=", partnershipId)
      .where("organisation_id", "=", organisationId)
      .where("user_id", "=", userId)
      .where("role", "=", role)
      .executeTakeFirst();
    return Boolean(row);
  }
  const row = await tx
    .selectFrom("partnership_members")
    .select("user_id")
    .where("partnership_id", "=", partnershipId)
    .where("user_id", "=", userId)
    .where("role", "=", role)
    .executeTakeFirst();
  return Boolean(row);
}

/** Gives a role; a role already held is left as it is. */
export async function addMembership(tx: Tx, m: RoleKey & { partnershipId: string; userId: string; boroughId: string | null }) {
  if (isOrganisationRole(m.role)) {
    await tx
      .insertInto("organisation_members")
      .values({ partnership_id: m.partnershipId, organisation_id: m.organisationId!, user_id: m.userId, role: m.role })
      .onConflict((oc) => oc.doNothing())
      .execute();
  } else {
    await tx
      .insertInto("partnership_members")
      .values({ partnership_id: m.partnershipId, user_id: m.userId, role: m.role, borough_id: m.role === "board" ? m.boroughId : null })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
}

async function memberRoles(tx: Tx, { partnershipId, userId, organisationId }: { partnershipId: string; userId?: string; organisationId?: string }) {
  let partnershipRoles = tx
    .selectFrom("partnership_members as pm")
    .leftJoin("boroughs as b", (j) => j.onRef("b.partnership_id", "=", "pm.partnership_id").onRef("b.id", "=", "pm.borough_id"))
    .select(["pm.user_id", "pm.role", "pm.borough_id", "b.name as borough_name"])
    .where("pm.partnership_id", "=", partnershipId);
  let organisationRoles = tx
    .selectFrom("organisation_members as om")
    .innerJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "om.partnership_id").onRef("o.id", "=", "om.organisation_id"))
    .select(["om.user_id", "om.role", "om.organisation_id", "o.name as organisation_name"])
    .where("om.partnership_id", "=", partnershipId)
    .orderBy("o.name");
  if (userId) {
    partnershipRoles = partnershipRoles.where("pm.user_id", "=", userId);
    organisationRoles = organisationRoles.where("om.user_id", "=", userId);
  }
  if (organisationId) organisationRoles = organisationRoles.where("om.organisation_id", "=", organisationId);
  const roles = new Map<string, MemberRole[]>();
  const add = (id: string, r: MemberRole) => roles.set(id, [...(roles.get(id) ?? []), r]);
  if (!organisationId) {
    for (const r of await partnershipRoles.execute())
      add(r.user_id, { role: r.role, organisationId: null, organisationName: null, boroughId: r.borough_id, boroughName: r.borough_name });
  }
  for (const r of await organisationRoles.execute())
    add(r.user_id, { role: r.role, organisationId: r.organisation_id, organisationName: r.organisation_name, boroughId: null, boroughName: null });
  return roles;
}

async function membersFrom(tx: Tx, roles: Map<string, MemberRole[]>): Promise<Member[]> {
  if (roles.size === 0) return [];
  const users = await tx
    .selectFrom("users")
    .select(["id", "name", "email", "disabled_at"])
    .where("id", "in", [...roles.keys()])
    .orderBy("name")
    .orderBy("email")
    .execute();
  return users.map((u) => ({ userId: u.id, name: u.name, email: u.email, disabled: Boolean(u.disabled_at), roles: roles.get(u.id)! }));
}

/** Everyone with a role in the partnership (or, with organisationId, in that organisation). */
export async function listMembers(tx: Tx, scope: { partnershipId: string; organisationId?: string }): Promise<Member[]> {
  return membersFrom(tx, await memberRoles(tx, scope));
}

/** A person with at least one role here; null for anyone else, whatever they hold elsewhere. */
export async function findMember(tx: Tx, { partnershipId, userId }: { partnershipId: string; userId: string }): Promise<Member | null> {
  const [member] = await membersFrom(tx, await memberRoles(tx, { partnershipId, userId }));
  return member ?? null;
}

async function coordinatorCount(tx: Tx, partnershipId: string) {
  const row = await tx
    .selectFrom("partnership_members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("partnership_id", "=", partnershipId)
    .where("role", "=", "coordinator")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const LAST_COORDINATOR = "A partnership needs a coordinator. Invite another coordinator first, then change or remove this role";

function matching(member: Member, key: RoleKey) {
  return member.roles.find((r) => r.role === key.role && r.organisationId === (isOrganisationRole(key.role) ? key.organisationId : null));
}

/**
 * Coordinator ↔ board member (whole partnership or one borough), or organisation administrator ↔
 * champion at the same organisation. Updated in place, so the audit trail shows old → new.
 */
export async function changeRole(
  tx: Tx,
  { partnershipId, userId, from, to }: { partnershipId: string; userId: string; from: RoleKey; to: { role: InvitedRole; boroughId: string | null } },
): Promise<MemberChange> {
  const member = await findMember(tx, { partnershipId, userId });
  const current = member && matching(member, from);
  if (!member || !current) return { ok: false, notFound: true };
  if (isOrganisationRole(from.role) !== isOrganisationRole(to.role)) {
    return { ok: false, field: "newRole", message: isOrganisationRole(from.role) ? "Choose organisation administrator or RJ champion" : "Choose coordinator or board member" };
  }
  const boroughId = to.role === "board" ? to.boroughId : null;
  if (boroughId) {
    const borough = await tx.selectFrom("boroughs").select("id").where("partnership_id", "=", partnershipId).where("id", "=", boroughId).executeTakeFirst();
    if (!borough) return { ok: false, field: "boroughId", message: "Choose a borough from the list" };
  }
  if (current.role === to.role && current.boroughId === boroughId) return { ok: true };
  if (current.role !== to.role && matching(member, { role: to.role, organisationId: current.organisationId })) {
    return { ok: false, field: "newRole", message: `${member.name} already holds that role. Remove this one instead` };
  }
  if (current.role === "coordinator" && to.role !== "coordinator" && (await coordinatorCount(tx, partnershipId)) <= 1) {
    return { ok: false, field: "newRole", message: LAST_COORDINATOR };
  }
  if (isOrganisationRole(to.role)) {
    await tx
      .updateTable("organisation_members")
      .set({ role: to.role })
      .where("partnership_id", "=", partnershipId)
      .where("organisation_id", "=", current.organisationId!)
      .where("user_id", "=", userId)
      .where("role", "=", current.role as "org_admin" | "champion")
      .execute();
  } else {
    await tx
      .updateTable("partnership_members")
      .set({ role: to.role, borough_id: boroughId })
      .where("partnership_id", "=", partnershipId)
      .where("user_id", "=", userId)
      .where("role", "=", current.role as "coordinator" | "board")
      .execute();
  }
  return { ok: true };
}

export async function removeRole(tx: Tx, { partnershipId, userId, role }: { partnershipId: string; userId: string; role: RoleKey }): Promise<MemberChange> {
  const member = await findMember(tx, { partnershipId, userId });
  const current = member && matching(member, role);
  if (!member || !current) return { ok: false, notFound: true };
  if (current.role === "coordinator" && (await coordinatorCount(tx, partnershipId)) <= 1) return { ok: false, field: "form", message: LAST_COORDINATOR };
  if (isOrganisationRole(current.role)) {
    await tx
      .deleteFrom("organisation_members")
      .where("partnership_id", "=", partnershipId)
      .where("organisation_id", "=", current.organisationId!)
      .where("user_id", "=", userId)
      .where("role", "=", current.role)
      .execute();
  } else {
    await tx
      .deleteFrom("partnership_members")
      .where("partnership_id", "=", partnershipId)
      .where("user_id", "=", userId)
      .where("role", "=", current.role as "coordinator" | "board")
      .execute();
  }
  return { ok: true };
}

/** Every role the person holds in this partnership goes; their account and other partnerships stay. */
export async function removeMember(tx: Tx, { partnershipId, userId }: { partnershipId: string; userId: string }): Promise<MemberChange> {
  const member = await findMember(tx, { partnershipId, userId });
  if (!member) return { ok: false, notFound: true };
  if (member.roles.some((r) => r.role === "coordinator") && (await coordinatorCount(tx, partnershipId)) <= 1) return { ok: false, field: "form", message: LAST_COORDINATOR };
  await tx.deleteFrom("organisation_members").where("partnership_id", "=", partnershipId).where("user_id", "=", userId).execute();
  await tx.deleteFrom("partnership_members").where("partnership_id", "=", partnershipId).where("user_id", "=", userId).execute();
  return { ok: true };
}
