/**
 * Roll-ups for the dashboards (issue 7), and the coordinator's restorative-borough criteria.
 *   metric_rollups        counted return figures summed per partnership × borough × sector × quarter × metric:
 *                         the total, how many organisations gave a number, how many said not applicable.
 *                         Kept exact in the transaction of every return change (app/modules/rollups/upkeep.server.ts)
 *                         and of every organisation move (the trigger below); rebuilt from scratch by
 *                         `npm run rollups:rebuild`. Stocks (`last`) keep one row per quarter, so "latest in range" works.
 *   restorative_criteria  what a borough must meet to be a restorative borough, per partnership; every criterion optional
 *
 * metric_rollups has no audit trigger: it is derived, every figure in it is audited where it is
 * entered (return_values), and auditing it would double the cost of every submission.
 * Frozen: change the schema in a new migration.
 */
import { sql, type Kysely } from "kysely";
import { APP_ROLE, auditTrigger, run, tenantRls } from "./sql-helpers";

const QUARTER = sql.raw(`'^[0-9]{4}Q[1-4]$'`);
/** County-wide organisations have no borough; their rows use the nil uuid so it can sit in the primary key. */
const COUNTY_WIDE = sql.raw(`'00000000-0000-0000-0000-000000000000'::uuid`);
/** The advisory lock class of a partnership's roll-ups: upkeep holds it shared, a rebuild exclusively. */
const LOCK_CLASS = sql.raw("7207");

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create table metric_rollups (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      quarter text not null check (quarter ~ ${QUARTER}),
      metric_id uuid not null,
      borough_key uuid not null,
      sector text not null,
      total bigint not null default 0,
      reporting integer not null default 0,
      not_applicable integer not null default 0,
      -- No checks on the counts: upkeep upserts signed differences, and PostgreSQL checks the row it
      -- would insert (which can be negative) before it finds the row to add it to.
      primary key (partnership_id, quarter, metric_id, borough_key, sector)
    )`,
    // The county dashboard reads by quarter range (the primary key); a borough's by borough then quarter.
    sql`create index metric_rollups_borough_idx on metric_rollups (partnership_id, borough_key, quarter)`,

    /*
     * An organisation that changes borough or sector takes its counted figures with it, whatever code
     * path moved it (a coordinator's form, a CSV import, a script). Which returns count is the rule of
     * app/modules/returns/status.ts (COUNTING_STATUSES), repeated here; the roll-up property test checks both agree.
     * One statement, rows in primary-key order, so two moves never lock the same rows in opposite orders.
     */
    sql`create function metric_rollups_follow_organisation() returns trigger language plpgsql as $$
    declare
      old_key uuid := coalesce(OLD.borough_id, ${COUNTY_WIDE});
      new_key uuid;
      new_sector text;
    begin
      if TG_OP = 'UPDATE' then
        new_key := coalesce(NEW.borough_id, ${COUNTY_WIDE});
        new_sector := NEW.sector;
        if new_key = old_key and new_sector = OLD.sector then
          return NEW;
        end if;
      elsif not exists (select 1 from partnerships where id = OLD.partnership_id) then
        return OLD; -- the whole partnership is going, and its roll-ups with it
      end if;
      perform pg_advisory_xact_lock_shared(${LOCK_CLASS}, hashtext(OLD.partnership_id::text));
      insert into metric_rollups as m (partnership_id, quarter, metric_id, borough_key, sector, total, reporting, not_applicable)
      select OLD.partnership_id, c.quarter, c.metric_id, d.borough_key, d.sector, d.sign * c.total, d.sign * c.reporting, d.sign * c.not_applicable
      from (
        select v.quarter, v.metric_id, coalesce(sum(v.value), 0) as total,
               count(v.value)::int as reporting, (count(*) filter (where v.not_applicable))::int as not_applicable
        from return_values v
        join quarterly_returns r on r.partnership_id = v.partnership_id and r.organisation_id = v.organisation_id and r.quarter = v.quarter
        where v.partnership_id = OLD.partnership_id and v.organisation_id = OLD.id
          and r.status in ('submitted', 'resubmitted', 'accepted')
        group by v.quarter, v.metric_id
      ) c
      cross join (
        select old_key as borough_key, OLD.sector as sector, -1 as sign
        union all
        select new_key, new_sector, 1 where new_sector is not null
      ) d
      order by c.quarter, c.metric_id, d.borough_key, d.sector
      on conflict (partnership_id, quarter, metric_id, borough_key, sector) do update
        set total = m.total + excluded.total,
            reporting = m.reporting + excluded.reporting,
            not_applicable = m.not_applicable + excluded.not_applicable;
      return case when TG_OP = 'UPDATE' then NEW else OLD end;
    end $$`,
    sql`create trigger metric_rollups_follow_organisation before update of borough_id, sector or delete on organisations
      for each row execute function metric_rollups_follow_organisation()`,

    sql`create table restorative_criteria (
      partnership_id uuid not null references partnerships (id) on delete cascade,
      all_statutory_signed boolean not null default true,
      min_signed integer check (min_signed between 1 and 100000),
      min_sectors integer check (min_sectors between 1 and 12),
      champion_for_every_signatory boolean not null default true,
      min_trained_champions integer check (min_trained_champions between 1 and 100000),
      min_return_percent integer check (min_return_percent between 1 and 100),
      return_quarters integer not null default 4 check (return_quarters between 1 and 8),
      no_action_off_track boolean not null default true,
      version integer not null default 1,
      updated_by uuid references users (id) on delete set null,
      updated_at timestamptz not null default now(),
      primary key (partnership_id)
    )`,

    ...["metric_rollups", "restorative_criteria"].flatMap(tenantRls),
    auditTrigger("restorative_criteria", "partnership_id", ["partnership_id"]),
    sql`grant select, insert, update, delete on metric_rollups, restorative_criteria to ${sql.id(APP_ROLE)}`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`drop trigger if exists metric_rollups_follow_organisation on organisations`,
    sql`drop function if exists metric_rollups_follow_organisation()`,
    sql`drop table if exists restorative_criteria, metric_rollups`,
  ]);
}
