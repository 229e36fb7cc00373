/**
 * Two-factor sign-in for an account: an authenticator app (TOTP) and ten single-use recovery codes.
 * Required for platform administrators and coordinators, optional for everyone else. A code is
 * accepted once: the time step of the last accepted code is stored and anything at or before it is
 * refused (except on the demo's published secret, see docs/decisions/0015-two-factor-sign-in.md).
 * Wrong codes are throttled per account like wrong passwords, on a key of their own.
 */
import { sql } from "kysely";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { now } from "../platform/clock.server";
import { databases } from "../../db.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { addressKey, claimAttempts, clearFailures, releaseAttempts, THROTTLE } from "./login.server";
import type { SessionUser } from "./session.server";
import { isTotpSecret, stepOfCode, totpCode } from "./totp.server";
import { inTransaction } from "../tenancy/with-partnership.server";

export const RECOVERY_CODE_COUNT = 10;

export type SecondFactorInput = { kind: "totp"; code: string } | { kind: "recovery"; code: string };

/**
 * What the person typed in the code box: six digits from the app, or a recovery code (12 letters
 * and digits, dashes and spaces ignored). Null when it is neither.
 */
export function parseSecondFactor(raw: string): SecondFactorInput | null {
  const compact = raw.replace(/[\s-]/g, "").toLowerCase();
  if (/^\d{6}$/.test(compact)) return { kind: "totp", code: compact };
  if (/^[a-z2-7]{12}$/.test(compact)) return { kind: "recovery", code: compact };
  return null;
}

export const formatRecoveryCode = (code: string) => code.match(/.{1,4}/g)!.join("-");

const secondFactorKey = (userId: string) => `second-factor:${userId}`;
const recoveryHash = (salt: string, code: string) => createHash("sha256").update(salt).update(code).digest("hex");

export interface TwoFactorStatus {
  enrolled: boolean;
  since: Date | null;
  recoveryCodesLeft: number;
  /** The published demo secret (demo accounts only). */
  isDemo: boolean;
}

export async function twoFactorStatus(userId: string): Promise<TwoFactorStatus> {
  const db = databases().app;
  const credential = await db.selectFrom("two_factor_credentials").select(["created_at", "is_demo"]).where("user_id", "=", userId).executeTakeFirst();
  const left = await db
    .selectFrom("two_factor_recovery_codes")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("used_at", "is", null)
    .executeTakeFirstOrThrow();
  return { enrolled: Boolean(credential), since: credential?.created_at ?? null, recoveryCodesLeft: Number(left.n), isDemo: credential?.is_demo ?? false };
}

export async function hasTwoFactor(userId: string): Promise<boolean> {
  return Boolean(await databases().app.selectFrom("two_factor_credentials").select("user_id").where("user_id", "=", userId).executeTakeFirst());
}

/** Platform administrators and coordinators (of any partnership) must sign in with a code. */
export async function twoFactorRequired(user: SessionUser): Promise<boolean> {
  if (user.isPlatformAdmin) return true;
  // One statement (asked on every page): the function names the person for its own query, under RLS.
  const { rows } = await sql<{ required: boolean }>`select two_factor_required_for(${user.id}::uuid) as required`.execute(databases().app);
  return rows[0]?.required ?? false;
}

/** The code a demo account's app would show now; null for every other account. */
export async function demoCodeFor(userId: string): Promise<string | null> {
  const credential = await databases().app.selectFrom("two_factor_credentials").select(["secret", "is_demo"]).where("user_id", "=", userId).executeTakeFirst();
  return credential?.is_demo ? totpCode(credential.secret) : null;
}

async function storeRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await tx.deleteFrom("two_factor_recovery_codes").where("user_id", "=", userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => encodeBase32LowerCaseNoPadding(randomBytes(8)).slice(0, 12));
  await tx
    .insertInto("two_factor_recovery_codes")
    .values(
      codes.map((code, i) => {
        const salt = randomBytes(16).toString("hex");
        return { user_id: userId, position: i + 1, salt, code_hash: recoveryHash(salt, code) };
      }),
    )
    .execute();
  return codes.map(formatRecoveryCode);
}

export type Enrolment = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

/**
 * Turns two-factor sign-in on (or moves it to a new app) once the person proves their app makes
 * the right codes for `secret`. Returns the new recovery codes, to be shown once and never again.
 */
