/**
 * Partnerships (the tenants), boroughs, organisations, users, sessions, memberships and the
 * audit trail; the app role and row level security. Frozen: change the schema in a new migration.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, auditTrigger, currentPartnershipSql, ownRowsReadable, run, tenantRls } from "./sql-helpers";

const TENANT_TABLES = ["boroughs", "organisations", "partnership_members", "organisation_members", "audit_events"];

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`do $$ begin
      if not exists (select 1 from pg_roles where rolname = ${sql.lit(APP_ROLE)}) then
        create role ${sql.id(APP_ROLE)} nologin nosuperuser nobypassrls noinherit;
      end if;
      if not pg_has_role(current_user, ${sql.lit(APP_ROLE)}, 'member') then
        execute format('grant %I to %I', ${sql.lit(APP_ROLE)}, current_user);
      end if;
    end $$`,

    sql`create table partnerships (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$'),
      name text not null check (length(name) between 1 and 200),
      county text not null check (length(county) between 1 and 200),
      deadline_days integer not null default 30 check (deadline_days between 0 and 180),
      grace_days integer not null default 30 check (grace_days between 0 and 365),
      suppression_threshold integer not null default 5 check (suppression_threshold between 3 and 50),
      publish_register boolean not null default false,
      publish_figures boolean not null default false,
      is_demo boolean not null default false,
      created_at timestamptz not null default now()
    )`,

    sql`create table boroughs (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      ons_code text not null check (ons_code ~ '^[EWSN][0-9]{8}$'),
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      unique (partnership_id, ons_code),
      unique (partnership_id, name)
    )`,

    sql`create table organisations (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      name text not null check (length(name) between 1 and 200),
      sector text not null check (sector in ('police', 'local_authority', 'housing', 'education', 'health',
        'youth_justice', 'probation', 'prison', 'victim_services', 'voluntary_community', 'business', 'faith')),
      borough_id uuid,
      is_statutory boolean not null default false,
      website text,
      quality_mark text check (quality_mark in ('rsqm', 'rjc_registered')),
      quality_mark_expires_on date,
      withdrawn_at timestamptz,
      withdrawn_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, borough_id) references boroughs (partnership_id, id),
      check ((quality_mark is null) = (quality_mark_expires_on is null))
    )`,
    sql`create unique index organisations_name_key on organisations (partnership_id, lower(name))`,
    sql`create index organisations_borough_idx on organisations (partnership_id, borough_id)`,

    sql`create table users (
      id uuid primary key default gen_random_uuid(),
      email text not null check (email ~ '^[^@\\s]+@[^@\\s]+$' and length(email) <= 254),
      name text not null check (length(name) between 1 and 200),
      password_hash text,
      is_platform_admin boolean not null default false,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    )`,
    sql`create unique index users_email_key on users (lower(email))`,

    sql`create table sessions (
      id text primary key,
      user_id uuid not null references users (id) on delete cascade,
      expires_at timestamptz not null,
      created_at timestamptz not null default now()
    )`,
    sql`create index sessions_user_idx on sessions (user_id)`,

    // Failed sign-ins per account and per client address, shared by every app process.
    sql`create table login_throttle (
      key text primary key,
      failures integer not null default 0,
      window_started_at timestamptz not null default now(),
      locked_until timestamptz
    )`,

    sql`create table partnership_members (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in ('coordinator', 'board')),
      borough_id uuid,
      created_at timestamptz not null default now(),
      primary key (partnership_id, user_id, role),
      foreign key (partnership_id, borough_id) references boroughs (partnership_id, id) on delete cascade,
      check (role = 'board' or borough_id is null)
    )`,
    sql`create index partnership_members_user_idx on partnership_members (user_id)`,

    sql`create table organisation_members (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      organisation_id uuid not null,
      user_id uuid not null references users (id) on delete cascade,
      role text not null check (role in ('org_admin', 'champion')),
      created_at timestamptz not null default now(),
      primary key (partnership_id, organisation_id, user_id, role),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade
    )`,
    sql`create index organisation_members_user_idx on organisation_members (user_id)`,

    // Append-only: no foreign key to partnerships, so the trail outlives what it describes.
    sql`create table audit_events (
      partnership_id uuid not null,
      id bigint generated always as identity,
      at timestamptz not null default now(),
      actor_user_id uuid,
      table_name text not null,
      action text not null check (action in ('insert', 'update', 'delete')),
      row_key jsonb not null,
      old_values jsonb,
      new_values jsonb,
      primary key (partnership_id, id)
    )`,
    sql`create index audit_events_at_idx on audit_events (partnership_id, at desc)`,

    sql`create function audit_row_change() returns trigger
      language plpgsql security definer set search_path = public as $$
    declare
      old_j jsonb := case when TG_OP in ('UPDATE', 'DELETE') then to_jsonb(OLD) end;
      new_j jsonb := case when TG_OP in ('INSERT', 'UPDATE') then to_jsonb(NEW) end;
      row_j jsonb := coalesce(new_j, old_j);
      key_j jsonb := '{}';
      col text;
    begin
      if TG_OP = 'UPDATE' then
        -- keep only the values that changed, so the trail reads down to a single value
        select jsonb_object_agg(n.key, o.value), jsonb_object_agg(n.key, n.value)
          into old_j, new_j
          from jsonb_each(to_jsonb(NEW)) n join jsonb_each(to_jsonb(OLD)) o using (key)
          where n.value is distinct from o.value;
        if new_j is null then return null; end if;
      end if;
      foreach col in array TG_ARGV[1:] loop
        key_j := key_j || jsonb_build_object(col, row_j -> col);
      end loop;
      insert into audit_events (partnership_id, actor_user_id, table_name, action, row_key, old_values, new_values)
      values ((row_j ->> TG_ARGV[0])::uuid, nullif(current_setting('app.user_id', true), '')::uuid,
              TG_TABLE_NAME, lower(TG_OP), key_j, old_j, new_j);
      return null;
    end $$`,
    sql`revoke all on function audit_row_change() from public`,

    ...TENANT_TABLES.flatMap(tenantRls),
    ownRowsReadable("partnership_members"),
    ownRowsReadable("organisation_members"),

    // The tenants themselves: a directory anyone signed in may read; writes are scoped.
    sql`alter table partnerships enable row level security`,
    sql`alter table partnerships force row level security`,
    sql`create policy directory_readable on partnerships for select using (true)`,
    sql`create policy platform_admin_writes on partnerships for insert
      with check (current_setting('app.platform_admin', true) = 'on')`,
    sql`create policy own_partnership_updates on partnerships for update
      using (id = ${currentPartnershipSql} or current_setting('app.platform_admin', true) = 'on')`,
    sql`create policy platform_admin_deletes on partnerships for delete
      using (current_setting('app.platform_admin', true) = 'on')`,

    auditTrigger("partnerships", "id", ["id"]),
    auditTrigger("boroughs", "partnership_id", ["id"]),
    auditTrigger("organisations", "partnership_id", ["id"]),
    auditTrigger("partnership_members", "partnership_id", ["user_id", "role"]),
    auditTrigger("organisation_members", "partnership_id", ["organisation_id", "user_id", "role"]),

    sql`grant usage on schema public to ${sql.id(APP_ROLE)}`,
    sql`grant select, insert, update, delete on partnerships, boroughs, organisations, users, sessions,
      login_throttle, partnership_members, organisation_members to ${sql.id(APP_ROLE)}`,
    sql`grant select on audit_events to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`drop table if exists audit_events, organisation_members, partnership_members, login_throttle, sessions, users,
      organisations, boroughs, partnerships cascade`,
    sql`drop function if exists audit_row_change()`,
  ]);
}
