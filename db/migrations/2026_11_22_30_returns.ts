/**
 * Quarterly returns and the metric framework they report against.
 *   metrics               a partnership's metrics: key (stable, the CSV column), label, group, flow or stock
 *   metric_definitions    what a metric counts, versioned from a quarter ("counting rules")
 *   quarterly_returns     one per organisation per quarter: status, narrative, and `version` for optimistic locking
 *   return_values         the answers, one row per answered metric: a whole number or not applicable
 *                         (a blank is no row, never 0), stamped with the definition it was reported under
 *   return_versions       every state change of a return with a snapshot of what it held: history, never edited
 *   return_lock_exceptions  a coordinator reopening one organisation's locked quarter until a date
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, auditTrigger, run, tenantRls } from "./sql-helpers";

const QUARTER = sql.raw(`'^[0-9]{4}Q[1-4]$'`);
const TABLES = ["metrics", "metric_definitions", "quarterly_returns", "return_values", "return_versions", "return_lock_exceptions"];

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table metrics (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      key text not null check (key ~ '^[a-z][a-z0-9_]{1,47}$'),
      label text not null check (length(label) between 1 and 200),
      group_name text not null check (length(group_name) between 1 and 100),
      unit text not null default '' check (length(unit) <= 50),
      aggregation text not null check (aggregation in ('sum', 'last')),
      is_participant_count boolean not null default false,
      part_of_metric_id uuid,
      position integer not null,
      retired_from text check (retired_from ~ ${QUARTER}),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (partnership_id, id),
      unique (partnership_id, key),
      foreign key (partnership_id, part_of_metric_id) references metrics (partnership_id, id),
      check (part_of_metric_id is distinct from id)
    )`,

    sql`create table metric_definitions (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      metric_id uuid not null,
      version integer not null check (version > 0),
      valid_from text not null check (valid_from ~ ${QUARTER}),
      definition text not null check (length(definition) between 1 and 2000),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (partnership_id, metric_id, version),
      unique (partnership_id, metric_id, valid_from),
      foreign key (partnership_id, metric_id) references metrics (partnership_id, id) on delete cascade
    )`,

    sql`create table quarterly_returns (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      organisation_id uuid not null,
      quarter text not null check (quarter ~ ${QUARTER}),
      status text not null check (status in ('draft', 'submitted', 'accepted', 'returned', 'resubmitted')),
      version integer not null check (version > 0),
      highlights text check (length(highlights) <= 5000),
      barriers text check (length(barriers) <= 5000),
      support_needed text check (length(support_needed) <= 5000),
      case_study text check (length(case_study) <= 5000),
      first_submitted_at timestamptz,
      last_submitted_at timestamptz,
      reviewed_at timestamptz,
      reviewed_by uuid references users (id) on delete set null,
      return_reason text check (length(return_reason) between 1 and 2000),
      updated_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (partnership_id, organisation_id, quarter),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade,
      check ((status = 'returned') = (return_reason is not null)),
      check (status = 'draft' or first_submitted_at is not null)
    )`,
    sql`create index quarterly_returns_quarter_idx on quarterly_returns (partnership_id, quarter, status)`,

    sql`create table return_values (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      organisation_id uuid not null,
      quarter text not null,
      metric_id uuid not null,
      value integer check (value >= 0),
      not_applicable boolean not null default false,
      definition_version integer not null,
      updated_at timestamptz not null default now(),
      primary key (partnership_id, organisation_id, quarter, metric_id),
      foreign key (partnership_id, organisation_id, quarter) references quarterly_returns (partnership_id, organisation_id, quarter) on delete cascade,
      foreign key (partnership_id, metric_id, definition_version) references metric_definitions (partnership_id, metric_id, version),
      -- a row is an answer: a number, or not applicable; "not yet answered" is no row at all
      check ((value is null) = not_applicable)
    )`,
    sql`create index return_values_metric_idx on return_values (partnership_id, metric_id, quarter)`,

    sql`create table return_versions (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      organisation_id uuid not null,
      quarter text not null,
      version integer not null check (version > 0),
      kind text not null check (kind in ('saved', 'submitted', 'resubmitted', 'accepted', 'returned', 'corrected')),
      status text not null check (status in ('draft', 'submitted', 'accepted', 'returned', 'resubmitted')),
      snapshot jsonb not null check (jsonb_typeof(snapshot) = 'object'),
      reason text,
      actor_user_id uuid references users (id) on delete set null,
      at timestamptz not null default now(),
      primary key (partnership_id, organisation_id, quarter, version),
      foreign key (partnership_id, organisation_id, quarter) references quarterly_returns (partnership_id, organisation_id, quarter) on delete cascade
    )`,

    sql`create table return_lock_exceptions (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      organisation_id uuid not null,
      quarter text not null check (quarter ~ ${QUARTER}),
      open_until date not null,
      reason text check (length(reason) <= 2000),
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (partnership_id, organisation_id, quarter),
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade
    )`,

    // History is written once: a definition or a return version is never edited afterwards.
    sql`create function refuse_returns_history_change() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are history and cannot be changed', TG_TABLE_NAME using errcode = 'check_violation';
    end $$`,
    sql`create trigger metric_definitions_frozen before update on metric_definitions for each row execute function refuse_returns_history_change()`,
    sql`create trigger return_versions_frozen before update on return_versions for each row execute function refuse_returns_history_change()`,

    ...TABLES.flatMap(tenantRls),
    auditTrigger("metrics", "partnership_id", ["id"]),
    auditTrigger("metric_definitions", "partnership_id", ["metric_id", "version"]),
    auditTrigger("quarterly_returns", "partnership_id", ["organisation_id", "quarter"]),
    auditTrigger("return_values", "partnership_id", ["organisation_id", "quarter", "metric_id"]),
    auditTrigger("return_versions", "partnership_id", ["organisation_id", "quarter", "version"]),
    auditTrigger("return_lock_exceptions", "partnership_id", ["organisation_id", "quarter"]),
    sql`grant select, insert, update, delete on ${sql.join(TABLES.map((t) => sql.id(t)))} to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`drop table if exists return_lock_exceptions, return_versions, return_values, quarterly_returns, metric_definitions, metrics`,
    sql`drop function if exists refuse_returns_history_change()`,
  ]);
}
