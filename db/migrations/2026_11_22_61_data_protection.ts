/**
 * Erasing a person (UK GDPR article 17) while keeping the figures they contributed to.
 *   users.erased_at        the account was erased: its name and email are tombstones from then on
 *   erasures               a tenant table recording each erasure (who, when, which record), audited
 *   erase_audit_values()   SECURITY DEFINER: replaces the personal values (names, emails, job titles)
 *                          in earlier audit entries about one champion or invitation with "[erased]".
 *                          The app role still cannot update the audit trail in any other way: the
 *                          function acts only in the transaction's partnership, on named columns.
 *   invitations            may now be deleted, which only erasure does
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, auditTrigger, run, tenantRls } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`alter table users add column erased_at timestamptz`,

    sql`create table erasures (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      subject text not null check (subject in ('champion', 'member')),
      erased_record uuid not null,
      erased_by uuid references users (id) on delete set null,
      erased_at timestamptz not null default now(),
      primary key (partnership_id, id)
    )`,
    ...tenantRls("erasures"),
    auditTrigger("erasures", "partnership_id", ["id"]),
    sql`grant select, insert on erasures to ${sql.id(APP_ROLE)}`,

    sql`grant delete on invitations to ${sql.id(APP_ROLE)}`,

    sql`create function erased_json(j jsonb, fields text[]) returns jsonb
      language sql immutable set search_path = public as $$
        select case when j is null then null else (
          select coalesce(jsonb_object_agg(key, case when key = any (fields) and value <> 'null'::jsonb then to_jsonb('[erased]'::text) else value end), '{}'::jsonb)
          from jsonb_each(j)) end
      $$`,

    sql`create function erase_audit_values(p_table text, p_key jsonb) returns integer
      language plpgsql security definer set search_path = public as $$
    declare
      partnership uuid := nullif(current_setting('app.partnership_id', true), '')::uuid;
      fields text[];
      changed integer;
    begin
      if partnership is null then raise exception 'erase_audit_values needs app.partnership_id'; end if;
      if p_key is null or jsonb_typeof(p_key) <> 'object' or p_key = '{}'::jsonb then raise exception 'erase_audit_values needs a row key'; end if;
      fields := case p_table
        when 'champions' then array['name', 'email', 'job_title']
        when 'invitations' then array['email', 'name']
      end;
      if fields is null then raise exception 'erase_audit_values: % holds no personal values it may erase', p_table; end if;
      update audit_events e
        set old_values = erased_json(e.old_values, fields), new_values = erased_json(e.new_values, fields)
        where e.partnership_id = partnership and e.table_name = p_table and e.row_key @> p_key;
      get diagnostics changed = row_count;
      return changed;
    end $$`,
    sql`revoke all on function erase_audit_values(text, jsonb) from public`,
    sql`grant execute on function erase_audit_values(text, jsonb) to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`drop function if exists erase_audit_values(text, jsonb)`,
    sql`drop function if exists erased_json(jsonb, text[])`,
    sql`revoke delete on invitations from ${sql.id(APP_ROLE)}`,
    sql`drop table if exists erasures`,
    sql`alter table users drop column if exists erased_at`,
  ]);
}
