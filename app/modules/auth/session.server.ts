/**
 * Sessions, behind this one module because lucia v3 is deprecated upstream (docs/decisions/0005).
 * The cookie holds a random token; the table holds only its SHA-256, as the design lucia's author
 * now recommends, so a leaked sessions table opens no sessions. Idle timeout slides (lucia extends
 * the expiry once half of it has passed); the absolute lifetime counts from sign-in and never moves.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { databases } from "../../db.server";
import { machineNow } from "../platform/clock.server";
import { originConfig } from "../platform/origin.server";
import { oncePerRequest } from "../platform/per-request.server";

export const SESSION_IDLE_TIMEOUT = new TimeSpan(60, "m");
export const SESSION_ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  isPlatformAdmin: boolean;
}

interface UserAttributes {
  email: string;
  name: string;
  is_platform_admin: boolean;
  /** A coordinator anywhere (asked with the session: migration 70's two_factor_required_for). */
  two_factor_required: boolean;
}
interface SessionAttributes {
  created_at: Date;
  second_factor: boolean;
  authenticated_at: Date;
}

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: UserAttributes;
    DatabaseSessionAttributes: SessionAttributes;
  }
}

/** What the sessions table keeps for a cookie's token: its SHA-256, never the token. */
export const storedSessionId = (token: string) => createHash("sha256").update(token).digest("hex");
const storedId = storedSessionId;

const adapter: Adapter = {
  async getSessionAndUser(token) {
    const row = await databases()
      .app.selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select([
        "sessions.expires_at",
        "sessions.created_at",
        "sessions.second_factor",
        "sessions.authenticated_at",
        "users.id as user_id",
        "users.email",
        "users.name",
        "users.is_platform_admin",
        sql<boolean>`two_factor_required_for(users.id)`.as("two_factor_required"),
      ])
      .where("sessions.id", "=", storedId(token))
      .where("users.disabled_at", "is", null)
      .executeTakeFirst();
    if (!row) return [null, null];
    const session: DatabaseSession = {
      id: token,
      userId: row.user_id,
      expiresAt: row.expires_at,
      attributes: { created_at: row.created_at, second_factor: row.second_factor, authenticated_at: row.authenticated_at },
    };
    const user: DatabaseUser = {
      id: row.user_id,
      attributes: { email: row.email, name: row.name, is_platform_admin: row.is_platform_admin, two_factor_required: row.two_factor_required },
    };
    return [session, user];
  },
  async getUserSessions() {
    // Tokens are not stored, so sessions cannot be listed back as usable ids.
    return [];
  },
  async setSession(session) {
    await databases()
      .app.insertInto("sessions")
      .values({
        id: storedId(session.id),
        user_id: session.userId,
        expires_at: session.expiresAt,
        created_at: session.attributes.created_at,
        second_factor: session.attributes.second_factor,
        authenticated_at: session.attributes.authenticated_at,
      })
      .execute();
  },
  async updateSessionExpiration(token, expiresAt) {
    await databases().app.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", storedId(token)).execute();
  },
  async deleteSession(token) {
    await databases().app.deleteFrom("sessions").where("id", "=", storedId(token)).execute();
  },
  async deleteUserSessions(userId) {
    await databases().app.deleteFrom("sessions").where("user_id", "=", userId).execute();
  },
  async deleteExpiredSessions() {
    await databases().app.deleteFrom("sessions").where("expires_at", "<=", machineNow()).execute();
  },
};

const lucia = new Lucia(adapter, {
  sessionExpiresIn: SESSION_IDLE_TIMEOUT,
  sessionCookie: { name: "gt_session", expires: false, attributes: { sameSite: "lax", secure: false } },
  getUserAttributes: (a) => ({ email: a.email, name: a.name, isPlatformAdmin: a.is_platform_admin, twoFactorRequired: a.two_factor_required }),
  getSessionAttributes: (a) => ({ createdAt: a.created_at, secondFactor: a.second_factor, authenticatedAt: a.authenticated_at }),
});

/** An HttpOnly cookie for a sign-in secret; `__Host-` and Secure over HTTPS. Also the pending sign-in's. */
export function authCookie(baseName: string, value: string, maxAge?: number) {
  const name = originConfig().secureCookies ? `__Host-${baseName}` : baseName;
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  if (originConfig().secureCookies) parts.push("Secure");
  if (maxAge !== undefined) parts.push(`Max-Age=${maxAge}`);
  return parts.join("; ");
}

export function readAuthCookie(request: Request, baseName: string): string | null {
  const name = originConfig().secureCookies ? `__Host-${baseName}` : baseName;
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=") || null;
  }
  return null;
}

