/**
 * The one guard: session → partnership from the URL slug → membership → permission.
 * Another partnership's objects answer 404 (their existence is not confirmed); a missing
 * permission answers 403. Routes call this first in every loader and action.
 */
import { redirect } from "@remix-run/node";
import { sql } from "kysely";
import { z } from "zod";
import type { Partnership } from "../../../db/types";
import { databases } from "../../db.server";
import { oncePerRequest } from "../platform/per-request.server";
import { can, effectiveRoles, ORGANISATION_PERMISSIONS, type Permission, type Role } from "./permissions";
import { keepPost } from "./kept-post.server";
import { currentSession, hadSession, type CurrentSession, type SessionUser } from "./session.server";

export interface OrganisationInContext {
  id: string;
  name: string;
  sector: string;
  borough_id: string | null;
}

export interface AccessContext {
  user: SessionUser;
  partnership: Partnership;
  /** Roles that count here: partnership roles, plus organisation roles (of the URL's organisation, or of any). */
  roles: Set<Role>;
  /** A board member limited to one borough sees only that borough. */
  boroughScope: string | null;
  organisation: OrganisationInContext | null;
  /** The organisations of this partnership the person belongs to, with their roles there. */
  memberships: Array<{ organisationId: string; role: Role }>;
  can(permission: Permission): boolean;
}

export function notFound(): never {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** Where to come back to after signing in or setting something up: this page (its query too, for a GET). */
export function returnPath(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("_data");
  url.searchParams.delete("index");
  return request.method === "GET" ? url.pathname + url.search : url.pathname;
}

/**
 * The signed-in session. Someone who must use two-factor sign-in (a platform administrator or a
 * coordinator) and whose session did not pass a code is sent to set it up first, wherever they
 * were going; only the set-up pages themselves pass `duringTwoFactorSetup`.
 */
export async function requireSession(request: Request, options: { duringTwoFactorSetup?: boolean } = {}): Promise<CurrentSession> {
  const session = await currentSession(request);
  if (!session) throw await toSignIn(request);
  if (!options.duringTwoFactorSetup && !session.secondFactor && session.twoFactorRequired) {
    throw redirect(`/account/two-factor?redirectTo=${encodeURIComponent(returnPath(request))}`);
  }
  return session;
}

/**
 * Off to sign in. A session that ended (the cookie is there, the session is not) says so on the
 * sign-in page; a form sent after it ended is kept, to send once signed in (kept-post.server.ts).
 */
async function toSignIn(request: Request): Promise<Response> {
  const path = returnPath(request);
  const ended = hadSession(request);
  const sent = request.method !== "GET" && request.method !== "HEAD";
  // Sent on to the very address it was sent to, `?index` included (the server passes it on: Remix
  // strips it from the request an action sees), less Remix's `_data`.
  const target = new URL(request.url);
  target.searchParams.delete("_data");
  const sentTo = request.headers.get("x-gt-sent-to") ?? target.pathname + target.search;
  const kept = sent ? await keepPost(request, sentTo) : null;
  const query = new URLSearchParams({ redirectTo: path });
  if (ended) query.set("reason", "ended");
  return redirect(`/login?${query}`, kept ? { headers: { "Set-Cookie": kept } } : undefined);
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSession(request)).user;
}

export async function requirePlatformAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!user.isPlatformAdmin) forbidden();
  return user;
}

type Roles = { partnership: Array<{ role: Role; borough_id: string | null }>; organisation: Array<{ organisation_id: string; role: Role }> };

/**
 * The partnership (readable by anyone signed in), the person's roles there and, for an org-scoped
 * URL, the organisation if it is this partnership's (read under the partnership's RLS): one
 * statement (migrations 70 and 71).
 */
async function partnershipAccess(userId: string, slug: string, organisationId: string | null) {
  const found = await databases()
    .app.selectFrom("partnerships as p")
    .selectAll("p")
    .select(sql<Roles>`member_roles(${userId}::uuid, p.id)`.as("roles"))
    .select(sql<OrganisationInContext | null>`${organisationId ? sql`partnership_organisation(p.id, ${organisationId}::uuid)` : sql`null::jsonb`}`.as("organisation"))
    .where("p.slug", "=", slug)
    .executeTakeFirst();
  if (!found) return null;
  const { organisation, ...partnership } = found;
  return { partnership, organisation: organisation ?? undefined };
}

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/);
const Id = z.string().uuid();

type Params = Record<string, string | undefined>;

export async function requireAccess(request: Request, params: Params, permission: Permission): Promise<AccessContext> {
  const user = await requireUser(request);
  const slug = Slug.safeParse(params.slug);
  if (!slug.success) notFound();
  const orgParam = params.org === undefined ? undefined : Id.safeParse(params.org);
  if (orgParam && !orgParam.success) notFound();
  const organisationId = orgParam?.data ?? null;

  const found = await oncePerRequest(`access|${slug.data}|${organisationId ?? ""}`, () => partnershipAccess(user.id, slug.data, organisationId));

  if (!found) notFound();
  const { roles: memberRoles, ...partnership } = found.partnership;
  const partnershipRoles = memberRoles?.partnership ?? [];
  const orgRoles = memberRoles?.organisation ?? [];
  const isMember = user.isPlatformAdmin || partnershipRoles.length > 0 || orgRoles.length > 0;
  if (!isMember) notFound();
  if (organisationId && !found.organisation) notFound();

  const roles = new Set<Role>(partnershipRoles.map((r) => r.role));
  if (user.isPlatformAdmin) roles.add("platform_admin");
  const orgScoped = ORGANISATION_PERMISSIONS.has(permission);
  for (const r of orgRoles) {
    if (!orgScoped || r.organisation_id === organisationId) roles.add(r.role);
  }
  const boardScope = partnershipRoles.find((r) => r.role === "board")?.borough_id ?? null;
  const boroughScope = effectiveRoles(roles).has("coordinator") ? null : boardScope;

  const ctx: AccessContext = {
    user,
    partnership: partnership as Partnership,
    roles,
    boroughScope,
    organisation: found.organisation ?? null,
    memberships: orgRoles.map((r) => ({ organisationId: r.organisation_id, role: r.role })),
    can: (p) => can(roles, p),
  };

  if (orgScoped && !organisationId) throw new Error(`Permission ${permission} needs an :org route parameter`);
  if (!ctx.can(permission)) forbidden();
  // A board member limited to a borough sees that borough's organisations (and county-wide ones) only.
  const boroughOnlyBoard = boroughScope && !roles.has("org_admin") && !roles.has("champion");
  if (boroughOnlyBoard && ctx.organisation?.borough_id && ctx.organisation.borough_id !== boroughScope) forbidden();
  return ctx;
}
