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

export type SignInResult = { ok: true; user: SessionUser } | { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export type ThrottleRule = { freeFailures: number; firstLockSeconds: number };

const keysFor = (email: string, clientAddress: string) => ({
  account: `account:${email.trim().toLowerCase()}`,
  address: addressKey(clientAddress),
});

export const addressKey = (clientAddress: string) => `address:${clientAddress}`;

/**
 * Counts an attempt before it is judged, in one statement: the count and the decision are one
 * atomic step, so a burst of parallel attempts cannot all slip in before the first is counted.
 * The attempt that reaches the free limit sets the lock as it is counted, so it alone is judged;
 * a right password or code then lifts it (`releaseAttempts`). Returns the seconds to wait (0:
 * this attempt may be judged). A locked key is not counted again, so waiting is never punished.
 */
export async function claimAttempts(claims: Array<{ key: string; rule: ThrottleRule }>): Promise<number> {
  const claimed: typeof claims = [];
  for (const claim of claims) {
    const wait = await claimAttempt(claim.key, claim.rule);
    if (wait > 0) {
      await releaseAttempts(claimed);
      return wait;
    }
    claimed.push(claim);
  }
  return 0;
}

async function claimAttempt(key: string, rule: ThrottleRule): Promise<number> {
  const fresh = sql`t.window_started_at < now() - make_interval(secs => ${THROTTLE.windowSeconds})`;
  const counted = sql`case when ${fresh} then 1 else t.failures + 1 end`;
  const lockFor = (n: unknown) =>
    sql`case when ${n} >= ${rule.freeFailures} then now() + make_interval(secs => least(${THROTTLE.maxLockSeconds}, ${rule.firstLockSeconds} * power(2, ${n} - ${rule.freeFailures}))) end`;
  const { rows } = await sql<{ claimed: boolean; seconds: number | null }>`
    with claimed as (
      insert into login_throttle as t (key, failures, window_started_at, locked_until)
      values (${key}, 1, now(), ${lockFor(sql`1`)})
      on conflict (key) do update set
        failures = ${counted},
        window_started_at = case when ${fresh} then now() else t.window_started_at end,
        locked_until = ${lockFor(counted)}
      where t.locked_until is null or t.locked_until <= now()
      returning 1
    )
    select exists (select 1 from claimed) as claimed,
      (select ceil(extract(epoch from (locked_until - now()))) from login_throttle where key = ${key} and locked_until > now()) as seconds`.execute(databases().app);
  const row = rows[0];
  return row?.claimed ? 0 : Math.max(1, Number(row?.seconds ?? 1));
}

/** Attempts that turned out right: they no longer count, and a lock they set is lifted. */
export async function releaseAttempts(claims: Array<{ key: string; rule: ThrottleRule }>) {
  for (const { key, rule } of claims) {
    await sql`
      update login_throttle set
        failures = greatest(failures - 1, 0),
        locked_until = case when failures - 1 < ${rule.freeFailures} then null else locked_until end
      where key = ${key}`.execute(databases().app);
  }
}

export async function signIn(input: { email: string; password: string; clientAddress: string }): Promise<SignInResult> {
  const keys = keysFor(input.email, input.clientAddress);
  const claims = [
    { key: keys.address, rule: THROTTLE.address },
    { key: keys.account, rule: THROTTLE.account },
  ];
  const wait = await claimAttempts(claims);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };

  const user = await databases()
    .app.selectFrom("users")
    .select(["id", "email", "name", "password_hash", "is_platform_admin", "disabled_at"])
    .where(sql`lower(email)`, "=", input.email.trim().toLowerCase())
    .executeTakeFirst();
  let valid = false;
  if (user) valid = await verifyPassword(user.password_hash, input.password);
  else await spendVerificationTime(input.password);

  // A failure was counted when the attempt was claimed.
  if (!user || !valid || user.disabled_at) return { ok: false, reason: "invalid" };
  await releaseAttempts([claims[0]]);
  await clearFailures(keys.account);
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, isPlatformAdmin: user.is_platform_admin } };
}

export async function clearFailures(key: string) {
  await databases().app.deleteFrom("login_throttle").where("key", "=", key).execute();
}

/** The first segment of every page the app serves ("" is the start page); tests/security checks it against the build. */
export const PAGE_ROOTS = [
  "",
  "accessibility",
  "account",
  "admin",
  "forgot-password",
  "home",
  "invitations",
  "login",
  "p",
  "privacy",
  "public",
  "reset-password",
  "resume",
] as const;

/**
 * Where to go after signing in: only a path to one of the app's own pages, or null. Browsers drop
 * tabs, CR and LF from a URL, so `/\t/evil.example` would leave as `//evil.example`: any control
 * character, space, backslash or non-ASCII character refuses the whole value, and what is kept is
 * re-read as a URL on this site and must stay on it.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined): string | null {
  if (typeof to !== "string" || to.length > 2000 || !/^\/[\x21-\x7e]*$/.test(to) || to.includes("\\") || to.startsWith("//")) return null;
  const base = "http://golden-thread.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  const root = url.pathname.split("/")[1] ?? "";
  if (!(PAGE_ROOTS as readonly string[]).includes(root)) return null;
  return url.pathname + url.search + url.hash;
}
