/**
 * The roles a person can be invited to, and who may invite whom (DESIGN.md): a coordinator invites
 * coordinators, board members and organisation administrators; an organisation administrator (or a
 * coordinator, on the organisation's page) invites champions and fellow administrators.
 */
import type { InvitedRole } from "../../../db/types";
import { effectiveRoles, ROLE_LABELS, type Role } from "../auth/permissions";

export type { InvitedRole };

export const PARTNERSHIP_ROLES = ["coordinator", "board"] as const;
export const ORGANISATION_ROLES = ["org_admin", "champion"] as const;

export function isOrganisationRole(role: string): role is (typeof ORGANISATION_ROLES)[number] {
  return (ORGANISATION_ROLES as readonly string[]).includes(role);
}

export function isInvitedRole(role: string): role is InvitedRole {
  return isOrganisationRole(role) || (PARTNERSHIP_ROLES as readonly string[]).includes(role);
}

/** Roles invited from the partnership's People page, and from an organisation's page. */
export function invitableRoles(held: Iterable<Role>, place: "partnership" | "organisation"): InvitedRole[] {
  const roles = effectiveRoles(held);
  if (place === "partnership") return roles.has("coordinator") ? ["coordinator", "board", "org_admin"] : [];
  return roles.has("coordinator") || roles.has("org_admin") ? ["champion", "org_admin"] : [];
}

/** "Board member (Hartlepool)", "RJ champion, Hartlepool Borough Council". */
export function describeRole(role: Role, where: { organisationName?: string | null; boroughName?: string | null } = {}): string {
  const label = ROLE_LABELS[role];
  if (where.organisationName) return `${label}, ${where.organisationName}`;
  if (role === "board") return where.boroughName ? `${label} (${where.boroughName} only)` : `${label} (whole partnership)`;
  return label;
}

const ROLE_PHRASES: Record<InvitedRole, string> = {
  coordinator: "a coordinator",
  board: "a board member",
  org_admin: "an organisation administrator",
  champion: "an RJ champion",
};

/** "an RJ champion at Hartlepool Borough Council", for sentences. */
export function rolePhrase(role: InvitedRole, organisationName?: string | null): string {
  return organisationName ? `${ROLE_PHRASES[role]} at ${organisationName}` : `${ROLE_PHRASES[role]} of this partnership`;
}
