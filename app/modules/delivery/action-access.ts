/**
 * Who sees and updates which action. Coordinators and board members of the whole partnership see
 * the whole plan; a board member limited to one borough sees that borough's actions (ADR 0022:
 * the ones scoped to it, and partnership-wide ones led by one of its organisations, as its
 * dashboard shows them); organisations see the actions they lead or support, and their champions
 * and administrators update only the actions their organisation leads. The coordinator updates any action.
 */
import { effectiveRoles, type Role } from "../auth/permissions";

export interface Viewer {
  roles: Iterable<Role>;
  memberships: Array<{ organisationId: string; role: Role }>;
  /** A board member limited to one borough. */
  boroughScope?: string | null;
}

export interface ActionOwners {
  lead: { id: string };
  supporting: Array<{ id: string }>;
  /** Empty means the whole partnership. */
  boroughs?: Array<{ id: string }>;
}

/** A borough as a lens on the plan: its id and its own organisations (not the county-wide ones). */
export interface BoroughLens {
  boroughId: string;
  organisationIds: ReadonlySet<string>;
}

/** One rule for "this borough's actions", shared by the borough dashboard and a borough board member's plan. */
export function inBorough(action: ActionOwners, lens: BoroughLens): boolean {
  const boroughs = action.boroughs ?? [];
  return boroughs.some((b) => b.id === lens.boroughId) || (boroughs.length === 0 && lens.organisationIds.has(action.lead.id));
}

export function seesWholePlan(viewer: Viewer): boolean {
  const roles = effectiveRoles(viewer.roles);
  return roles.has("coordinator") || (roles.has("board") && !viewer.boroughScope);
}

/** A borough board member needs `lens` (their borough) to see its actions; without it they see only their organisations'. */
export function maySeeAction(viewer: Viewer, action: ActionOwners, lens?: BoroughLens | null): boolean {
  if (seesWholePlan(viewer)) return true;
  if (lens && effectiveRoles(viewer.roles).has("board") && lens.boroughId === viewer.boroughScope && inBorough(action, lens)) return true;
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
