/**
 * "Forgotten your password?": a single-use link, valid for 60 minutes, sent to the account's email
 * through the platform outbox. Asking tells nobody whether the email has an account: the answer
 * is the same, and nothing is sent for an unknown or disabled one. Setting the new password ends
 * every session of the account. See docs/decisions/0012-one-time-links.md.
 */
import { sql } from "kysely";
import { epochMs, now } from "../platform/clock.server";
import { databases } from "../../db.server";
import { queuePlatformEmail } from "../notify/outbox.server";
import { formatDateTime } from "../platform/dates";
import { findUserByEmail, setPassword } from "./accounts.server";
import { endAllSessions, type SessionUser } from "./session.server";
import { newToken, tokenHash } from "./tokens.server";
import { inTransaction } from "../tenancy/with-partnership.server";

export const RESET_LIFETIME_MINUTES = 60;
/** Reset emails per account per hour, so the form cannot be used to flood someone's inbox. */
export const RESETS_PER_HOUR = 3;

/** Queues the email when the account exists and may sign in; returns nothing either way. */
export async function requestPasswordReset({ email, origin }: { email: string; origin: string }): Promise<void> {
  await inTransaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user || user.disabled_at) return;
    const recent = await tx
      .selectFrom("password_resets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", user.id)
      .where("created_at", ">", sql<Date>`now() - interval '1 hour'`)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= RESETS_PER_HOUR) return;
    // Only the newest link works.
    await tx.updateTable("password_resets").set({ expires_at: now() }).where("user_id", "=", user.id).where("used_at", "is", null).where("expires_at", ">", now()).execute();
    const { token, hash } = newToken();
    const expiresAt = new Date(epochMs() + RESET_LIFETIME_MINUTES * 60_000);
    await tx.insertInto("password_resets").values({ token_hash: hash, user_id: user.id, expires_at: expiresAt }).execute();
    await queuePlatformEmail(tx, {
      to: user.email,
      subject: "Reset your Golden Thread password",
      kind: "password_reset",
      text: [
        `Dear ${user.name},`,
        "",
        "Someone asked to reset the password of your Golden Thread account. To choose a new password, open this link:",
        `${origin}/reset-password/${token}`,
        "",
        `The link works once and expires on ${formatDateTime(expiresAt)}. Setting a new password signs you out everywhere else.`,
        "",
        "If you did not ask for this, you can ignore this email: your password has not changed.",
      ].join("\n"),
    });
  });
}

/** The account a live reset link is for, or null when the link is unknown, used or expired. */
export async function findPasswordReset(token: string): Promise<{ email: string; name: string } | null> {
  const row = await databases()
    .app.selectFrom("password_resets as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["u.email", "u.name"])
    .where("r.token_hash", "=", tokenHash(token))
    .where("r.used_at", "is", null)
    .where("r.expires_at", ">", now())
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  return row ?? null;
}

/** Uses the link once: stores the new password and ends every session of the account. */
export async function completePasswordReset(token: string, password: string): Promise<{ ok: true; user: SessionUser } | { ok: false }> {
  const user = await inTransaction(async (tx) => {
    const used = await tx
      .updateTable("password_resets as r")
      .set({ used_at: now() })
      .from("users as u")
      .whereRef("u.id", "=", "r.user_id")
      .where("r.token_hash", "=", tokenHash(token))
      .where("r.used_at", "is", null)
      .where("r.expires_at", ">", now())
      .where("u.disabled_at", "is", null)
      .returning(["u.id", "u.email", "u.name", "u.is_platform_admin"])
      .executeTakeFirst();
    if (!used) return null;
    await setPassword(tx, { userId: used.id, password });
    return { id: used.id, email: used.email, name: used.name, isPlatformAdmin: used.is_platform_admin };
  });
  if (!user) return { ok: false };
  await endAllSessions(user.id);
  return { ok: true, user };
}