export async function enrolTwoFactor({ userId, secret, code }: { userId: string; secret: string; code: string }): Promise<Enrolment> {
  if (!isTotpSecret(secret)) return { ok: false, message: "Start again: the set-up key was not recognised" };
  const step = stepOfCode(secret, code);
  if (step === null) return { ok: false, message: "That code does not match. Check the app shows Golden Thread for this account, and enter the code it shows now" };
  const recoveryCodes = await inTransaction(async (tx) => {
    await tx.deleteFrom("two_factor_credentials").where("user_id", "=", userId).execute();
    await tx.insertInto("two_factor_credentials").values({ user_id: userId, secret, last_used_step: step }).execute();
    return storeRecoveryCodes(tx, userId);
  });
  return { ok: true, recoveryCodes };
}

export async function replaceRecoveryCodes(userId: string): Promise<string[] | null> {
  return inTransaction(async (tx) => {
    const credential = await tx.selectFrom("two_factor_credentials").select("user_id").where("user_id", "=", userId).forUpdate().executeTakeFirst();
    return credential ? storeRecoveryCodes(tx, userId) : null;
  });
}

/** Turns two-factor sign-in off: the secret and every recovery code go. */
export async function removeTwoFactor(userId: string): Promise<void> {
  await inTransaction(async (tx) => {
    await tx.deleteFrom("two_factor_recovery_codes").where("user_id", "=", userId).execute();
    await tx.deleteFrom("two_factor_credentials").where("user_id", "=", userId).execute();
  });
}

export type CodeCheck = { ok: true; usedRecoveryCode: boolean; recoveryCodesLeft: number } | { ok: false; reason: "wrong" | "replayed" };

/** Checks a code once, without throttling: an app code not used before, or an unused recovery code. */
async function checkCode(userId: string, input: SecondFactorInput): Promise<CodeCheck> {
  return inTransaction(async (tx): Promise<CodeCheck> => {
    // Locked, so two posts of one code cannot both pass.
    const credential = await tx.selectFrom("two_factor_credentials").select(["secret", "is_demo", "last_used_step"]).where("user_id", "=", userId).forUpdate().executeTakeFirst();
    if (!credential) return { ok: false, reason: "wrong" };
    const left = async () =>
      Number(
        (
          await tx
            .selectFrom("two_factor_recovery_codes")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("user_id", "=", userId)
            .where("used_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    if (input.kind === "totp") {
      const step = stepOfCode(credential.secret, input.code);
      if (step === null) return { ok: false, reason: "wrong" };
      if (!credential.is_demo && credential.last_used_step !== null && step <= credential.last_used_step) return { ok: false, reason: "replayed" };
      await tx
        .updateTable("two_factor_credentials")
        .set({ last_used_step: Math.max(step, credential.last_used_step ?? step) })
        .where("user_id", "=", userId)
        .execute();
      return { ok: true, usedRecoveryCode: false, recoveryCodesLeft: await left() };
    }
    const unused = await tx.selectFrom("two_factor_recovery_codes").select(["position", "salt", "code_hash"]).where("user_id", "=", userId).where("used_at", "is", null).execute();
    const match = unused.find((c) => timingSafeEqual(Buffer.from(recoveryHash(c.salt, input.code), "hex"), Buffer.from(c.code_hash, "hex")));
    if (!match) return { ok: false, reason: "wrong" };
    await tx.updateTable("two_factor_recovery_codes").set({ used_at: now() }).where("user_id", "=", userId).where("position", "=", match.position).execute();
    return { ok: true, usedRecoveryCode: true, recoveryCodesLeft: await left() };
  });
}

export type SecondFactorResult = CodeCheck | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * A code for sign-in or re-authentication. Wrong and replayed codes count against the account
 * and the client address; once an account is locked even the right code waits (429).
 */
export async function verifySecondFactor(userId: string, input: SecondFactorInput, clientAddress: string): Promise<SecondFactorResult> {
  const claims = [
    { key: addressKey(clientAddress), rule: THROTTLE.address },
    { key: secondFactorKey(userId), rule: THROTTLE.secondFactor },
  ];
  // Counted before it is checked, atomically, so parallel guesses cannot outrun the limit.
  const wait = await claimAttempts(claims);
  if (wait > 0) return { ok: false, reason: "throttled", retryAfterSeconds: wait };
  const checked = await checkCode(userId, input);
  if (checked.ok) {
    await releaseAttempts([claims[0]]);
    await clearFailures(secondFactorKey(userId));
  }
  return checked;
}

/** Words for a refused code, the same on every page that asks for one. */
export function codeProblem(result: Exclude<SecondFactorResult, { ok: true }>): string {
  if (result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return `Too many wrong codes. Wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} and try again`;
  }
  if (result.reason === "replayed") return "That code has already been used. Wait for your app to show a new code, then enter it";
  return "That code is not right. Enter the 6-digit code your authenticator app shows now, or one of your recovery codes";
}
