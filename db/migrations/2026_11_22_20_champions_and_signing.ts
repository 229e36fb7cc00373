/**
 * RJ champions of each organisation, and the answers an organisation admin is part-way through
 * before signing the pledge (kept on the server so question pages work without JavaScript and
 * nobody loses what they typed). A champion who leaves keeps their row with `left_on`.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, auditTrigger, run, tenantRls } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table champions (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      organisation_id uuid not null,
      name text not null check (length(name) between 1 and 200),
      email text not null check (email ~ '^[^@\\s]+@[^@\\s]+$' and length(email) <= 254),
      job_title text not null check (length(job_title) between 1 and 200),
      since date not null,
      training text not null check (training in ('none', 'awareness', 'facilitator', 'accredited')),
      accreditation_expires_on date,
      is_contact boolean not null default false,
      left_on date,
      user_id uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade,
      check ((training = 'accredited') = (accreditation_expires_on is not null)),
      check (left_on is null or left_on >= since),
      check (not (is_contact and left_on is not null))
    )`,
    sql`create index champions_org_idx on champions (partnership_id, organisation_id)`,
    // One communications single point of contact per organisation; one current record per person.
    sql`create unique index champions_one_contact on champions (partnership_id, organisation_id) where is_contact`,
    sql`create unique index champions_current_email on champions (partnership_id, organisation_id, lower(email)) where left_on is null`,

    sql`create table pledge_signing_drafts (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      organisation_id uuid not null,
      pledge_version_id uuid not null,
      signatory_name text check (length(signatory_name) <= 200),
      signatory_title text check (length(signatory_title) <= 200),
      commitments integer[],
      activity jsonb check (activity is null or jsonb_typeof(activity) = 'object'),
      renews_signature_id uuid,
      started_by uuid references users (id) on delete set null,
      revision integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (partnership_id, organisation_id),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade,
      foreign key (partnership_id, pledge_version_id) references pledge_versions (partnership_id, id) on delete cascade,
      foreign key (partnership_id, renews_signature_id) references pledge_signatures (partnership_id, id)
    )`,

    ...["champions", "pledge_signing_drafts"].flatMap(tenantRls),
    auditTrigger("champions", "partnership_id", ["id"]),
    auditTrigger("pledge_signing_drafts", "partnership_id", ["organisation_id"]),
    sql`grant select, insert, update, delete on champions, pledge_signing_drafts to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table if exists pledge_signing_drafts, champions`.execute(db);
}
