/**
 * A transaction that changes what every dashboard reads about organisations (the organisations,
 * their boroughs, pledge signatures and withdrawals, champions) says so: a statement trigger on
 * each of those tables sets the transaction-local `app.scope_facts_changed`. withPartnership reads
 * it with the write check it already makes, so a return submission (which touches none of them)
 * leaves the partnership's cached organisation facts in place while its figures move on
 * (dashboards/cache.server.ts, ADR 0017). A trigger, not a list in code: a write path added later
 * that touches these tables is noticed without anyone remembering to say so.
 */
import { sql, type Kysely } from "kysely";
import { run } from "./sql-helpers";

const TABLES = ["organisations", "boroughs", "pledge_signatures", "pledge_withdrawals", "champions"];

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create function note_scope_facts_changed() returns trigger language plpgsql set search_path = public as $$
    begin
      perform set_config('app.scope_facts_changed', 'on', true);
      return null;
    end $$`,
    ...TABLES.flatMap((table) => [
      sql`create trigger ${sql.id(`${table}_scope_facts_changed`)} after insert or update or delete on ${sql.id(table)} for each statement execute function note_scope_facts_changed()`,
      sql`create trigger ${sql.id(`${table}_scope_facts_truncated`)} after truncate on ${sql.id(table)} for each statement execute function note_scope_facts_changed()`,
    ]),
  ]);
}
