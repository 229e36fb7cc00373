/**
 * The partnership's own navigation, shown under the header on every /p/:slug page.
 * Each capability adds its entry here with the permission that shows it.
 */
import type { NavItem } from "~/ui/Layout";
import { can, type Permission, type Role } from "../auth/permissions";

const ENTRIES: Array<{ path: string; label: string; permission: Permission; end?: boolean }> = [
  { path: "", label: "Overview", permission: "partnership:view", end: true },
  { path: "/orgs", label: "Organisations", permission: "adoption:view" },
  { path: "/adoption", label: "Adoption", permission: "adoption:view" },
  { path: "/pledge", label: "Pledge", permission: "adoption:view" },
  { path: "/returns", label: "Returns", permission: "returns:view" },
  { path: "/plans", label: "Delivery plan", permission: "plan:view" },
  { path: "/people", label: "People", permission: "people:manage" },
  { path: "/outbox", label: "Outbox", permission: "outbox:view" },
  { path: "/audit", label: "Audit trail", permission: "audit:view" },
  { path: "/settings", label: "Settings", permission: "partnership:manage" },
];

export function partnershipNav(slug: string, roles: Iterable<Role>): NavItem[] {
  const held = [...roles];
  return ENTRIES.filter((e) => can(held, e.permission)).map((e) => ({ to: `/p/${slug}${e.path}`, label: e.label, end: e.end }));
}
