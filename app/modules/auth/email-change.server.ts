/**
 * Changing the email address a person signs in with. Asking needs a recent re-authentication;
 * the change happens only when a one-time link sent to the new address is opened and the password
 * entered (so a typo cannot lock anyone out, and nobody takes an address they cannot read). The old
 * address is told. Links work once, for 24 hours, and only their hash is kept (ADR 12).
 */
import { sql } from "kysely";
import { z } from "zod";
import { epochMs, now } from "../platform/clock.server";
import { databases } from "../../db.server";
import { queuePlatformEmail } from "../notify/outbox.server";
import { formatDateTime } from "../platform/dates";
import { findUserByEmail } from "./accounts.server";
import { signIn } from "./login.server";
import { endAllSessions, type SessionUser } from "./session.server";
import { newToken, tokenHash } from "./tokens.server";
import { inTransaction } from "../tenancy/with-partnership.server";

export const EMAIL_CHANGE_LIFETIME_HOURS = 24;
/** Links per account per hour, so the form cannot flood an inbox. */
export const EMAIL_CHANGES_PER_HOUR = 3;

export const NewEmailSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your new email address")
    .max(254, "Enter an email address of 254 characters or fewer")
    .email("Enter an email address in the correct format, like name@example.org"),
});

export type EmailChangeRequest = { ok: true } | { ok: false; message: string };

export async function requestEmailChange({ user, newEmail, origin }: { user: SessionUser; newEmail: string; origin: string }): Promise<EmailChangeRequest> {
  if (newEmail.toLowerCase() === user.email.toLowerCase()) return { ok: false, message: "That is already your email address. Enter a different one" };
  return inTransaction(async (tx): Promise<EmailChangeRequest> => {
    const recent = await tx
      .selectFrom("email_changes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", user.id)
      .where("created_at", ">", sql<Date>`now() - interval '1 hour'`)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= EMAIL_CHANGES_PER_HOUR) return { ok: false, message: "You have asked to change your email address 3 times in the last hour. Try again later" };
    // Only the newest link works.
    await tx.updateTable("email_changes").set({ expires_at: now() }).where("user_id", "=", user.id).where("used_at", "is", null).where("expires_at", ">", now()).execute();
    const { token, hash } = newToken();
    const expiresAt = new Date(epochMs() + EMAIL_CHANGE_LIFETIME_HOURS * 3_600_000);
    await tx.insertInto("email_changes").values({ token_hash: hash, user_id: user.id, new_email: newEmail, expires_at: expiresAt }).execute();
    await queuePlatformEmail(tx, {
      to: newEmail,
      subject: "Confirm your new email address for Golden Thread",
      kind: "email_change",
      text: [
        `Dear ${user.name},`,
        "",
        "You asked to use this email address to sign in to Golden Thread. To confirm it, open this link and enter your password:",
        `${origin}/account/email/${token}`,
        "",
        `The link works once and expires on ${formatDateTime(expiresAt)}. Until then you still sign in with ${user.email}.`,
        "",
        "If you did not ask for this, ignore this email: nothing changes.",
      ].join("\n"),
    });
    await queuePlatformEmail(tx, {
      to: user.email,
      subject: "Your Golden Thread email address is being changed",
      kind: "email_change_notice",
      text: [
        `Dear ${user.name},`,
        "",
        `Someone signed in to your Golden Thread account asked to change its email address to ${newEmail}. The change happens only if the link we sent there is opened.`,
        "",
        "If this was not you, change your password now and tell your partnership coordinator.",
      ].join("\n"),
    });
    return { ok: true };
  });
}

/** The account and new address of a live link, or null when the link is unknown, used or expired. */
export async function findEmailChange(token: string): Promise<{ email: string; newEmail: string } | null> {
  const row = await databases()
    .app.selectFrom("email_changes as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["u.email", "c.new_email"])
    .where("c.token_hash", "=", tokenHash(token))
    .where("c.used_at", "is", null)
    .where("c.expires_at", ">", now())
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  return row ? { email: row.email, newEmail: row.new_email } : null;
}

export type EmailChangeCompletion =
  { ok: true; newEmail: string } | { ok: false; reason: "gone" } | { ok: false; reason: "password" | "taken"; message: string; retryAfterSeconds?: number };

/** Uses the link once, with the account's password: the new address from now on, every session ended. */
export async function completeEmailChange(token: string, { password, clientAddress }: { password: string; clientAddress: string }): Promise<EmailChangeCompletion> {
  const change = await findEmailChange(token);
  if (!change) return { ok: false, reason: "gone" };
  const check = await signIn({ email: change.email, password, clientAddress });
  if (!check.ok && check.reason === "throttled") {
    const minutes = Math.ceil(check.retryAfterSeconds / 60);
    return {
      ok: false,
      reason: "password",
      message: `Too many wrong passwords. Wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} and try again`,
      retryAfterSeconds: check.retryAfterSeconds,
    };
  }
  if (!check.ok) return { ok: false, reason: "password", message: "Your password is not right. Enter the password you sign in with now" };
  const outcome = await inTransaction(async (tx): Promise<EmailChangeCompletion> => {
    const used = await tx
      .updateTable("email_changes")
      .set({ used_at: now() })
      .where("token_hash", "=", tokenHash(token))
      .where("user_id", "=", check.user.id)
      .where("used_at", "is", null)
      .where("expires_at", ">", now())
      .returning(["new_email"])
      .executeTakeFirst();
    if (!used) return { ok: false, reason: "gone" };
    const holder = await findUserByEmail(tx, used.new_email);
    if (holder && holder.id !== check.user.id) {
      return { ok: false, reason: "taken", message: `${used.new_email} is already the email address of another Golden Thread account. Ask your coordinator for help` };
    }
    await tx.updateTable("users").set({ email: used.new_email }).where("id", "=", check.user.id).execute();
    await tx.deleteFrom("password_resets").where("user_id", "=", check.user.id).where("used_at", "is", null).execute();
    return { ok: true, newEmail: used.new_email };
  });
  if (outcome.ok) await endAllSessions(check.user.id);
  return outcome;
}
