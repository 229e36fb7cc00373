/**
 * Plans that stay right (issue 8): every query the county and borough dashboards run is EXPLAINed,
 * as the app role under row level security, against generated data (many partnerships, thousands
 * of organisations, years of returns). None may touch the raw return values; none may read the
 * summary (metric_rollups) or the returns table by a sequential scan or by an index scan without a
 * condition — each must reach its rows through an index keyed by the partnership. Sequential scans
 * are priced out for the check, so a plan shows whether an index *can* serve the query.
 */
import {
  CompiledQuery,
  PostgresQueryCompiler,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { Partnership } from "../../db/types";
import { boroughDashboard } from "~/modules/dashboards/borough.server";
import { countyDashboard } from "~/modules/dashboards/county.server";
import { parseFilters } from "~/modules/dashboards/filters";
import { withPartnership, type Tx } from "~/modules/tenancy/with-partnership.server";
import { generateScaleData } from "../../scripts/lib/scale";
import { useTestDatabase } from "../helpers/database";

const db = useTestDatabase("empty");
const TODAY = "2026-11-22";
const WATCHED = ["return_values", "metric_rollups", "quarterly_returns"];

class Compiled implements KyselyPlugin {
  queries: CompiledQuery[] = [];
  private compiler = new PostgresQueryCompiler();
  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    this.queries.push(this.compiler.compileQuery(node, queryId));
    return node;
  }
  async transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return result;
  }
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

function bitmapConditions(n: PlanNode): string[] {
  return (n.Plans ?? []).flatMap((c) => (c["Node Type"] === "Bitmap Index Scan" ? [c["Index Cond"] ?? ""] : c["Node Type"].startsWith("Bitmap") ? bitmapConditions(c) : []));
}

/** What is wrong with a plan, if anything, as readable lines. */
function problems(plan: PlanNode, query: string): string[] {
  const found: string[] = [];
  const walk = (n: PlanNode) => {
    const table = n["Relation Name"];
    if (table === "return_values") found.push(`reads raw return values (${n["Node Type"]}) in: ${query.slice(0, 160)}`);
    else if (table && WATCHED.includes(table)) {
      if (n["Node Type"] === "Seq Scan") found.push(`scans the whole of ${table} in: ${query.slice(0, 160)}`);
      // A bitmap heap scan names the table; its bitmap index scans beneath carry the index conditions.
      const bitmaps = n["Node Type"] === "Bitmap Heap Scan" ? bitmapConditions(n) : [];
      const condition = [n["Index Cond"] ?? "", ...bitmaps].join(" ");
      const indexed = /Index/.test(n["Node Type"]) || bitmaps.length > 0;
      if (indexed && !/partnership_id/.test(condition)) found.push(`walks all of ${n["Index Name"]} without a partnership condition in: ${query.slice(0, 160)}`);
      // The summary is read for a range of quarters or one borough, never a partnership's whole history (one row with limit aside).
      if (table === "metric_rollups" && indexed && !/quarter|borough_key/.test(condition) && !/\blimit\b/i.test(query)) {
        found.push(`reads the whole of the partnership's summary (${condition}) in: ${query.slice(0, 160)}`);
      }
    }
    for (const child of n.Plans ?? []) walk(child);
  };
  walk(plan);
  return found;
}

let largest: Partnership;
let boroughs: Array<{ id: string; name: string }>;

beforeAll(async () => {
  const owner = db().handles.owner;
  const { slugs } = await generateScaleData(owner, { partnerships: 12, boroughs: 60, organisations: 6_000, quarters: 12, today: TODAY, seed: 3 });
  largest = (await owner.selectFrom("partnerships").selectAll().where("slug", "=", slugs[0]).executeTakeFirstOrThrow()) as Partnership;
  boroughs = await owner.selectFrom("boroughs").select(["id", "name"]).where("partnership_id", "=", largest.id).orderBy("name").execute();
}, 180_000);

async function explainAll(work: (tx: Tx) => Promise<unknown>) {
  const recorder = new Compiled();
  await withPartnership(largest.id, null, work, { db: db().handles.app.withPlugin(recorder) });
  const found: string[] = [];
  let explained = 0;
  await withPartnership(largest.id, null, async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    for (const query of recorder.queries) {
      if (!/^\s*(select|with)\b/i.test(query.sql) || /^\s*select set_config/i.test(query.sql)) continue;
      const result = await tx.executeQuery<{ "QUERY PLAN": Array<{ Plan: PlanNode }> }>(CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]));
      found.push(...problems(result.rows[0]["QUERY PLAN"][0].Plan, query.sql));
      explained++;
    }
  });
  return { found, explained, watched: recorder.queries.filter((q) => WATCHED.some((t) => q.sql.includes(`"${t}"`) || q.sql.includes(` ${t} `))).length };
}

const filtersOf = (search: string) => parseFilters(new URLSearchParams(search), TODAY);

describe("the dashboards' query plans at scale", () => {
  it("reach the summary and the returns through their indexes, for the county with and without filters", { timeout: 60_000 }, async () => {
    for (const search of ["", "from=2024Q1&to=2026Q2&sector=education", "metric=staff_trained"]) {
      const { filters, problems: notes } = filtersOf(search);
      const result = await explainAll((tx) => countyDashboard(tx, { partnership: largest, filters, problems: notes, today: TODAY }));
      expect(result.explained).toBeGreaterThan(5);
      expect(result.watched).toBeGreaterThan(0);
      expect(result.found).toEqual([]);
    }
  });

  it("do the same for a borough", { timeout: 60_000 }, async () => {
    const { filters, problems: notes } = filtersOf("sector=housing");
    const result = await explainAll((tx) => boroughDashboard(tx, { partnership: largest, filters, problems: notes, today: TODAY, borough: boroughs[0] }));
    expect(result.explained).toBeGreaterThan(5);
    expect(result.found).toEqual([]);
  });

  it("would catch a query that reads raw values or a partnership's whole summary", async () => {
    const raw = await explainAll((tx) =>
      tx
        .selectFrom("return_values")
        .select((eb) => eb.fn.sum("value").as("t"))
        .where("quarter", "=", "2026Q1")
        .execute(),
    );
    expect(raw.found.join("\n")).toMatch(/reads raw return values/);
    const whole = await explainAll((tx) =>
      tx
        .selectFrom("metric_rollups")
        .select((eb) => eb.fn.sum("total").as("t"))
        .where("sector", "=", "education")
        .execute(),
    );
    expect(whole.found.join("\n")).toMatch(/whole of the partnership's summary/);
  });
});
