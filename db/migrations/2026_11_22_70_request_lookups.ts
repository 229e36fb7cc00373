/**
 * What every signed-in page asks of the database, in one statement each instead of a transaction
 * of four round trips (ADR 0017):
 *   two_factor_required_for(user)      whether the person must use a second factor (a coordinator
 *                                      anywhere); asked alongside the session lookup
 *   member_roles(user, partnership)    the person's partnership and organisation roles there
 * Both run with the caller's rights (row level security applies as ever): they name the person for
 * their own statement with set_config, as withPartnership/asUser do for a transaction, and put the
 * previous value back before returning.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create function two_factor_required_for(p_user uuid) returns boolean
      language plpgsql volatile set search_path = public as $$
    declare
      previous text := current_setting('app.user_id', true);
      required boolean;
    begin
      perform set_config('app.user_id', p_user::text, true);
      select exists (select 1 from partnership_members m where m.user_id = p_user and m.role = 'coordinator') into required;
      perform set_config('app.user_id', coalesce(previous, ''), true);
      return required;
    end $$`,
    sql`create function member_roles(p_user uuid, p_partnership uuid) returns jsonb
      language plpgsql volatile set search_path = public as $$
    declare
      previous text := current_setting('app.user_id', true);
      roles jsonb;
    begin
      perform set_config('app.user_id', p_user::text, true);
      select jsonb_build_object(
        'partnership', (select coalesce(jsonb_agg(jsonb_build_object('role', pm.role, 'borough_id', pm.borough_id)), '[]'::jsonb)
                        from partnership_members pm where pm.partnership_id = p_partnership and pm.user_id = p_user),
        'organisation', (select coalesce(jsonb_agg(jsonb_build_object('organisation_id', om.organisation_id, 'role', om.role)), '[]'::jsonb)
                         from organisation_members om where om.partnership_id = p_partnership and om.user_id = p_user))
        into roles;
      perform set_config('app.user_id', coalesce(previous, ''), true);
      return roles;
    end $$`,
    sql`revoke all on function two_factor_required_for(uuid), member_roles(uuid, uuid) from public`,
    sql`grant execute on function two_factor_required_for(uuid), member_roles(uuid, uuid) to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [sql`drop function if exists member_roles(uuid, uuid)`, sql`drop function if exists two_factor_required_for(uuid)`]);
}
