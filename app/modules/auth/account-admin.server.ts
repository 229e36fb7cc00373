/** The platform administrator's view of accounts: find them, disable or enable one, reset its two-factor sign-in. */
import { z } from "zod";
import { databases } from "../../db.server";
import { logger } from "../platform/logger.server";
import { uuid } from "../platform/form.server";
import { asPlatformAdmin } from "../tenancy/with-partnership.server";
import { searchAccounts, setAccountDisabled } from "./accounts.server";
import { endAllSessions } from "./session.server";
import { removeTwoFactor } from "./two-factor.server";

export const AccountSwitchSchema = z.object({
  intent: z.enum(["disable", "enable", "reset-two-factor"], { errorMap: () => ({ message: "Choose to disable or enable the account, or reset its two-factor sign-in" }) }),
  userId: uuid("Choose an account from the list"),
  q: z.string().max(200).optional(),
});

export function findAccounts(adminId: string, query: string) {
  return asPlatformAdmin(adminId, (tx) => searchAccounts(tx, { query }));
}

/** Disabling ends every session at once; null when there is no such account. */
export async function switchAccount(adminId: string, { userId, disabled }: { userId: string; disabled: boolean }) {
  const account = await asPlatformAdmin(adminId, async (tx) => {
    if (!(await setAccountDisabled(tx, { userId, disabled }))) return null;
    return tx.selectFrom("users").select(["id", "name"]).where("id", "=", userId).executeTakeFirstOrThrow();
  });
  if (account && disabled) await endAllSessions(userId);
  return account;
}

/**
 * For someone who lost their phone and their recovery codes, once the administrator has checked
 * who they are some other way (docs/operations.md): the secret and codes go, every session and
 * pending sign-in ends. A coordinator is asked to set it up again at their next sign-in.
 */
export async function resetTwoFactor(adminId: string, { userId }: { userId: string }) {
  const account = await databases().app.selectFrom("users").select(["id", "name"]).where("id", "=", userId).executeTakeFirst();
  if (!account) return null;
  await removeTwoFactor(userId);
  await databases().app.deleteFrom("pending_sign_ins").where("user_id", "=", userId).execute();
  await endAllSessions(userId);
  logger.warn({ adminId, userId }, "two-factor sign-in reset by the platform administrator");
  return account;
}
