/** The platform administrator's view of accounts: find them, and disable or enable one. */
import { asPlatformAdmin } from "../tenancy/with-partnership.server";
import { searchAccounts, setAccountDisabled } from "./accounts.server";
import { endAllSessions } from "./session.server";

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
