/**
 * A champion who leaves while they are the communications contact stops being the contact (one
 * current contact at most), but the organisation must hear that the post is empty and who held it:
 * `left_as_contact` keeps that on their record. Frozen: change it in a new migration.
 */
import { sql, type Kysely } from "kysely";
import { run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [sql`alter table champions add column left_as_contact boolean not null default false`]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table champions drop column if exists left_as_contact`.execute(db);
}
