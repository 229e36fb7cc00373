/**
 * Two things a partnership's first weeks need. A pledge signature can be recorded by the
 * coordinator from a paper form (`source = 'paper'`): `submitted_by` is then who recorded it and
 * `created_at` when, while `signed_on` is the date on the form. And an organisation created by
 * mistake can be deleted — but the database refuses to delete one that has history (a return,
 * a pledge signature or withdrawal, a champion, a place in the delivery plan), which is marked
 * as left instead. A partnership being removed as a whole (the demo) still takes its
 * organisations with it: that delete reaches them through a foreign key, at trigger depth 2.
 */
import { sql, type Kysely } from "kysely";
import { run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`alter table pledge_signatures add column source text not null default 'online' check (source in ('online', 'paper'))`,
    sql`create function refuse_deleting_organisation_with_history() returns trigger language plpgsql set search_path = public as $$
    begin
      if pg_trigger_depth() > 1 then
        return old; -- the partnership itself is being deleted
      end if;
      if exists (select 1 from quarterly_returns r where r.partnership_id = old.partnership_id and r.organisation_id = old.id)
        or exists (select 1 from pledge_signatures s where s.partnership_id = old.partnership_id and s.organisation_id = old.id)
        or exists (select 1 from pledge_withdrawals w where w.partnership_id = old.partnership_id and w.organisation_id = old.id)
        or exists (select 1 from champions c where c.partnership_id = old.partnership_id and c.organisation_id = old.id)
        or exists (select 1 from plan_actions a where a.partnership_id = old.partnership_id and a.lead_organisation_id = old.id)
        or exists (select 1 from plan_action_supporters p where p.partnership_id = old.partnership_id and p.organisation_id = old.id)
      then
        raise exception 'organisation % has history and cannot be deleted: record that it has left instead', old.id using errcode = 'restrict_violation';
      end if;
      return old;
    end $$`,
    sql`create trigger organisations_keep_history before delete on organisations for each row execute function refuse_deleting_organisation_with_history()`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`drop trigger if exists organisations_keep_history on organisations`,
    sql`drop function if exists refuse_deleting_organisation_with_history()`,
    sql`alter table pledge_signatures drop column if exists source`,
  ]);
}
