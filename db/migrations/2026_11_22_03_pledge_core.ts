/**
 * The restorative pledge: versions of its text per partnership, organisations' signatures of a
 * version, and withdrawals. History is never overwritten: a published version and a submitted
 * signature cannot be changed (triggers refuse it), a renewal is a new signature.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, auditTrigger, run, tenantRls } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table pledge_versions (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      version integer check (version > 0),
      state text not null default 'draft' check (state in ('draft', 'published')),
      title text not null check (length(title) between 1 and 200),
      introduction text not null default '' check (length(introduction) <= 10000),
      commitments jsonb not null default '[]' check (jsonb_typeof(commitments) = 'array'),
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (partnership_id, id),
      unique (partnership_id, version),
      check ((state = 'published') = (version is not null and published_at is not null))
    )`,
    // At most one draft per partnership: the next edit after publishing starts it.
    sql`create unique index pledge_versions_one_draft on pledge_versions (partnership_id) where state = 'draft'`,

    sql`create table pledge_signatures (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      organisation_id uuid not null,
      pledge_version_id uuid not null,
      signed_on date not null,
      -- the last valid day: the day before the anniversary (1 March for a 29 February signature)
      expires_on date not null generated always as (
        case when extract(month from signed_on) = 2 and extract(day from signed_on) = 29
          then (signed_on + interval '1 year')::date
          else (signed_on + interval '1 year')::date - 1 end) stored,
      signatory_name text not null check (length(signatory_name) between 1 and 200),
      signatory_title text not null check (length(signatory_title) between 1 and 200),
      commitments integer[] not null default '{}',
      activity jsonb not null default '{}' check (jsonb_typeof(activity) = 'object'),
      submitted_by uuid references users (id) on delete set null,
      renews_signature_id uuid,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade,
      foreign key (partnership_id, pledge_version_id) references pledge_versions (partnership_id, id),
      foreign key (partnership_id, renews_signature_id) references pledge_signatures (partnership_id, id)
    )`,
    sql`create index pledge_signatures_org_idx on pledge_signatures (partnership_id, organisation_id, signed_on desc)`,

    sql`create table pledge_withdrawals (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      organisation_id uuid not null,
      withdrawn_on date not null,
      reason text not null check (length(reason) between 1 and 2000),
      recorded_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade
    )`,
    sql`create index pledge_withdrawals_org_idx on pledge_withdrawals (partnership_id, organisation_id, withdrawn_on desc)`,

    sql`create function refuse_history_change() returns trigger language plpgsql as $$
    begin
      if TG_TABLE_NAME = 'pledge_versions' then
        if OLD.state = 'draft' then
          return NEW; -- drafts are edited freely, and published once
        end if;
      end if;
      raise exception '% rows are history and cannot be changed', TG_TABLE_NAME using errcode = 'check_violation';
    end $$`,
    sql`create trigger pledge_versions_frozen before update on pledge_versions for each row execute function refuse_history_change()`,
    sql`create trigger pledge_signatures_frozen before update on pledge_signatures for each row execute function refuse_history_change()`,
    sql`create trigger pledge_withdrawals_frozen before update on pledge_withdrawals for each row execute function refuse_history_change()`,

    ...["pledge_versions", "pledge_signatures", "pledge_withdrawals"].flatMap(tenantRls),
    auditTrigger("pledge_versions", "partnership_id", ["id"]),
    auditTrigger("pledge_signatures", "partnership_id", ["id"]),
    auditTrigger("pledge_withdrawals", "partnership_id", ["id"]),
    sql`grant select, insert, update, delete on pledge_versions, pledge_signatures, pledge_withdrawals to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [sql`drop table if exists pledge_withdrawals, pledge_signatures, pledge_versions`, sql`drop function if exists refuse_history_change()`]);
}
