/** The platform administrator's view of accounts: find them, and disable or enable one. */
import { z } from "zod";
import { uuid } from "../platform/form.server";
import { asPlatformAdmin } from "../tenancy/with-partnership.server";
import { searchAccounts, setAccountDisabled } from "./accounts.server";
import { endAllSessions } from "./session.server";

export const AccountSwitchSchema = z.object({
  intent: z.enum(["disable", "enable"], { errorMap: () => ({ message: "Choose to disable or enable the account" }) }),
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
