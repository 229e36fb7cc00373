/**
 * Accounts (people who can sign in), which belong to no one partnership: looking one up by
 * email, renaming, a new password, and the platform administrator's disable switch.
 */
import { sql } from "kysely";
import { now } from "../platform/clock.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { hashPassword } from "./password.server";

export function findUserByEmail(tx: Tx, email: string) {
  return tx
    .selectFrom("users")
    .select(["id", "email", "name", "disabled_at", "is_platform_admin"])
    .where(sql`lower(email)`, "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function renameAccount(tx: Tx, { userId, name }: { userId: string; name: string }) {
  await tx.updateTable("users").set({ name }).where("id", "=", userId).execute();
}

/** Stores a new password. The caller ends the account's other sessions once this commits. */
export async function setPassword(tx: Tx, { userId, password }: { userId: string; password: string }) {
  const password_hash = await hashPassword(password);
  await tx.updateTable("users").set({ password_hash }).where("id", "=", userId).execute();
  // Any reset link still in someone's inbox is now stale.
  await tx.deleteFrom("password_resets").where("user_id", "=", userId).where("used_at", "is", null).execute();
}

export function searchAccounts(tx: Tx, { query, limit = 50 }: { query: string; limit?: number }) {
  let q = tx
    .selectFrom("users")
    .select(["id", "email", "name", "is_platform_admin", "disabled_at", "created_at"])
    .select((eb) => eb.exists(eb.selectFrom("two_factor_credentials as t").select("t.user_id").whereRef("t.user_id", "=", "users.id")).as("has_two_factor"))
    .orderBy("name")
    .orderBy("email")
    .limit(limit);
  const words = query.trim().toLowerCase();
  if (words) {
    const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb(sql`lower(email)`, "like", pattern), eb(sql`lower(name)`, "like", pattern)]));
  }
  return q.execute();
}

/** Returns false when there is no such account. The caller ends its sessions after commit. */
export async function setAccountDisabled(tx: Tx, { userId, disabled }: { userId: string; disabled: boolean }): Promise<boolean> {
  const result = await tx
    .updateTable("users")
    .set({ disabled_at: disabled ? now() : null })
    .where("id", "=", userId)
    .where("disabled_at", disabled ? "is" : "is not", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return true;
  return Boolean(await tx.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst());
}
