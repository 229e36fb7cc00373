/**
 * Tenant work runs inside one transaction that names its partnership and person with
 * set_config(…, true): transaction-local, so a pooled connection never carries one tenant's
 * settings into the next request. Row level security reads the same settings.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../../db/types";
import { databases } from "../../db.server";
import { partnershipChanged } from "../platform/partnership-changes.server";

export type Tx = Transaction<Database>;
export type Db = Kysely<Database>;

export async function withPartnership<T>(
  partnershipId: string,
  userId: string | null,
  work: (tx: Tx) => Promise<T>,
  options: { db?: Db } = {},
): Promise<T> {
  let wrote = false;
  let scopeFacts = false;
  let returnQuarters = "";
  const result = await (options.db ?? databases().app).transaction().execute(async (tx) => {
    await sql`select set_config('app.partnership_id', ${partnershipId}, true), set_config('app.user_id', ${userId ?? ""}, true)`.execute(tx);
    const value = await work(tx);
    // Whether anything was written (PostgreSQL assigns a transaction id on the first write), so
    // the partnership's cached dashboards move on once this commits; whether it touched what
    // dashboards read about organisations (migration 72's triggers); and which quarters' returns it
    // touched (migration 73's): platform/partnership-changes.
    const { rows } = await sql<{ wrote: boolean; facts: boolean; quarters: string }>`select txid_current_if_assigned() is not null as wrote, coalesce(current_setting('app.scope_facts_changed', true), '') = 'on' as facts, coalesce(current_setting('app.return_quarters_changed', true), '') as quarters`.execute(tx);
    wrote = rows[0].wrote;
    scopeFacts = rows[0].facts;
    returnQuarters = rows[0].quarters;
    return value;
  });
  if (wrote) await partnershipChanged(partnershipId, options.db, { scopeFacts, returnQuarters: returnQuarters === "*" ? "all" : returnQuarters.split(" ").filter(Boolean) });
  return result;
}

/** Work outside any one partnership, as a signed-in person (reads their own memberships). */
export async function asUser<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return databases().app.transaction().execute(async (tx) => {
    await sql`select set_config('app.user_id', ${userId}, true)`.execute(tx);
    return work(tx);
  });
}

/** Platform administration (creating partnerships). The caller has checked is_platform_admin. */
export async function asPlatformAdmin<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return databases().app.transaction().execute(async (tx) => {
    await sql`select set_config('app.user_id', ${userId}, true), set_config('app.platform_admin', 'on', true)`.execute(tx);
    return work(tx);
  });
}
