/**
 * Who may do what: DESIGN.md's role table as data. The server decides with `can`; the UI uses the
 * same function only to hide what the server would refuse. Organisation permissions hold for the
 * organisation in the URL; partnership roles reach every organisation of the partnership.
 */
export type Role = "platform_admin" | "coordinator" | "board" | "org_admin" | "champion";

export const PERMISSIONS = {
  // the partnership as a whole
  "partnership:view": ["coordinator", "board", "org_admin", "champion"],
  "partnership:manage": ["coordinator"],
  "dashboard:view": ["coordinator", "board"],
  "people:manage": ["coordinator"],
  "outbox:view": ["coordinator"],
  "audit:view": ["coordinator"],
  "pledge:edit": ["coordinator"],
  "adoption:view": ["coordinator", "board"],
  "metrics:edit": ["coordinator"],
  "returns:review": ["coordinator"],
  "returns:view": ["coordinator", "board"],
  "plan:view": ["coordinator", "board", "org_admin", "champion"],
  "plan:edit": ["coordinator"],
  "review:view": ["coordinator", "board"],
  "review:edit": ["coordinator"],
  "imports:run": ["coordinator"],
  "personal-data:erase": ["coordinator"],
  // one organisation (the :org in the URL)
  "org:view": ["coordinator", "board", "org_admin", "champion"],
  "org:edit": ["coordinator", "org_admin"],
  "org:invite": ["coordinator", "org_admin"],
  /** The emails carrying this organisation's invitations, to pass a link on without a mail server. */
  "org:outbox": ["coordinator", "org_admin"],
  "pledge:sign": ["org_admin"],
  "champions:manage": ["coordinator", "org_admin"],
  "return:edit": ["champion", "org_admin"],
  "return:submit": ["champion", "org_admin"],
  "action:update": ["coordinator", "champion", "org_admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Permissions about one organisation: they need an organisation in the URL and count only its roles. */
export const ORGANISATION_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  "org:view",
  "org:edit",
  "org:invite",
  "org:outbox",
  "pledge:sign",
  "champions:manage",
  "return:edit",
  "return:submit",
]);

/** The platform admin acts with a coordinator's permissions in every partnership. */
export function effectiveRoles(roles: Iterable<Role>): Set<Role> {
  const set = new Set(roles);
  if (set.has("platform_admin")) set.add("coordinator");
  return set;
}

export function can(roles: Iterable<Role>, permission: Permission): boolean {
  const held = effectiveRoles(roles);
  return (PERMISSIONS[permission] as readonly Role[]).some((role) => held.has(role));
}

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: "Platform administrator",
  coordinator: "Coordinator",
  board: "Board member",
  org_admin: "Organisation administrator",
  champion: "RJ champion",
};
