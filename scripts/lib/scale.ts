/**
 * Synthetic national-scale data: every police force area of England and Wales as a partnership,
 * boroughs, organisations, pledge histories with renewals and lapses, champions, the metric
 * framework, years of quarterly returns and values, and delivery plans with quarterly updates.
 * Rows are made inside PostgreSQL with set-based INSERT … SELECT (no row crosses the network), with
 * triggers off for the load (session_replication_role = replica, so it needs a superuser): the audit
 * trail records people's changes, not a synthetic load. Deterministic for a given seed.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/types";
import { DEFAULT_METRICS, FRAMEWORK_START } from "../../db/metric-defaults";
import { THEMES } from "../../app/modules/delivery/themes";
import { buildMetricRollupsInBulk } from "../../app/modules/rollups/rebuild.server";
import { quarterOf, previousQuarter, type Quarter } from "../../app/modules/reporting/periods";

export interface ScaleOptions {
  partnerships: number;
  boroughs: number;
  organisations: number;
  quarters: number;
  /** The day the data is laid out backwards from. */
  today: string;
  seed?: number;
  log?: (line: string) => void;
}

export const NATIONAL: Omit<ScaleOptions, "today"> = { partnerships: 43, boroughs: 300, organisations: 100_000, quarters: 40 };

/** The 43 territorial police force areas, with rough weights for how many organisations each has. */
const AREAS: Array<[string, number]> = [
  ["Metropolitan", 14],
  ["West Midlands", 5],
  ["Greater Manchester", 5],
  ["West Yorkshire", 4.2],
  ["Thames Valley", 4],
  ["Kent", 3.1],
  ["Hampshire and Isle of Wight", 3.3],
  ["Lancashire", 2.5],
  ["Merseyside", 2.4],
  ["Essex", 3],
  ["South Yorkshire", 2.4],
  ["Avon and Somerset", 3],
  ["Devon and Cornwall", 3],
  ["Sussex", 2.8],
  ["Northumbria", 2.5],
  ["West Mercia", 2.2],
  ["Surrey", 2],
  ["Hertfordshire", 2],
  ["Nottinghamshire", 2],
  ["Staffordshire", 1.9],
  ["Leicestershire", 1.8],
  ["South Wales", 2.3],
  ["Humberside", 1.6],
  ["Derbyshire", 1.7],
  ["Cheshire", 1.8],
  ["Norfolk", 1.6],
  ["Lincolnshire", 1.3],
  ["Cambridgeshire", 1.5],
  ["North Yorkshire", 1.4],
  ["Suffolk", 1.3],
  ["Northamptonshire", 1.3],
  ["Wiltshire", 1.3],
  ["Gloucestershire", 1.1],
  ["Dorset", 1.3],
  ["Durham", 1],
  ["Bedfordshire", 1.2],
  ["North Wales", 1.2],
  ["Dyfed-Powys", 0.9],
  ["Gwent", 1],
  ["Warwickshire", 1],
  ["Cleveland", 1],
  ["Cumbria", 0.9],
  ["City of London", 0.2],
];

const slugOf = (name: string) =>
  `nat-${name
    .toLowerCase()
    .replace(/[^a-z]+/g, "-")
    .replace(/-$/, "")}`;

/** Splits `total` over weights so every part gets at least `min` and the parts add up exactly. */
export function apportion(total: number, weights: number[], min = 1): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => Math.max(min, Math.floor((total * w) / sum)));
  let diff = total - raw.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % raw.length) {
    if (diff > 0) {
      raw[i]++;
      diff--;
    } else if (raw[i] > min) {
      raw[i]--;
      diff++;
    }
  }
  return raw;
}

export function scaleQuarters(options: Pick<ScaleOptions, "quarters" | "today">): Quarter[] {
  // The last complete quarter and the ones before it.
  let q = previousQuarter(quarterOf(options.today));
  const list: Quarter[] = [];
  for (let i = 0; i < options.quarters; i++, q = previousQuarter(q)) list.unshift(q);
  return list;
}

