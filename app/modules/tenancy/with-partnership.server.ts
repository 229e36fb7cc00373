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

export async function withPartnership<T>(partnershipId: string, userId: string | null, work: (tx: Tx) => Promise<T>, options: { db?: Db } = {}): Promise<T> {
  let wrote = false;
  let scopeFacts = false;
  let returnQuarters = "";
  const result = await (options.db ?? databases().app).transaction().execute(async (tx) => {
    await setScope(tx, { partnershipId, userId: userId ?? "" });
    const value = await work(tx);
    // Whether anything was written (PostgreSQL assigns a transaction id on the first write), so
    // the partnership's cached dashboards move on once this commits; whether it touched what
    // dashboards read about organisations (migration 72's triggers); and which quarters' returns it
    // touched (migration 73's): platform/partnership-changes.
    const { rows } = await sql<{
      wrote: boolean;
      facts: boolean;
      quarters: string;
    }>`select txid_current_if_assigned() is not null as wrote, coalesce(current_setting('app.scope_facts_changed', true), '') = 'on' as facts, coalesce(current_setting('app.return_quarters_changed', true), '') as quarters`.execute(
      tx,
    );
    wrote = rows[0].wrote;
    scopeFacts = rows[0].facts;
    returnQuarters = rows[0].quarters;
    return value;
  });
  if (wrote) await partnershipChanged(partnershipId, options.db, { scopeFacts, returnQuarters: returnQuarters === "*" ? "all" : returnQuarters.split(" ").filter(Boolean) });
  return result;
}

/** The settings row level security reads, as a transaction may name them. */
export interface Scope {
  partnershipId?: string;
  userId?: string;
  platformAdmin?: boolean;
  /** An invitation link's hash: RLS shows that invitation alone (migration 10). */
  tokenHash?: string;
}

/** Names (more of) the scope inside a transaction already open, e.g. each partnership in turn. */
export async function setScope(tx: Tx, scope: Scope): Promise<void> {
  const settings = [
    scope.partnershipId !== undefined ? sql`set_config('app.partnership_id', ${scope.partnershipId}, true)` : null,
    scope.userId !== undefined ? sql`set_config('app.user_id', ${scope.userId}, true)` : null,
    scope.platformAdmin ? sql`set_config('app.platform_admin', 'on', true)` : null,
    scope.tokenHash !== undefined ? sql`set_config('app.token_hash', ${scope.tokenHash}, true)` : null,
  ].filter((s) => s !== null);
  if (settings.length) await sql`select ${sql.join(settings)}`.execute(tx);
}

/**
 * The one door into the database for work that is not one partnership's: a transaction, with the
 * scope it names set first. Sign-in secrets and account changes name none (their tables are the
 * person's own, checked by the caller); delivery of a partnership's outbox names the partnership;
 * a link names its token. Lint allows `.transaction()` and `set_config('app.…')` only in this file.
 */
export async function inTransaction<T>(work: (tx: Tx) => Promise<T>, scope: Scope = {}): Promise<T> {
  return databases()
    .app.transaction()
    .execute(async (tx) => {
      await setScope(tx, scope);
      return work(tx);
    });
}

/** Work outside any one partnership, as a signed-in person (reads their own memberships). */
export async function asUser<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(work, { userId });
}

/** Platform administration (creating partnerships). The caller has checked is_platform_admin. */
export async function asPlatformAdmin<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(work, { userId, platformAdmin: true });
}
