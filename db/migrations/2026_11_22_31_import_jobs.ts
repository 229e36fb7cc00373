/**
 * Import jobs: one row per uploaded file, so a long upload can report progress to a page that polls
 * it, and a repeated post of the same upload (refresh, retry) is recognised by its id.
 * Not audited: the rows the import changes are, and progress ticks would drown the trail.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, run, tenantRls } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table import_jobs (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null,
      kind text not null check (length(kind) between 1 and 100),
      subject text not null default '' check (length(subject) <= 200),
      file_name text not null default '' check (length(file_name) <= 300),
      status text not null default 'checking' check (status in ('checking', 'applying', 'done', 'rejected', 'failed')),
      total_rows integer not null default 0,
      processed_rows integer not null default 0,
      report jsonb not null default '{}' check (jsonb_typeof(report) = 'object'),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (partnership_id, id)
    )`,
    sql`create index import_jobs_recent_idx on import_jobs (partnership_id, created_at desc)`,
    ...tenantRls("import_jobs"),
    sql`grant select, insert, update on import_jobs to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists import_jobs`.execute(db);
}
