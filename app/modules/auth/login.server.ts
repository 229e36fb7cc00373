/**
 * Signing in. Failures are counted per account and per client address in PostgreSQL, so the
 * limit holds across processes: a few free attempts, then lockouts that double each time (429 with
 * Retry-After). Every refusal reads the same whether or not the email has an account.
 */
import { sql } from "kysely";
import { databases } from "../../db.server";
import { spendVerificationTime, verifyPassword } from "./password.server";
import type { SessionUser } from "./session.server";

export const THROTTLE = {
  account: { freeFailures: 5, firstLockSeconds: 30 },
  address: { freeFailures: 30, firstLockSeconds: 60 },
  /** Wrong two-factor codes, per account; counted apart from passwords so a right password cannot reset them. */
  secondFactor: { freeFailures: 5, firstLockSeconds: 30 },
  maxLockSeconds: 60 * 60,
  /** Failures older than this no longer count. */
  windowSeconds: 60 * 60,
};

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export type ThrottleRule = { freeFailures: number; firstLockSeconds: number };

const keysFor = (email: string, clientAddress: string) => ({
  account: `account:${email.trim().toLowerCase()}`,
  address: addressKey(clientAddress),
});

export const addressKey = (clientAddress: string) => `address:${clientAddress}`;

/** Seconds until the longest of these locks lifts; 0 when none is locked. */
export async function lockedFor(keys: string[]): Promise<number> {
  const rows = await databases()
    .app.selectFrom("login_throttle")
    .select(sql<number>`ceil(extract(epoch from (locked_until - now())))`.as("seconds"))
    .where("key", "in", keys)
    .where("locked_until", ">", sql<Date>`now()`)
    .execute();
  return Math.max(0, ...rows.map((r) => Number(r.seconds)));
}

export async function recordFailure(key: string, rule: ThrottleRule) {
  // One statement, so concurrent failures from several processes all count.
  await sql`
    insert into login_throttle as t (key, failures, window_started_at) values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when t.window_started_at < now() - make_interval(secs => ${THROTTLE.windowSeconds}) then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < now() - make_interval(secs => ${THROTTLE.windowSeconds}) then now() else t.window_started_at end,
      locked_until = case
        when t.window_started_at >= now() - make_interval(secs => ${THROTTLE.windowSeconds}) and t.failures + 1 >= ${rule.freeFailures}
        then now() + make_interval(secs => least(${THROTTLE.maxLockSeconds}, ${rule.firstLockSeconds} * power(2, t.failures + 1 - ${rule.freeFailures})))
        else t.locked_until end`.execute(databases().app);
}

export async function signIn(input: { email: string; password: string; clientAddress: string }): Promise<SignInResult> {
  const keys = keysFor(input.email, input.clientAddress);
  const locked = await lockedFor([keys.account, keys.address]);
  if (locked > 0) return { ok: false, reason: "throttled", retryAfterSeconds: locked };

  const user = await databases()
    .app.selectFrom("users")
    .select(["id", "email", "name", "password_hash", "is_platform_admin", "disabled_at"])
    .where(sql`lower(email)`, "=", input.email.trim().toLowerCase())
    .executeTakeFirst();
  let valid = false;
  if (user) valid = await verifyPassword(user.password_hash, input.password);
  else await spendVerificationTime(input.password);

  if (!user || !valid || user.disabled_at) {
    await recordFailure(keys.account, THROTTLE.account);
    await recordFailure(keys.address, THROTTLE.address);
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(keys.account);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.is_platform_admin } };
}

export async function clearFailures(key: string) {
  await databases().app.deleteFrom("login_throttle").where("key", "=", key).execute();
}

/** Only paths on this site, never `//elsewhere` or a full URL. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined): string | null {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return null;
  return to;
}
