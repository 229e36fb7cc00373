/**
 * The dashboards through HTTP, as the people who use them: a champion's submitted return is on
 * the county dashboard at the board's next page load; every table's CSV holds exactly the rows the
 * page shows (all pages, same order, same filters); a board member limited to one borough sees
 * that borough only, in pages and downloads; the figures for publication are the public page's.
 */
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { TableData } from "~/modules/exports/table";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { SUPPRESSED } from "~/modules/rollups/suppression";
import { useAppServer } from "../helpers/app-server";
import { boroughId, organisationId, userId } from "../helpers/fixtures";
import { Client, signedIn } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
const COUNTY = encodeURIComponent("routes/p.$slug._index");
const BOROUGH = encodeURIComponent("routes/p.$slug.dashboard.$borough");
const ORGANISATION = encodeURIComponent("routes/p.$slug.orgs.$org.dashboard");

interface PageData {
  page: { sections: Array<{ id: string; empty?: string; blocks: Array<{ table: TableData }> }>; headlines: Array<{ label: string; value: string | number }>; problems: string[] };
}

let board: Client;
let hartlepool = "";

beforeAll(async () => {
  board = await signedIn(server().url, "board@cleveland.demo.test");
  const owner = server().db.handles.owner;
  hartlepool = (
    await owner
      .selectFrom("boroughs as b")
      .innerJoin("partnerships as p", "p.id", "b.partnership_id")
      .select("b.id")
      .where("p.slug", "=", "cleveland")
      .where("b.name", "=", "Hartlepool")
      .executeTakeFirstOrThrow()
  ).id;
});

async function county(client: Client, query = "") {
  const response = await client.get(`/p/cleveland?index&${query}${query ? "&" : ""}_data=${COUNTY}`);
  expect(response.status).toBe(200);
  return (await response.json()) as PageData;
}

const tables = (data: PageData) => data.page.sections.flatMap((s) => s.blocks.map((b) => b.table));
const tableOf = (data: PageData, id: string) => tables(data).find((t) => t.id === id)!;

async function csv(client: Client, path: string) {
  const response = await client.get(path);
  expect(response.status, path).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  return parse((await response.text()).replace(/^\uFEFF/, "")) as string[][];
}

const asCsv = (table: TableData) => [
  table.columns.map((c) => c.header),
  ...table.rows.map((r) => table.columns.map((c) => (r[c.key] === null || r[c.key] === undefined ? "" : String(r[c.key])))),
];