const serializeCookie = (value: string, maxAge?: number) => authCookie("gt_session", value, maxAge);
const readToken = (request: Request) => readAuthCookie(request, "gt_session");

export interface CurrentSession {
  user: SessionUser;
  sessionId: string;
  /** Signed in with a code as well as a password. */
  secondFactor: boolean;
  /** When the person last proved who they are (sign-in or re-authentication). */
  authenticatedAt: Date;
  /** The person must sign in with a second factor (a platform administrator or a coordinator). */
  twoFactorRequired: boolean;
  /** How long until the session ends if nothing more is done, and whether using it can extend it. */
  timeLeft: SessionTimeLeft;
}

export interface SessionTimeLeft {
  endsInMs: number;
  /** False once the absolute lifetime, not idleness, is what ends it. */
  extendable: boolean;
}

function timeLeft(expiresAt: Date, createdAt: Date): SessionTimeLeft {
  const absoluteEnd = createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME_MS;
  const endsAt = Math.min(expiresAt.getTime(), absoluteEnd);
  return { endsInMs: Math.max(0, endsAt - machineNow().getTime()), extendable: expiresAt.getTime() < absoluteEnd };
}

/**
 * The time left of the request's session, read without using it: a page's timer asking must not
 * keep an idle session alive (WCAG 2.2.1's warning, not a way round the timeout). Null when none.
 */
export async function peekTimeLeft(request: Request): Promise<SessionTimeLeft | null> {
  const token = readToken(request);
  if (!token || token.length > 128) return null;
  const row = await databases().app.selectFrom("sessions").select(["expires_at", "created_at"]).where("id", "=", storedId(token)).executeTakeFirst();
  if (!row || row.expires_at.getTime() <= machineNow().getTime()) return null;
  return timeLeft(row.expires_at, row.created_at);
}

/**
 * Starts a new session (a new id on every sign-in) and returns its Set-Cookie header.
 * `secondFactor` says whether this sign-in passed a code as well as a password.
 */
export async function startSession(userId: string, options: { secondFactor?: boolean } = {}): Promise<string> {
  const now = machineNow();
  const session = await lucia.createSession(userId, { created_at: now, second_factor: options.secondFactor ?? false, authenticated_at: now });
  return serializeCookie(session.id);
}

/** The person proved who they are again (password, and code if enrolled) in this session. */
export async function markReauthenticated(sessionId: string): Promise<void> {
  await databases().app.updateTable("sessions").set({ authenticated_at: machineNow() }).where("id", "=", storedId(sessionId)).execute();
}

/**
 * The session has just proved a code (enrolling in two-factor sign-in). Updated in place rather than
 * replaced, because the page that shows the new recovery codes renders in this same request.
 */
export async function markSecondFactor(sessionId: string): Promise<void> {
  await databases().app.updateTable("sessions").set({ second_factor: true, authenticated_at: machineNow() }).where("id", "=", storedId(sessionId)).execute();
}

/** Every other session of the person ends (after a change to how they sign in). */
export async function endOtherSessions(userId: string, keepSessionId: string): Promise<void> {
  await databases().app.deleteFrom("sessions").where("user_id", "=", userId).where("id", "!=", storedId(keepSessionId)).execute();
}

export function currentSession(request: Request): Promise<CurrentSession | null> {
  return oncePerRequest("session", () => validatedSession(request));
}

async function validatedSession(request: Request): Promise<CurrentSession | null> {
  const token = readToken(request);
  if (!token || token.length > 128) return null;
  const { session, user } = await lucia.validateSession(token);
  if (!session) return null;
  if (machineNow().getTime() - session.createdAt.getTime() > SESSION_ABSOLUTE_LIFETIME_MS) {
    await lucia.invalidateSession(token);
    return null;
  }
  return {
    user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.isPlatformAdmin },
    sessionId: token,
    secondFactor: session.secondFactor,
    authenticatedAt: session.authenticatedAt,
    twoFactorRequired: user.isPlatformAdmin || user.twoFactorRequired,
    timeLeft: timeLeft(session.expiresAt, session.createdAt),
  };
}

/** The request carries a session cookie (valid or not): with no valid session, one that has ended. */
export function hadSession(request: Request): boolean {
  return readToken(request) !== null;
}

/** Ends the request's session and returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const token = readToken(request);
  if (token) await lucia.invalidateSession(token);
  return serializeCookie("", 0);
}

/** Every session of a person ends: on disabling the account, a password reset, or erasure. */
export async function endAllSessions(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

export async function deleteExpiredSessions() {
  await lucia.deleteExpiredSessions();
}