async function timed(log: (line: string) => void, what: string, work: () => Promise<number>) {
  const started = performance.now();
  const rows = await work();
  const seconds = (performance.now() - started) / 1000;
  log(
    `${what.padEnd(28)} ${String(rows).padStart(11)} rows  ${seconds.toFixed(1).padStart(6)} s  ${Math.round(rows / Math.max(seconds, 0.001))
      .toLocaleString("en-GB")
      .padStart(10)} rows/s`,
  );
  return rows;
}

const count = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0);

/** Fills the database the handle points at (already migrated). Returns the partnerships' slugs, largest first. */
export async function generateScaleData(db: Kysely<Database>, options: ScaleOptions): Promise<{ slugs: string[]; rows: number }> {
  const log = options.log ?? (() => {});
  const areas = Array.from({ length: options.partnerships }, (_, i) => {
    const [name, weight] = AREAS[i % AREAS.length];
    const round = Math.floor(i / AREAS.length);
    return { name: round ? `${name} ${round + 1}` : name, weight };
  });
  const organisationsPer = apportion(
    options.organisations,
    areas.map((a) => a.weight),
    1,
  );
  const boroughsPer = apportion(
    options.boroughs,
    areas.map((a) => a.weight),
    1,
  );
  const quarters = scaleQuarters(options);
  const firstQuarterStart = quarters[0].start;
  let total = 0;

  await db.connection().execute(async (conn) => {
    await sql`set session_replication_role = replica`.execute(conn);
    await sql`set statement_timeout = 0`.execute(conn);
    // Room for the one-pass roll-up build's joins and grouping to stay in memory rather than spill.
    await sql`set work_mem = '1GB'`.execute(conn);
    await sql`select set_config('app.platform_admin', 'on', false), setseed(${((options.seed ?? 42) % 1000) / 1000})`.execute(conn);

    total += await timed(log, "partnerships", async () =>
      count(
        await sql`insert into partnerships (slug, name, county, publish_register, publish_figures)
          select s, n || ' Restorative Justice Partnership', n, true, true
          from unnest(${areas.map((a) => slugOf(a.name))}::text[], ${areas.map((a) => a.name)}::text[]) as t(s, n)`.execute(conn),
      ),
    );
    const slugs = areas.map((a) => slugOf(a.name));

    total += await timed(log, "boroughs", async () =>
      count(
        await sql`insert into boroughs (partnership_id, name, ons_code)
          select p.id, p.county || ' borough ' || g, 'E' || lpad((t.ord * 1000 + g)::text, 8, '0')
          from unnest(${slugs}::text[], ${boroughsPer}::int[]) with ordinality as t(slug, n, ord)
          join partnerships p on p.slug = t.slug, generate_series(1, t.n) g`.execute(conn),
      ),
    );

    // Sectors weighted as a partnership's members are: many schools and community groups, few prisons.
    const sectorPool = [
      "police",
      "local_authority",
      "local_authority",
      "housing",
      "housing",
      "housing",
      "education",
      "education",
      "education",
      "education",
      "health",
      "health",
      "youth_justice",
      "probation",
      "prison",
      "victim_services",
      "voluntary_community",
      "voluntary_community",
      "voluntary_community",
      "voluntary_community",
      "business",
      "business",
      "faith",
      "faith",
    ];
    const prefixes = ["Riverside", "Northgate", "Eastfield", "Westbrook", "Southmead", "Hillcrest", "Oakwood", "Meadowbank", "Castleview", "Harbourside", "Moorland", "Kingsway"];
    total += await timed(log, "organisations", async () =>
      count(
        await sql`with b as (select partnership_id, array_agg(id order by name) ids from boroughs group by partnership_id),
          o as (select p.id pid, g, ${sql.val(sectorPool)}::text[] as sectors, ${sql.val(prefixes)}::text[] as prefixes, random() r1, random() r2, random() r3
                from unnest(${slugs}::text[], ${organisationsPer}::int[]) as t(slug, n) join partnerships p on p.slug = t.slug, generate_series(1, t.n) g)
          insert into organisations (partnership_id, name, sector, borough_id, is_statutory)
          select o.pid,
                 prefixes[1 + floor(r2 * array_length(prefixes, 1))::int] || ' ' || initcap(replace(sectors[1 + floor(r1 * array_length(sectors, 1))::int], '_', ' ')) || ' ' || g,
                 sectors[1 + floor(r1 * array_length(sectors, 1))::int],
                 case when r3 < 0.08 then null else b.ids[1 + floor(random() * array_length(b.ids, 1))::int] end,
                 sectors[1 + floor(r1 * array_length(sectors, 1))::int] in ('police', 'local_authority', 'youth_justice', 'probation', 'health') and r2 < 0.5
          from o join b on b.partnership_id = o.pid`.execute(conn),
      ),
    );

    total += await timed(log, "pledge versions", async () =>
      count(
        await sql`insert into pledge_versions (partnership_id, version, state, title, introduction, commitments, published_at)
          select id, 1, 'published', 'The ' || county || ' Restorative Pledge', 'We commit to make restorative justice a golden thread through everything we do.',
                 '["Embed restorative justice in policy and practice.","Create referral pathways, and never pressure anyone to take part.","Name and empower RJ champions.","Report our activity each quarter."]'::jsonb,
                 ${firstQuarterStart}::date - 30
          from partnerships where slug like 'nat-%'`.execute(conn),
      ),
    );

    // Most organisations sign at some point, earlier ones more often; each renews yearly, a few let it lapse.
    await sql`create temporary table scale_members as
      select o.partnership_id, o.id, (${options.today}::date - (sqrt(random()) * (${options.today}::date - ${firstQuarterStart}::date))::int) as joined, random() as keeps
      from organisations o join partnerships p on p.id = o.partnership_id and p.slug like 'nat-%' where random() < 0.8`.execute(conn);
    total += await timed(log, "pledge signatures", async () =>
      count(
        await sql`insert into pledge_signatures (partnership_id, organisation_id, pledge_version_id, signed_on, signatory_name, signatory_title, commitments, activity)
          select m.partnership_id, m.id, v.id, (m.joined + make_interval(years => k))::date, 'Signatory ' || left(m.id::text, 8), 'Chief Executive', '{1,2,3,4}', '{}'
          from scale_members m join pledge_versions v on v.partnership_id = m.partnership_id, generate_series(0, 40) k
          where m.joined + make_interval(years => k) <= ${options.today}::date and (m.keeps > 0.12 or k <= floor(m.keeps * 30))`.execute(conn),
      ),
    );

    total += await timed(log, "champions", async () =>
      count(
        await sql`insert into champions (partnership_id, organisation_id, name, email, job_title, since, training, accreditation_expires_on, is_contact)
          select m.partnership_id, m.id, 'Champion ' || n || ' ' || left(m.id::text, 6), 'champion' || n || '.' || left(m.id::text, 8) || '@example.org', 'RJ lead',
                 m.joined, t.training, case when t.training = 'accredited' then ${options.today}::date + (random() * 700)::int - 100 end, n = 1
          from scale_members m, generate_series(1, 2) n,
               lateral (select (array['none','awareness','awareness','facilitator','accredited'])[1 + floor(random() * 5)::int] as training) t
          where n = 1 or m.keeps > 0.5`.execute(conn),
      ),
    );

    total += await timed(log, "metrics and definitions", async () => {
      const keys = DEFAULT_METRICS.map((m) => m.key);
      const metrics = await sql`insert into metrics (partnership_id, key, label, group_name, unit, aggregation, is_participant_count, position)
        select p.id, m.key, m.label, m.grp, m.unit, m.agg, m.pc, m.pos
        from partnerships p, unnest(${keys}::text[], ${DEFAULT_METRICS.map((m) => m.label)}::text[], ${DEFAULT_METRICS.map((m) => m.group)}::text[],
             ${DEFAULT_METRICS.map((m) => m.unit)}::text[], ${DEFAULT_METRICS.map((m) => m.aggregation)}::text[], ${DEFAULT_METRICS.map((m) => m.participantCount)}::boolean[])
             with ordinality as m(key, label, grp, unit, agg, pc, pos)
        where p.slug like 'nat-%'`.execute(conn);
      await sql`update metrics c set part_of_metric_id = w.id
        from metrics w, unnest(${DEFAULT_METRICS.filter((m) => m.partOf).map((m) => m.key)}::text[], ${DEFAULT_METRICS.filter((m) => m.partOf).map((m) => m.partOf!)}::text[]) as po(part, whole)
        where c.key = po.part and w.key = po.whole and w.partnership_id = c.partnership_id`.execute(conn);
      const definitions = await sql`insert into metric_definitions (partnership_id, metric_id, version, valid_from, definition)
        select m.partnership_id, m.id, 1, ${FRAMEWORK_START}, d.definition
        from metrics m join partnerships p on p.id = m.partnership_id and p.slug like 'nat-%'
        join unnest(${keys}::text[], ${DEFAULT_METRICS.map((m) => m.definition)}::text[]) as d(key, definition) on d.key = m.key`.execute(conn);
      return count(metrics) + count(definitions);
    });

    // One return per member organisation per quarter after it joined, most of them on time.
    const quarterKeys = quarters.map((q) => q.key);
    const recent = quarters.slice(-2).map((q) => q.key);
    total += await timed(log, "quarterly returns", async () =>
      count(
        await sql`insert into quarterly_returns (partnership_id, organisation_id, quarter, status, version, highlights, first_submitted_at, last_submitted_at)
          select m.partnership_id, m.id, q.key, case when q.key = any(${recent}::text[]) and random() < 0.5 then 'submitted' else 'accepted' end, 1,
                 'Synthetic return', q.end_on + (random() * 45)::int, q.end_on + (random() * 45)::int
          from scale_members m, unnest(${quarterKeys}::text[], ${quarters.map((q) => q.start)}::date[], ${quarters.map((q) => q.end)}::date[]) as q(key, start_on, end_on)
          where m.joined <= q.end_on and random() < 0.9`.execute(conn),
      ),
    );

    // Each organisation has a size; flows vary quarter to quarter around it, stocks stay near it.
    total += await timed(log, "return values", async () =>
      count(
        await sql`insert into return_values (partnership_id, organisation_id, quarter, metric_id, value, not_applicable, definition_version)
          select r.partnership_id, r.organisation_id, r.quarter, m.id,
                 case when x.na then null when m.aggregation = 'last' then floor(s.size * 0.6 + random() * 2)::int
                      else floor(s.size * (case when m.part_of_metric_id is null then 1.0 else 0.4 end) * (0.3 + random() * 1.4))::int end,
                 x.na, 1
          from quarterly_returns r
          join partnerships p on p.id = r.partnership_id and p.slug like 'nat-%'
          join lateral (select 1 + (abs(hashtext(r.organisation_id::text)) % 12) as size) s on true
          join metrics m on m.partnership_id = r.partnership_id
          cross join lateral (select random() < 0.05 as na, random() < 0.93 as answered) x
          where x.answered`.execute(conn),
      ),
    );

    total += await timed(log, "return versions", async () =>
      count(
        await sql`insert into return_versions (partnership_id, organisation_id, quarter, version, kind, status, snapshot, at)
          select r.partnership_id, r.organisation_id, r.quarter, 1, 'submitted', r.status,
                 '{"values":{},"definitions":{},"narrative":{"highlights":"Synthetic return","barriers":null,"support_needed":null,"case_study":null}}'::jsonb,
                 coalesce(r.last_submitted_at, now())
          from quarterly_returns r join partnerships p on p.id = r.partnership_id and p.slug like 'nat-%'`.execute(conn),
      ),
    );

    total += await timed(log, "delivery plans", async () => {
      const themes = await sql`insert into plan_themes (partnership_id, key, name, position)
        select p.id, t.key, t.name, t.pos from partnerships p, unnest(${THEMES.map((t) => t.key)}::text[], ${THEMES.map((t) => t.label)}::text[]) with ordinality t(key, name, pos)
        where p.slug like 'nat-%'`.execute(conn);
      const years = [...new Set(quarters.map((q) => q.year))];
      const plans = await sql`insert into delivery_plans (partnership_id, financial_year)
        select p.id, y from partnerships p, unnest(${years}::int[]) y where p.slug like 'nat-%'`.execute(conn);
      const actions = await sql`with sizes as (select partnership_id, count(*) as orgs from organisations group by partnership_id)
        insert into plan_actions (partnership_id, plan_id, theme_id, reference, title, lead_organisation_id, start_on, due_on, weight)
        select dp.partnership_id, dp.id, th.id, th.position || '.' || n, th.name || ': action ' || n,
               (select o.id from organisations o where o.partnership_id = dp.partnership_id order by o.id offset (n * 37 + dp.financial_year) % least(50, sizes.orgs) limit 1),
               make_date(dp.financial_year, 4, 1), make_date(dp.financial_year + 1, 3, 1) - (n * 20), 1 + n % 3
        from delivery_plans dp join plan_themes th on th.partnership_id = dp.partnership_id join sizes on sizes.partnership_id = dp.partnership_id, generate_series(1, 3) n
        where dp.partnership_id in (select id from partnerships where slug like 'nat-%')`.execute(conn);
      const milestones = await sql`insert into plan_milestones (partnership_id, action_id, title, due_on, done_on)
        select a.partnership_id, a.id, 'Milestone ' || k, a.start_on + k * 90, case when a.start_on + k * 90 < ${options.today}::date and random() < 0.8 then a.start_on + k * 90 end
        from plan_actions a join partnerships p on p.id = a.partnership_id and p.slug like 'nat-%', generate_series(1, 3) k`.execute(conn);
      const updates = await sql`insert into plan_action_updates (partnership_id, action_id, quarter, status, progress, commentary)
        select a.partnership_id, a.id, dp.financial_year || 'Q' || k,
               (array['on_track','on_track','on_track','at_risk','off_track','complete'])[1 + floor(random() * 6)::int], least(100, k * 25), 'Quarterly update'
        from plan_actions a join delivery_plans dp on dp.partnership_id = a.partnership_id and dp.id = a.plan_id
        join partnerships p on p.id = a.partnership_id and p.slug like 'nat-%', generate_series(1, 4) k
        where (dp.financial_year || 'Q' || k) <= ${quarters.at(-1)!.key}`.execute(conn);
      return count(themes) + count(plans) + count(actions) + count(milestones) + count(updates);
    });

    await sql`drop table scale_members`.execute(conn);
    await sql`set session_replication_role = origin`.execute(conn);

    // The dashboards' summary, made as `npm run rollups:rebuild` makes it, for every partnership in one pass.
    total += await timed(log, "metric roll-ups", async () => {
      const partnerships = await conn.selectFrom("partnerships").select("id").where("slug", "like", "nat-%").execute();
      return (
        await buildMetricRollupsInBulk(
          conn,
          partnerships.map((p) => p.id),
        )
      ).rows;
    });
  });

  const started = performance.now();
  await sql`analyze`.execute(db);
  log(`${"analyze".padEnd(28)} ${"".padStart(11)}       ${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s`);
  const slugs = areas
    .map((a, i) => ({ slug: slugOf(a.name), n: organisationsPer[i] }))
    .sort((a, b) => b.n - a.n)
    .map((a) => a.slug);
  return { slugs, rows: total };
}
