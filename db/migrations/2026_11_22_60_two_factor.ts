/**
 * Two-factor sign-in and account changes that need proof (docs/decisions/0015-two-factor-sign-in.md).
 *   two_factor_credentials   one TOTP secret per account; `last_used_step` refuses a code used before
 *   two_factor_recovery_codes  single-use codes, each kept only as a salted SHA-256
 *   pending_sign_ins         a password that was right, waiting for its code: the browser holds a
 *                            random token in a cookie, the table only its SHA-256
 *   email_changes            a one-time link to a new address (ADR 12), only its hash kept
 *   sessions                 now say whether they passed a second factor, and when the person last
 *                            proved who they are (sign-in or re-authentication)
 * All belong to accounts, not partnerships: reference tables like users and sessions (ADR 9).
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`alter table sessions
      add column second_factor boolean not null default false,
      add column authenticated_at timestamptz not null default now()`,

    sql`create table two_factor_credentials (
      user_id uuid primary key references users (id) on delete cascade,
      -- 20 random bytes in base32, as authenticator apps take it
      secret text not null check (secret ~ '^[A-Z2-7]{32}$'),
      -- The demo accounts share a secret published in the README: see the ADR before trusting one.
      is_demo boolean not null default false,
      last_used_step bigint,
      created_at timestamptz not null default now()
    )`,

    sql`create table two_factor_recovery_codes (
      user_id uuid not null references users (id) on delete cascade,
      position smallint not null check (position between 1 and 20),
      salt text not null check (salt ~ '^[0-9a-f]{32}$'),
      code_hash text not null check (code_hash ~ '^[0-9a-f]{64}$'),
      used_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (user_id, position)
    )`,

    sql`create table pending_sign_ins (
      id text primary key check (id ~ '^[0-9a-f]{64}$'),
      user_id uuid not null references users (id) on delete cascade,
      redirect_to text check (length(redirect_to) <= 2000),
      failed_attempts integer not null default 0,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`,
    sql`create index pending_sign_ins_user_idx on pending_sign_ins (user_id)`,

    sql`create table email_changes (
      id uuid primary key default gen_random_uuid(),
      token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
      user_id uuid not null references users (id) on delete cascade,
      new_email text not null check (new_email ~ '^[^@\\s]+@[^@\\s]+$' and length(new_email) <= 254),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`,
    sql`create index email_changes_user_idx on email_changes (user_id, created_at desc)`,

    sql`grant select, insert, update, delete on two_factor_credentials, two_factor_recovery_codes, pending_sign_ins, email_changes
      to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`drop table if exists email_changes, pending_sign_ins, two_factor_recovery_codes, two_factor_credentials`,
    sql`alter table sessions drop column if exists second_factor, drop column if exists authenticated_at`,
  ]);
}
