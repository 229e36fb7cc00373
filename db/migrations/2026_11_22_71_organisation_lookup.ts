/**
 * partnership_organisation(partnership, organisation): the organisation in an org-scoped URL, read
 * under that partnership's row level security, in the same statement as the partnership and the
 * person's roles (guard.server.ts) instead of a transaction of six round trips. Caller's rights, as
 * member_roles (migration 70): it names the partnership for its own statement with set_config and
 * puts the previous value back before returning.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create function partnership_organisation(p_partnership uuid, p_organisation uuid) returns jsonb
      language plpgsql volatile set search_path = public as $$
    declare
      previous text := current_setting('app.partnership_id', true);
      found jsonb;
    begin
      perform set_config('app.partnership_id', p_partnership::text, true);
      select jsonb_build_object('id', o.id, 'name', o.name, 'sector', o.sector, 'borough_id', o.borough_id)
        into found
        from organisations o where o.partnership_id = p_partnership and o.id = p_organisation;
      perform set_config('app.partnership_id', coalesce(previous, ''), true);
      return found;
    end $$`,
    sql`revoke all on function partnership_organisation(uuid, uuid) from public`,
    sql`grant execute on function partnership_organisation(uuid, uuid) to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [sql`drop function if exists partnership_organisation(uuid, uuid)`]);
}
