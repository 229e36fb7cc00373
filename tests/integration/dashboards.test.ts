/**
 * Dashboards against the demo on real PostgreSQL: they read the roll-ups in a fixed handful of
 * queries (never the raw return values, never a query per borough or organisation); their
 * activity figures equal a fresh aggregation of the raw values under a sector filter; every chart
 * holds its table's numbers; an empty partnership says what happens next; the coordinator's
 * restorative-borough criteria are saved against the version they were read at.
 */
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { MetricAggregation, Partnership } from "../../db/types";
import { boroughDashboard } from "~/modules/dashboards/borough.server";
import { countyDashboard } from "~/modules/dashboards/county.server";
import type { Dashboard } from "~/modules/dashboards/dashboard";
import { parseFilters } from "~/modules/dashboards/filters";
import { organisationDashboard } from "~/modules/dashboards/organisation.server";
import { loadCriteria, saveCriteria } from "~/modules/dashboards/restorative.server";
import { createDefaultMetrics } from "~/modules/returns/metrics.server";
import { aggregateRange } from "~/modules/returns/aggregation";
import { countsForFigures } from "~/modules/returns/status";
import { NOT_APPLICABLE, type MetricValue } from "~/modules/returns/values";
import { saveReturnForm } from "~/modules/returns/workflow.server";
import { previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { now, today } from "~/modules/platform/clock.server";
import { findOrganisation } from "~/modules/tenancy/organisations.server";
import { withPartnership, type Tx } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";
import { reloadConfig } from "~/modules/platform/config.server";

const db = useTestDatabase("demo");
const TODAY = today();

let cleveland: Partnership;
let coordinator = "";

beforeAll(async () => {
  const owner = db().handles.owner;
  const id = await partnershipId(owner, "cleveland");
  cleveland = (await owner.selectFrom("partnerships").selectAll().where("id", "=", id).executeTakeFirstOrThrow()) as Partnership;
  coordinator = await userId(owner, "coordinator@cleveland.demo.test");
});

/** Names the tables each query reads, from Kysely's query tree (builder queries and raw SQL alike). */
class QueryRecorder implements KyselyPlugin {
  queries: Array<Set<string>> = [];
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const tables = new Set<string>();
    const walk = (n: unknown) => {
      if (!n || typeof n !== "object") return;
      const o = n as Record<string, unknown> & { kind?: string };
      if (o.kind === "TableNode") tables.add(((o.table as { identifier: { name: string } }).identifier ?? { name: "" }).name);
      if (o.kind === "RawNode") for (const f of o.sqlFragments as string[]) for (const m of f.matchAll(/\b(?:from|join)\s+([a-z_]+)/gi)) tables.add(m[1]);
      for (const v of Object.values(o)) (Array.isArray(v) ? v : [v]).forEach(walk);
    };
    walk(node);
    this.queries.push(tables);
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

async function recorded<T>(work: (tx: Tx) => Promise<T>) {
  const recorder = new QueryRecorder();
  const result = await withPartnership(cleveland.id, coordinator, work, { db: db().handles.app.withPlugin(recorder) });
  return { result, queries: recorder.queries };
}

const county =
  (search = "") =>
  (tx: Tx) => {
    const { filters, problems } = parseFilters(new URLSearchParams(search), TODAY);
    return countyDashboard(tx, { partnership: cleveland, filters, problems, today: TODAY });
  };

function tableOf(dashboard: Dashboard, id: string) {
  const table = dashboard.sections.flatMap((s) => s.blocks).find((b) => b.table.id === id)?.table;
  if (!table) throw new Error(`No table ${id}`);
  return table;
}

let boroughsAdded = 0;
async function addBoroughWithOrganisations(n: number) {
  const k = ++boroughsAdded;
  const champion = await userId(db().handles.owner, "champion@cleveland.demo.test");
  const quarter = quarterOf(TODAY).key;
  await withPartnership(cleveland.id, coordinator, async (tx) => {
    const { id: boroughId } = await tx
      .insertInto("boroughs")
      .values({ partnership_id: cleveland.id, name: `New Borough ${k}`, ons_code: `E0609${String(k).padStart(4, "0")}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < n; i++) {
      const { id } = await tx
        .insertInto("organisations")
        .values({ partnership_id: cleveland.id, name: `Query Count ${boroughId.slice(0, 4)} ${i}`, sector: i % 2 ? "housing" : "education", borough_id: boroughId })
        .returning("id")
        .executeTakeFirstOrThrow();
      await saveReturnForm(tx, {
        partnershipId: cleveland.id,
        organisationId: id,
        quarter,
        userId: champion,
        intent: "submit",
        baseVersion: 0,
        posted: { "value.referrals_made": String(i) },
        confirmed: true,
        settings: { deadlineDays: 30, graceDays: 30 },
        today: TODAY,
      });
    }
  });
}

describe("dashboards on the demo", () => {
  it("read the county in a fixed handful of queries, whatever the number of boroughs and organisations, and never read raw return values", async () => {
    // Computed afresh (GT_LIVE_CACHE=off), and with what is kept between writes (facts.server.ts): a
    // kept quarter of returns is not read again, so the second can only need fewer queries.
    const uncached = async () => {
      process.env.GT_LIVE_CACHE = "off";
      reloadConfig();
      try {
        return await recorded(county());
      } finally {
        delete process.env.GT_LIVE_CACHE;
        reloadConfig();
      }
    };
    const before = await uncached();
    const keptBefore = await recorded(county());
    await addBoroughWithOrganisations(12);
    await addBoroughWithOrganisations(12);
    const after = await uncached();
    const keptAfter = await recorded(county());
    expect(after.queries.length).toBe(before.queries.length);
    expect(before.queries.length).toBeLessThanOrEqual(25);
    expect(keptBefore.queries.length).toBeLessThanOrEqual(25);
    expect(keptAfter.queries.length).toBeLessThanOrEqual(keptBefore.queries.length);
    expect(keptAfter.queries.filter((tables) => tables.has("return_values"))).toEqual([]);
    expect(after.queries.filter((tables) => tables.has("return_values"))).toEqual([]);
    expect(after.queries.some((tables) => tables.has("metric_rollups"))).toBe(true);
    const borough = await recorded(async (tx) => {
      const b = await tx.selectFrom("boroughs").select(["id", "name"]).where("partnership_id", "=", cleveland.id).orderBy("name").executeTakeFirstOrThrow();
      const { filters, problems } = parseFilters(new URLSearchParams(), TODAY);
      return boroughDashboard(tx, { partnership: cleveland, filters, problems, today: TODAY, borough: b });
    });
    expect(borough.queries.filter((tables) => tables.has("return_values"))).toEqual([]);
  });

  it("show the same activity figures as a fresh aggregation of the raw values, per borough, with a sector filter and over a range", async () => {
    const search = "from=2025Q1&to=2026Q2&sector=local_authority";
    const { result: dashboard } = await recorded(county(search));
    const { filters } = parseFilters(new URLSearchParams(search), TODAY);
    const range = { from: filters.from.key, to: filters.to.key };
    const { rows: raw } = await sql<{
      quarter: string;
      metric_id: string;
      organisation_id: string;
      value: number | null;
      not_applicable: boolean;
      status: string;
      borough_id: string | null;
      sector: string;
    }>`
      select v.quarter, v.metric_id, v.organisation_id, v.value, v.not_applicable, r.status, o.borough_id, o.sector
      from return_values v join quarterly_returns r using (partnership_id, organisation_id, quarter)
      join organisations o on o.partnership_id = v.partnership_id and o.id = v.organisation_id
      where v.partnership_id = ${cleveland.id} and o.sector = 'local_authority'`.execute(db().handles.owner);
    const counted = raw.filter((r) => countsForFigures(r.status as never));
    const metrics = await db().handles.owner.selectFrom("metrics").select(["id", "label", "aggregation"]).where("partnership_id", "=", cleveland.id).execute();
    const boroughs = await db().handles.owner.selectFrom("boroughs").select(["id", "name"]).where("partnership_id", "=", cleveland.id).execute();
    const activity = tableOf(dashboard, "activity");
    let compared = 0;
    for (const m of metrics) {
      const row = activity.rows.find((r) => r.metric === m.label)!;
      for (const b of boroughs) {
        const fresh = aggregateRange(
          m.aggregation as MetricAggregation,
          counted
            .filter((r) => r.metric_id === m.id && r.borough_id === b.id)
            .map((r) => ({ organisationId: r.organisation_id, quarter: r.quarter, value: (r.not_applicable ? NOT_APPLICABLE : r.value) as MetricValue })),
          range,
        ).value;
        // A stock is read at one quarter for every borough (the county's latest with a figure), so compare flows only here; stocks are checked by the roll-up test.
        if (m.aggregation === "sum") {
          expect(row[`g:${b.id}`], `${m.label} in ${b.name}`).toBe(fresh);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("show the demo's late and missing returns, and a trend over eight quarters of figures", async () => {
    let late = 0;
    let missing = 0;
    let quarter = previousQuarter(previousQuarter(quarterOf(TODAY)));
    for (let i = 0; i < 6; i++, quarter = previousQuarter(quarter)) {
      const { result } = await recorded(county(`from=${quarter.key}&to=${quarter.key}`));
      for (const row of tableOf(result, "completeness").rows) {
        late += Number(row.late);
        missing += Number(row.missing);
      }
    }
    expect(late).toBeGreaterThan(0);
    expect(missing).toBeGreaterThan(0);
    const { result } = await recorded(county());
    const trend = tableOf(result, "trend");
    expect(trend.rows).toHaveLength(8);
    expect(trend.rows.filter((r) => typeof r.total === "number" && r.total > 0).length).toBeGreaterThanOrEqual(7);
  });

  it("draw every chart from its own table's rows", async () => {
    const { result: c } = await recorded(county("sector=housing"));
    const { result: b } = await recorded(async (tx) => {
      const borough = await tx.selectFrom("boroughs").select(["id", "name"]).where("partnership_id", "=", cleveland.id).where("name", "=", "Hartlepool").executeTakeFirstOrThrow();
      const { filters, problems } = parseFilters(new URLSearchParams("metric=staff_briefed"), TODAY);
      return boroughDashboard(tx, { partnership: cleveland, filters, problems, today: TODAY, borough });
    });
    const orgId = await organisationId(db().handles.owner, "cleveland", "Hartlepool Borough Council");
    const { result: o } = await recorded(async (tx) => {
      const organisation = (await findOrganisation(tx, { partnershipId: cleveland.id, organisationId: orgId }))!;
      const { filters, problems } = parseFilters(new URLSearchParams(), TODAY);
      return organisationDashboard(tx, { partnership: cleveland, organisation, filters, problems, today: TODAY, realFigures: false });
    });
    let charts = 0;
    for (const dashboard of [c, b, o]) {
      for (const block of dashboard.sections.flatMap((s) => s.blocks)) {
        if (!block.chart) continue;
        charts++;
        const keys = [block.chart.category, ...block.chart.series.map((s) => s.key)];
        expect(block.chart.data, block.table.id).toEqual(block.table.rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null]))));
      }
    }
    expect(charts).toBeGreaterThanOrEqual(12);
  });

  it("tell a partnership with no returns what happens next, and who is due when someone has signed", async () => {
    const owner = db().handles.owner;
    const setup = await owner.transaction().execute(async (tx) => {
      await sql`select set_config('app.platform_admin', 'on', true)`.execute(tx);
      const p = await tx
        .insertInto("partnerships")
        .values({ slug: "emptyshire", name: "Emptyshire Partnership", county: "Emptyshire" })
        .returning(["id"])
        .executeTakeFirstOrThrow();
      await sql`select set_config('app.partnership_id', ${p.id}, true)`.execute(tx);
      await createDefaultMetrics(tx, { partnershipId: p.id });
      const b = await tx.insertInto("boroughs").values({ partnership_id: p.id, name: "Quietville", ons_code: "E06000999" }).returning("id").executeTakeFirstOrThrow();
      const o = await tx
        .insertInto("organisations")
        .values({ partnership_id: p.id, name: "Quietville Housing", sector: "housing", borough_id: b.id })
        .returning("id")
        .executeTakeFirstOrThrow();
      return { partnershipId: p.id, organisationId: o.id };
    });
    const partnership = (await owner.selectFrom("partnerships").selectAll().where("id", "=", setup.partnershipId).executeTakeFirstOrThrow()) as Partnership;
    const load = () =>
      withPartnership(partnership.id, null, (tx) => {
        const { filters, problems } = parseFilters(new URLSearchParams(), TODAY);
        return countyDashboard(tx, { partnership, filters, problems, today: TODAY });
      });
    const empty = await load();
    const section = (d: Dashboard, id: string) => d.sections.find((s) => s.id === id)!;
    expect(section(empty, "activity").empty).toMatch(/no organisation is expected to report.*returns start once organisations have signed the pledge/);
    expect(section(empty, "plan").empty).toMatch(/no delivery plan for this financial year yet/);

    // Through withPartnership, as the app writes: the dashboards' kept organisation facts move on.
    await withPartnership(
      partnership.id,
      null,
      async (tx) => {
        const v = await tx
          .insertInto("pledge_versions")
          .values({ partnership_id: partnership.id, version: 1, state: "published", title: "Pledge", commitments: JSON.stringify(["Work restoratively"]), published_at: now() })
          .returning("id")
          .executeTakeFirstOrThrow();
        await tx
          .insertInto("pledge_signatures")
          .values({
            partnership_id: partnership.id,
            organisation_id: setup.organisationId,
            pledge_version_id: v.id,
            signed_on: previousQuarter(quarterOf(TODAY)).start,
            signatory_name: "A Person",
            signatory_title: "Director",
            activity: JSON.stringify({}),
          })
          .execute();
      },
      { db: owner },
    );
    const due = await load();
    expect(section(due, "activity").empty).toMatch(/1 organisation is due to send a return for .* by .*: Quietville Housing/);
  });

  it("save the restorative-borough criteria against the version read, refusing a stale save", async () => {
    const read = await withPartnership(cleveland.id, coordinator, (tx) => loadCriteria(tx, { partnershipId: cleveland.id }));
    expect(read).toMatchObject({ configured: false, version: 0 });
    const form = {
      allStatutorySigned: true,
      minSigned: 3,
      minSectors: 2,
      championForEverySignatory: false,
      minTrainedChampions: null,
      minReturnPercent: 80,
      returnQuarters: 2,
      noActionOffTrack: true,
      version: 0,
    };
    const save = (version: number) =>
      withPartnership(cleveland.id, coordinator, (tx) => saveCriteria(tx, { partnershipId: cleveland.id, userId: coordinator, form: { ...form, version } }));
    expect(await save(0)).toEqual({ ok: true });
    expect(await save(0)).toEqual({ ok: false, stale: true });
    expect(await save(1)).toEqual({ ok: true });
    expect(await save(1)).toEqual({ ok: false, stale: true });
    const { result } = await recorded(county());
    const ranking = tableOf(result, "restorative");
    expect(ranking.columns.map((c) => c.header)).toEqual([
      "Borough",
      "Rank",
      "Criteria met",
      "Every statutory partner signed",
      "At least 3 organisations signed",
      "Signatories from at least 2 sectors",
      "Returns at least 80% complete over the last 2 quarters",
      "No delivery action off track",
    ]);
  });
});
