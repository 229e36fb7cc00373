/**
 * An email kept in the outbox says which invitation it carries, so an organisation's administrator
 * can read (and pass on) the invitations of their own organisation when no mail server is set up,
 * and nothing else in the partnership's outbox. Deleting the invitation (an erasure) keeps the
 * message and forgets the link to it.
 */
import { sql, type Kysely } from "kysely";
import { run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`alter table outbox_messages add column invitation_id uuid`,
    sql`alter table outbox_messages add constraint outbox_messages_invitation_fk
      foreign key (partnership_id, invitation_id) references invitations (partnership_id, id) on delete set null (invitation_id)`,
    sql`create index outbox_messages_invitation_idx on outbox_messages (partnership_id, invitation_id) where invitation_id is not null`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table outbox_messages drop column if exists invitation_id`.execute(db);
}
