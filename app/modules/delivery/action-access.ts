/**
 * Who sees and updates which action. Coordinators and board members see the whole plan;
 * organisations see the actions they lead or support, and their champions and administrators
 * update only the actions their organisation leads. The coordinator updates any action.
 */
import { effectiveRoles, type Role } from "../auth/permissions";

export interface Viewer {
  roles: Iterable<Role>;
  memberships: Array<{ organisationId: string; role: Role }>;
}

export interface ActionOwners {
  lead: { id: string };
  supporting: Array<{ id: string }>;
}

export function seesWholePlan(viewer: Viewer): boolean {
  const roles = effectiveRoles(viewer.roles);
  return roles.has("coordinator") || roles.has("board");
}

export function maySeeAction(viewer: Viewer, action: ActionOwners): boolean {
  if (seesWholePlan(viewer)) return true;
  const mine = new Set(viewer.memberships.map((m) => m.organisationId));
  return mine.has(action.lead.id) || action.supporting.some((s) => mine.has(s.id));
}

export function mayUpdateAction(viewer: Viewer, action: ActionOwners): boolean {
  if (effectiveRoles(viewer.roles).has("coordinator")) return true;
  return viewer.memberships.some((m) => m.organisationId === action.lead.id && (m.role === "champion" || m.role === "org_admin"));
}

/** The organisations a person acts for here, for narrowing a plan to their actions. */
export function ownOrganisations(viewer: Viewer): Set<string> {
  return new Set(viewer.memberships.map((m) => m.organisationId));
}
