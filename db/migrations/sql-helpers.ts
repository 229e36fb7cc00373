/**
 * SQL that many migrations repeat. Frozen like the migrations that call it: to change a policy
 * or trigger, add a new helper (tenantRlsV2…) and a migration that applies it; never edit these.
 */
import { sql, type Kysely, type RawBuilder } from "kysely";

/** The app role: owns nothing, is not superuser, cannot bypass RLS. See docs/decisions/0004. */
export const APP_ROLE = "gt_app";

const currentPartnership = sql.raw(`nullif(current_setting('app.partnership_id', true), '')::uuid`);
const currentUser = sql.raw(`nullif(current_setting('app.user_id', true), '')::uuid`);

export async function run(db: Kysely<any>, statements: RawBuilder<unknown>[]) {
  for (const statement of statements) await statement.execute(db);
}

/** RLS enabled and forced, one policy keyed on partnership_id for reads and writes alike. */
export function tenantRls(table: string): RawBuilder<unknown>[] {
  const t = sql.id(table);
  return [
    sql`alter table ${t} enable row level security`,
    sql`alter table ${t} force row level security`,
    sql`create policy tenant_isolation on ${t} using (partnership_id = ${currentPartnership}) with check (partnership_id = ${currentPartnership})`,
  ];
}

/** A person may read their own rows of a membership table in every partnership (for sign-in). */
export function ownRowsReadable(table: string): RawBuilder<unknown> {
  return sql`create policy own_rows_readable on ${sql.id(table)} for select using (user_id = ${currentUser})`;
}

/**
 * Audit every insert, update and delete on a table. `partnershipColumn` names the column that
 * holds the partnership (partnership_id on tenant tables, id on partnerships); `keyColumns` the row key.
 */
export function auditTrigger(table: string, partnershipColumn: string, keyColumns: string[]): RawBuilder<unknown> {
  const args = sql.join([partnershipColumn, ...keyColumns].map((c) => sql.lit(c)));
  return sql`create trigger audit_row_change after insert or update or delete on ${sql.id(table)}
    for each row execute function audit_row_change(${args})`;
}

export const currentPartnershipSql = currentPartnership;
export const currentUserSql = currentUser;
