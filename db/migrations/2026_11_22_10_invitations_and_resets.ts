/**
 * Invitations (a tenant table) and password resets (per account). Both hold only the SHA-256 of
 * the one-time token that goes out by email, so a leaked table opens nothing. An invitation is
 * found by its token before anyone knows its partnership: the `token_holder_reads` policy lets a
 * transaction that presents the token's hash (app.token_hash) read that one row and no other.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, auditTrigger, run, tenantRls } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table invitations (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
      email text not null check (email ~ '^[^@\\s]+@[^@\\s]+$' and length(email) <= 254),
      name text check (length(name) between 1 and 200),
      role text not null check (role in ('coordinator', 'board', 'org_admin', 'champion')),
      organisation_id uuid,
      borough_id uuid,
      context jsonb not null default '{}' check (jsonb_typeof(context) = 'object'),
      invited_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      accepted_by uuid references users (id) on delete set null,
      cancelled_at timestamptz,
      primary key (partnership_id, id),
      unique (partnership_id, token_hash),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade,
      foreign key (partnership_id, borough_id) references boroughs (partnership_id, id) on delete cascade,
      check ((role in ('org_admin', 'champion')) = (organisation_id is not null)),
      check (role = 'board' or borough_id is null),
      check (accepted_at is null or cancelled_at is null)
    )`,
    sql`create index invitations_token_idx on invitations (token_hash)`,
    sql`create index invitations_pending_idx on invitations (partnership_id, created_at desc) where accepted_at is null and cancelled_at is null`,
    ...tenantRls("invitations"),
    sql`create policy token_holder_reads on invitations for select
      using (token_hash = nullif(current_setting('app.token_hash', true), ''))`,
    auditTrigger("invitations", "partnership_id", ["id"]),
    // Never deleted: a cancelled or accepted invitation stays as the record of who was asked.
    sql`grant select, insert, update on invitations to ${sql.id(APP_ROLE)}`,

    sql`create table password_resets (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      user_id uuid not null references users (id) on delete cascade,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`,
    sql`create index password_resets_user_idx on password_resets (user_id, created_at desc)`,
    sql`grant select, insert, update, delete on password_resets to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists password_resets, invitations`.execute(db);
}
