/**
 * "Ask to join" (issue 20): a partnership may open its public page to requests from organisations
 * that are not yet in it. A request holds what the organisation said and who to contact; nothing
 * of it is public and no account exists until the coordinator approves (which creates the
 * organisation as a prospect and invites the contact) or declines it with a reason. A tenant table
 * under the partnership's row level security; the public form writes it under that scope.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, run, tenantRls } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`alter table partnerships add column join_requests_open boolean not null default false`,
    sql`create table join_requests (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      organisation_name text not null check (length(organisation_name) between 1 and 200),
      sector text not null,
      borough_id uuid,
      contact_name text not null check (length(contact_name) between 1 and 200),
      contact_email text not null check (contact_email ~ '^[^@\\s]+@[^@\\s]+$' and length(contact_email) <= 254),
      message text check (length(message) <= 2000),
      status text not null default 'pending' check (status in ('pending', 'approved', 'declined')),
      decided_by uuid references users (id) on delete set null,
      decided_at timestamptz,
      decline_reason text check (length(decline_reason) <= 2000),
      organisation_id uuid,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, borough_id) references boroughs (partnership_id, id) on delete set null (borough_id),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete set null (organisation_id)
    )`,
    sql`create index join_requests_pending_idx on join_requests (partnership_id, created_at) where status = 'pending'`,
    ...tenantRls("join_requests"),
    sql`grant select, insert, update on join_requests to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists join_requests`.execute(db);
  await sql`alter table partnerships drop column if exists join_requests_open`.execute(db);
}
