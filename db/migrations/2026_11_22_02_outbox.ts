/**
 * Email goes through an outbox: written in the same transaction as what caused it (an invitation,
 * a reminder), delivered over SMTP afterwards, or kept for the coordinator to read when no mail
 * server is configured. `dedupe_key` makes a reminder impossible to send twice.
 * Messages that belong to no partnership (password resets) go to the platform outbox, which only
 * the platform administrator can read. Neither is audited: they are a log of their own and hold
 * one-time links.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, run, tenantRls } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table outbox_messages (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      kind text not null check (length(kind) between 1 and 100),
      dedupe_key text,
      to_address text not null,
      subject text not null,
      body_text text not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'kept')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      primary key (partnership_id, id),
      unique (partnership_id, dedupe_key)
    )`,
    sql`create index outbox_messages_pending_idx on outbox_messages (partnership_id, created_at) where status = 'pending'`,
    ...tenantRls("outbox_messages"),

    sql`create table platform_outbox_messages (
      id uuid primary key default gen_random_uuid(),
      kind text not null check (length(kind) between 1 and 100),
      dedupe_key text unique,
      to_address text not null,
      subject text not null,
      body_text text not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'kept')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    )`,
    sql`alter table platform_outbox_messages enable row level security`,
    sql`alter table platform_outbox_messages force row level security`,
    // Anyone may cause a platform message (a password reset); only the platform side may read or update them.
    sql`create policy anyone_queues on platform_outbox_messages for insert with check (true)`,
    sql`create policy platform_reads on platform_outbox_messages for select using (current_setting('app.platform_admin', true) = 'on')`,
    sql`create policy platform_updates on platform_outbox_messages for update using (current_setting('app.platform_admin', true) = 'on')`,

    sql`grant select, insert, update on outbox_messages, platform_outbox_messages to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists outbox_messages, platform_outbox_messages`.execute(db);
}
