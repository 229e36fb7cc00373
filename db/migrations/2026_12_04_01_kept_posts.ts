/**
 * Form posts kept when the session had ended (guard.server.ts): what a person typed into a return
 * or any other form, so that after signing in again they can send it (routes/resume.tsx). The
 * browser holds a random token in an HttpOnly cookie; the table holds only its SHA-256, the path
 * the form was sent to, and the fields ({ fields: [[name, value]…], withheld: [label…] }), for two hours. Platform-wide like sessions: a Citus
 * reference table (ADR 0009).
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table kept_posts (
      id text primary key,
      path text not null,
      fields jsonb not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`,
    sql`create index kept_posts_expires_idx on kept_posts (expires_at)`,
    sql`grant select, insert, delete on kept_posts to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists kept_posts`.execute(db);
}
