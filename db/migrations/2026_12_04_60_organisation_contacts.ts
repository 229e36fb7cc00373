/**
 * An organisation's contact: the person a partnership's spreadsheet names for it, before anyone
 * there has an account. Invitations to administer the organisation go to the contact's email, and
 * so do reminders while the organisation has no account. The index serves the organisations list,
 * which pages by name in the database (14,000 organisations in one partnership at national scale).
 */
import { sql, type Kysely } from "kysely";
import { run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`alter table organisations add column contact_name text check (length(contact_name) between 1 and 200)`,
    sql`alter table organisations add column contact_email text check (length(contact_email) between 3 and 320)`,
    sql`create index organisations_list_name_idx on organisations (partnership_id, lower(name), id)`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`drop index if exists organisations_list_name_idx`,
    sql`alter table organisations drop column if exists contact_email`,
    sql`alter table organisations drop column if exists contact_name`,
  ]);
}