describe("dashboards over HTTP", () => {
  it("show a return a champion has just submitted on the board's next load of the county dashboard", async () => {
    const quarter = quarterOf(today());
    const owner = server().db.handles.owner;
    const organisation = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const trendRow = async () => tableOf(await county(board, "metric=staff_briefed"), "trend").rows.find((r) => r.quarter === quarter.label)!;
    const before = await trendRow();

    const champion = await signedIn(server().url, "champion@cleveland.demo.test");
    const { version } = await owner
      .selectFrom("quarterly_returns")
      .select("version")
      .where("organisation_id", "=", organisation)
      .where("quarter", "=", quarter.key)
      .executeTakeFirstOrThrow();
    const submitted = await champion.post(`/p/cleveland/orgs/${organisation}/returns/${quarter.key}?index`, {
      intent: "submit",
      baseVersion: String(version),
      confirm: "1",
      "value.staff_briefed": "17",
      "value.referrals_made": "2",
    });
    expect(submitted.status).toBe(302);

    const after = await trendRow();
    expect(after[`g:${hartlepool}`]).toBe(Number(before[`g:${hartlepool}`] ?? 0) + 17);
    expect(after.total).toBe(Number(before.total ?? 0) + 17);
    expect(after.reporting).toBe(Number(before.reporting) + 1);
  });

  it("download every table of the county and a borough dashboard as CSV with exactly the page's rows, filters and sort", async () => {
    const query = "from=2025Q1&to=2026Q2&sector=local_authority&metric=referrals_received&activity-sort=total&activity-dir=desc";
    const data = await county(board, query);
    const countyTables = tables(data);
    expect(countyTables.map((t) => t.id)).toEqual(["signatures", "adoption", "grid", "champions", "trend", "activity", "completeness", "plan-themes", "overdue", "restorative"]);
    for (const table of countyTables) expect(await csv(board, `/p/cleveland/dashboard.csv?${query}&table=${table.id}`), table.id).toEqual(asCsv(table));
    // The sort in the address orders both.
    const totals = tableOf(data, "activity")
      .rows.map((r) => r.total as number | null)
      .filter((v) => v !== null);
    expect(totals).toEqual([...totals].sort((a, b) => b! - a!));

    const boroughData = (await (await board.get(`/p/cleveland/dashboard/${hartlepool}?${query}&_data=${BOROUGH}`)).json()) as PageData;
    for (const table of tables(boroughData))
      expect(await csv(board, `/p/cleveland/dashboard.csv?${query}&borough=${hartlepool}&table=${table.id}`), table.id).toEqual(asCsv(table));
    expect((await board.get(`/p/cleveland/dashboard.csv?${query}&table=nope`)).status).toBe(400);
  });

  it("show what a malformed address was read as, instead of failing", async () => {
    const data = await county(board, "from=2025Q9&sector=pirates&metric=no_such_measure");
    expect(data.page.problems).toHaveLength(3);
  });

  it("give a board member limited to one borough that borough only, in pages and downloads", async () => {
    const owner = server().db.handles.owner;
    const boardId = await userId(owner, "board@cleveland.demo.test");
    const stockton = (await owner.selectFrom("boroughs").select("id").where("name", "=", "Stockton-on-Tees").executeTakeFirstOrThrow()).id;
    await owner.updateTable("partnership_members").set({ borough_id: hartlepool }).where("user_id", "=", boardId).where("role", "=", "board").execute();
    try {
      const scoped = await signedIn(server().url, "board@cleveland.demo.test");
      const home = await scoped.get("/p/cleveland?from=2025Q1");
      expect(home.status).toBe(302);
      expect(home.headers.get("location")).toBe(`/p/cleveland/dashboard/${hartlepool}?from=2025Q1`);
      expect((await scoped.get(`/p/cleveland/dashboard/${hartlepool}`)).status).toBe(200);
      expect((await scoped.get(`/p/cleveland/dashboard/${stockton}`)).status).toBe(403);
      expect((await scoped.get(`/p/cleveland/dashboard.csv?borough=${stockton}&table=trend`)).status).toBe(403);
      // Without a borough, a download is of their own borough, never of the county.
      const own = await csv(scoped, "/p/cleveland/dashboard.csv?table=organisations");
      expect(own.length).toBeGreaterThan(1);
      expect((await scoped.get("/p/cleveland/dashboard.csv?table=publication&year=2025")).status).toBe(403);
    } finally {
      await owner.updateTable("partnership_members").set({ borough_id: null }).where("user_id", "=", boardId).where("role", "=", "board").execute();
    }
    const outsider = await signedIn(server().url, "coordinator@cleveland.demo.test");
    expect((await outsider.get(`/p/cleveland/dashboard.csv?borough=${await boroughId(owner, "hampshire")}&table=trend`)).status).toBe(404);
  });

  it("show an organisation its own figures, and its borough's only where they cannot reveal another organisation's", async () => {
    const owner = server().db.handles.owner;
    const organisation = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const path = `/p/cleveland/orgs/${organisation}/dashboard?from=2024Q4&to=2026Q2&metric=referrals_made&_data=${ORGANISATION}`;
    const champion = await signedIn(server().url, "champion@cleveland.demo.test");
    const asChampion = tableOf((await (await champion.get(path)).json()) as PageData, "history");
    const asBoard = tableOf((await (await board.get(path)).json()) as PageData, "history");
    expect(asChampion.rows.map((r) => r.own)).toEqual(asBoard.rows.map((r) => r.own));
    expect(asBoard.rows.some((r) => typeof r.borough === "number")).toBe(true);
    for (const row of asChampion.rows) {
      if (row.borough === null || row.borough === SUPPRESSED) continue;
      const borough = Number(row.borough);
      // Shown beside their own only when the rest of the borough is not a small count.
      expect(borough - Number(row.own ?? 0) === 0 || borough - Number(row.own ?? 0) >= 5).toBe(true);
    }
    expect(asChampion.rows.some((r) => r.borough === SUPPRESSED)).toBe(true);
  });

  it("publish the same suppressed figures on the public page and in the coordinator's download for publication", async () => {
    const coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
    const year = quarterOf(today()).year - 1;
    const download = await csv(coordinator, `/p/cleveland/dashboard.csv?table=publication&year=${year}`);
    const visitor = new Client(server().url);
    const response = await visitor.get(`/public/cleveland?_data=${encodeURIComponent("routes/public.$slug._index")}`);
    const { figures } = ((await response.json()) as { page: { figures: { table: TableData } } }).page;
    expect(download).toEqual(asCsv(figures.table));
    expect(download.flat()).toContain(SUPPRESSED);
    const counts = figures.table.rows.filter((r) => r.counted !== "Percentage" && !/sessions/i.test(String(r.measure)));
    for (const row of counts)
      for (const c of figures.table.columns.filter((c) => c.numeric)) {
        const v = row[c.key];
        if (typeof v === "number") expect(v === 0 || v >= 5, `${row.measure} ${c.header}: ${v}`).toBe(true);
      }
    // Hampshire does not publish figures: its public page has the register only.
    const hampshire = await (await visitor.get(`/public/hampshire?_data=${encodeURIComponent("routes/public.$slug._index")}`)).json();
    expect(hampshire.page.figures).toBeNull();
  });
});

describe("sorting a table on a long page", () => {
  const linksBackToTheirTable = (html: string) => {
    const hrefs = [...html.matchAll(/<a [^>]*class="gt-sort-link"[^>]*>/g)].map((m) => /href="([^"]+)"/.exec(m[0])![1].replace(/&amp;/g, "&"));
    expect(hrefs.length, html.slice(html.indexOf("gt-sort-link") - 200, html.indexOf("gt-sort-link") + 300)).toBeGreaterThan(3);
    return hrefs.filter((href) => {
      const anchor = /#([\w-]+)$/.exec(href)?.[1];
      return !anchor || !html.includes(`id="${anchor}"`);
    });
  };

  it("comes back to the table sorted, on the county dashboard and the delivery plan, not to the top of the page", async () => {
    expect(linksBackToTheirTable(await (await board.get("/p/cleveland")).text())).toEqual([]);
    const plan = await server().db.handles.owner.selectFrom("delivery_plans").select("id").orderBy("financial_year", "desc").executeTakeFirstOrThrow();
    const planPage = await (await board.get(`/p/cleveland/plans/${plan.id}`)).text();
    expect(linksBackToTheirTable(planPage)).toEqual([]);
  });
});
