/**
 * The step between a right password and a session, for accounts with two-factor sign-in. The
 * browser gets a random token in an HttpOnly cookie (the table keeps only its SHA-256); the token
 * lasts 5 minutes and allows 5 codes, then the password must be entered again. Only a right code
 * starts a session, with a new id. See docs/decisions/0015-two-factor-sign-in.md.
 */
import { sql } from "kysely";
import { DEMO_TOTP_SECRET } from "../../../db/seed/accounts";
import { databases } from "../../db.server";
import { hasDemoData } from "../tenancy/partnerships.server";
import { authCookie, readAuthCookie, startSession, type SessionUser } from "./session.server";
import { looksLikeToken, newToken, tokenHash } from "./tokens.server";
import { groupedSecret } from "./totp.server";
import { demoCodeFor, verifySecondFactor, type SecondFactorInput, type SecondFactorResult } from "./two-factor.server";

export const PENDING_SIGN_IN_SECONDS = 5 * 60;
export const CODE_ATTEMPTS = 5;
const COOKIE = "gt_pending";

export interface PendingSignIn {
  id: string;
  user: SessionUser;
  redirectTo: string | null;
  attemptsLeft: number;
}

/** Starts the code step for an account whose password was right; returns its Set-Cookie header. */
export async function startPendingSignIn(userId: string, redirectTo: string | null): Promise<string> {
  const { token, hash } = newToken();
  const db = databases().app;
  await db
    .deleteFrom("pending_sign_ins")
    .where("expires_at", "<", sql<Date>`now()`)
    .execute();
  await db
    .insertInto("pending_sign_ins")
    .values({ id: hash, user_id: userId, redirect_to: redirectTo, expires_at: sql<Date>`now() + make_interval(secs => ${PENDING_SIGN_IN_SECONDS})` })
    .execute();
  return authCookie(COOKIE, token, PENDING_SIGN_IN_SECONDS);
}

export const clearPendingSignInCookie = () => authCookie(COOKIE, "", 0);

/** The live pending sign-in this browser holds: not expired, codes left, account still enabled. */
export async function findPendingSignIn(request: Request): Promise<PendingSignIn | null> {
  const token = readAuthCookie(request, COOKIE);
  if (!looksLikeToken(token ?? undefined)) return null;
  const row = await databases()
    .app.selectFrom("pending_sign_ins as p")
    .innerJoin("users as u", "u.id", "p.user_id")
    .select(["p.id", "p.redirect_to", "p.failed_attempts", "u.id as user_id", "u.email", "u.name", "u.is_platform_admin"])
    .where("p.id", "=", tokenHash(token!))
    .where("p.expires_at", ">", sql<Date>`now()`)
    .where("p.failed_attempts", "<", CODE_ATTEMPTS)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    user: { id: row.user_id, email: row.email, name: row.name, isPlatformAdmin: row.is_platform_admin },
    redirectTo: row.redirect_to,
    attemptsLeft: CODE_ATTEMPTS - row.failed_attempts,
  };
}

/**
 * For a demo account on an installation running the demo: the code its app would show now, and
 * the published secret. Null for every other account, and always when there is no demo data.
 */
export async function demoHint(pending: PendingSignIn): Promise<{ code: string; secret: string } | null> {
  if (!(await hasDemoData())) return null;
  const code = await demoCodeFor(pending.user.id);
  return code ? { code, secret: groupedSecret(DEMO_TOTP_SECRET) } : null;
}

export type CodeStep =
  | { ok: true; cookie: string; user: SessionUser; redirectTo: string | null; usedRecoveryCode: boolean; recoveryCodesLeft: number }
  | { ok: false; reason: "gone" }
  | { ok: false; reason: "used-up" }
  | (Exclude<SecondFactorResult, { ok: true }> & { attemptsLeft: number });

/** A code for the browser's pending sign-in: a session on success, one attempt fewer otherwise. */
export async function completeSignInWithCode(request: Request, input: SecondFactorInput, clientAddress: string): Promise<CodeStep> {
  const pending = await findPendingSignIn(request);
  if (!pending) return { ok: false, reason: "gone" };
  const result = await verifySecondFactor(pending.user.id, input, clientAddress);
  const db = databases().app;
  if (result.ok) {
    // Used once: a second post of the same form finds nothing to complete.
    const used = await db.deleteFrom("pending_sign_ins").where("id", "=", pending.id).returning("user_id").executeTakeFirst();
    if (!used) return { ok: false, reason: "gone" };
    const cookie = await startSession(pending.user.id, { secondFactor: true });
    return { ok: true, cookie, user: pending.user, redirectTo: pending.redirectTo, usedRecoveryCode: result.usedRecoveryCode, recoveryCodesLeft: result.recoveryCodesLeft };
  }
  if (result.reason === "throttled") return { ...result, attemptsLeft: pending.attemptsLeft };
  const counted = await db
    .updateTable("pending_sign_ins")
    .set((eb) => ({ failed_attempts: eb("failed_attempts", "+", 1) }))
    .where("id", "=", pending.id)
    .returning("failed_attempts")
    .executeTakeFirst();
  const attemptsLeft = CODE_ATTEMPTS - (counted?.failed_attempts ?? CODE_ATTEMPTS);
  if (attemptsLeft <= 0) {
    await db.deleteFrom("pending_sign_ins").where("id", "=", pending.id).execute();
    return { ok: false, reason: "used-up" };
  }
  return { ...result, attemptsLeft };
}

/** Signing out, or starting again with the password, drops the browser's pending sign-in. */
export async function endPendingSignIn(request: Request): Promise<string> {
  const token = readAuthCookie(request, COOKIE);
  if (looksLikeToken(token ?? undefined)) await databases().app.deleteFrom("pending_sign_ins").where("id", "=", tokenHash(token!)).execute();
  return clearPendingSignInCookie();
}
