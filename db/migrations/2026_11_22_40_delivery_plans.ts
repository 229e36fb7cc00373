/**
 * The delivery plan: themes (Appendix A of the county strategy, renameable), one plan per
 * partnership per financial year, actions with supporters, boroughs and milestones, quarterly
 * updates, and reviews that freeze a snapshot for the board. Frozen: change it in a new migration.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, auditTrigger, run, tenantRls } from "./sql-helpers";

const TABLES = [
  "plan_themes",
  "delivery_plans",
  "plan_actions",
  "plan_action_supporters",
  "plan_action_boroughs",
  "plan_milestones",
  "plan_action_updates",
  "plan_reviews",
  "plan_review_summaries",
];

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table plan_themes (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      key text not null check (key in ('communication', 'quality', 'sustainability', 'information_sharing', 'innovation', 'partnership_working')),
      name text not null check (length(name) between 1 and 120),
      position integer not null check (position between 1 and 6),
      primary key (partnership_id, id),
      unique (partnership_id, key),
      unique (partnership_id, position)
    )`,

    sql`create table delivery_plans (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      financial_year integer not null check (financial_year between 2000 and 2100),
      carried_from_plan_id uuid,
      created_by uuid references users (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      unique (partnership_id, financial_year),
      foreign key (partnership_id, carried_from_plan_id) references delivery_plans (partnership_id, id)
    )`,

    sql`create table plan_actions (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      plan_id uuid not null,
      theme_id uuid not null,
      reference text not null check (reference ~ '^[1-6]\\.[0-9]{1,3}$'),
      title text not null check (length(title) between 1 and 200),
      description text check (length(description) <= 4000),
      lead_organisation_id uuid not null,
      whole_partnership boolean not null default true,
      start_on date not null,
      due_on date not null,
      success_measure text check (length(success_measure) <= 1000),
      weight integer not null default 1 check (weight between 1 and 10),
      starting_progress integer not null default 0 check (starting_progress between 0 and 100),
      carried_from_action_id uuid,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (partnership_id, id),
      unique (partnership_id, plan_id, reference),
      foreign key (partnership_id, plan_id) references delivery_plans (partnership_id, id) on delete cascade,
      foreign key (partnership_id, theme_id) references plan_themes (partnership_id, id),
      foreign key (partnership_id, lead_organisation_id) references organisations (partnership_id, id),
      foreign key (partnership_id, carried_from_action_id) references plan_actions (partnership_id, id),
      check (start_on <= due_on)
    )`,
    sql`create index plan_actions_plan_idx on plan_actions (partnership_id, plan_id)`,
    sql`create index plan_actions_lead_idx on plan_actions (partnership_id, lead_organisation_id)`,

    sql`create table plan_action_supporters (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      action_id uuid not null,
      organisation_id uuid not null,
      primary key (partnership_id, action_id, organisation_id),
      foreign key (partnership_id, action_id) references plan_actions (partnership_id, id) on delete cascade,
      foreign key (partnership_id, organisation_id) references organisations (partnership_id, id) on delete cascade
    )`,
    sql`create index plan_action_supporters_org_idx on plan_action_supporters (partnership_id, organisation_id)`,

    sql`create table plan_action_boroughs (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      action_id uuid not null,
      borough_id uuid not null,
      primary key (partnership_id, action_id, borough_id),
      foreign key (partnership_id, action_id) references plan_actions (partnership_id, id) on delete cascade,
      foreign key (partnership_id, borough_id) references boroughs (partnership_id, id) on delete cascade
    )`,

    sql`create table plan_milestones (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      action_id uuid not null,
      title text not null check (length(title) between 1 and 200),
      due_on date not null,
      done_on date,
      created_at timestamptz not null default now(),
      primary key (partnership_id, id),
      foreign key (partnership_id, action_id) references plan_actions (partnership_id, id) on delete cascade
    )`,
    sql`create index plan_milestones_action_idx on plan_milestones (partnership_id, action_id)`,

    // One update per action per quarter; revising it overwrites, and the audit trail keeps the earlier text.
    sql`create table plan_action_updates (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      action_id uuid not null,
      quarter text not null check (quarter ~ '^[0-9]{4}Q[1-4]$'),
      status text not null check (status in ('not_started', 'on_track', 'at_risk', 'off_track', 'complete', 'dropped')),
      progress integer check (progress between 0 and 100),
      commentary text check (length(commentary) <= 4000),
      recorded_by uuid references users (id) on delete set null,
      recorded_at timestamptz not null default now(),
      primary key (partnership_id, id),
      unique (partnership_id, action_id, quarter),
      foreign key (partnership_id, action_id) references plan_actions (partnership_id, id) on delete cascade
    )`,

    sql`create table plan_reviews (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      id uuid not null default gen_random_uuid(),
      plan_id uuid not null,
      kind text not null check (kind in ('mid_year', 'end_year')),
      quarter text not null check (quarter ~ '^[0-9]{4}Q[24]$'),
      snapshot jsonb not null check (jsonb_typeof(snapshot -> 'version') = 'number'),
      summary text check (length(summary) <= 8000),
      version integer not null default 1,
      opened_by uuid references users (id) on delete set null,
      opened_at timestamptz not null default now(),
      primary key (partnership_id, id),
      unique (partnership_id, plan_id, kind),
      foreign key (partnership_id, plan_id) references delivery_plans (partnership_id, id) on delete cascade
    )`,
    // The board reviewed what was frozen: the database refuses to change it, whatever the code does.
    sql`create function plan_review_snapshot_frozen() returns trigger language plpgsql as $$
    begin
      if new.snapshot is distinct from old.snapshot or new.quarter is distinct from old.quarter
         or new.kind is distinct from old.kind or new.plan_id is distinct from old.plan_id then
        raise exception 'a review''s snapshot is frozen once opened' using errcode = 'integrity_constraint_violation';
      end if;
      return new;
    end $$`,
    sql`create trigger snapshot_frozen before update on plan_reviews for each row execute function plan_review_snapshot_frozen()`,

    sql`create table plan_review_summaries (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      review_id uuid not null,
      theme_id uuid not null,
      summary text not null check (length(summary) <= 8000),
      primary key (partnership_id, review_id, theme_id),
      foreign key (partnership_id, review_id) references plan_reviews (partnership_id, id) on delete cascade,
      foreign key (partnership_id, theme_id) references plan_themes (partnership_id, id)
    )`,

    ...TABLES.flatMap(tenantRls),
    auditTrigger("plan_themes", "partnership_id", ["id"]),
    auditTrigger("delivery_plans", "partnership_id", ["id"]),
    auditTrigger("plan_actions", "partnership_id", ["id"]),
    auditTrigger("plan_action_supporters", "partnership_id", ["action_id", "organisation_id"]),
    auditTrigger("plan_action_boroughs", "partnership_id", ["action_id", "borough_id"]),
    auditTrigger("plan_milestones", "partnership_id", ["id"]),
    auditTrigger("plan_action_updates", "partnership_id", ["id"]),
    auditTrigger("plan_reviews", "partnership_id", ["id"]),
    auditTrigger("plan_review_summaries", "partnership_id", ["review_id", "theme_id"]),
    sql`grant select, insert, update, delete on ${sql.join(TABLES.map((t) => sql.id(t)))} to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [sql`drop table if exists ${sql.join([...TABLES].reverse().map((t) => sql.id(t)))} cascade`, sql`drop function if exists plan_review_snapshot_frozen()`]);
}
