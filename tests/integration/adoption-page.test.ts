/**
 * The adoption page as a coordinator or board member reads it: every table downloads as CSV with
 * the same rows in the same order as the page shows them, sorted by the link's parameters.
 */
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { TableData } from "~/modules/exports/table";
import { useAppServer } from "../helpers/app-server";
import { championId, organisationId, userId } from "../helpers/fixtures";
import { Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
let board: Client;

beforeAll(async () => {
  board = new Client(server().url);
  await board.signIn("board@cleveland.demo.test");
});

async function tables(query = "") {
  const response = await board.get(`/p/cleveland/adoption?${query}${query ? "&" : ""}_data=${encodeURIComponent("routes/p.$slug.adoption")}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { tables: TableData[] }).tables;
}

async function csv(query: string) {
  const response = await board.get(`/p/cleveland/adoption.csv?${query}`);
  expect(response.headers.get("content-type")).toContain("text/csv");
  expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="cleveland-adoption-\d{4}-\d{2}-\d{2}-[\w-]+\.csv"/);
  return parse((await response.text()).replace(/^\uFEFF/, "")) as string[][];
}

describe("adoption tables and their CSV downloads", () => {
  it("downloads every table with the page's header and rows", async () => {
    const all = await tables();
    const page = await (await board.get("/p/cleveland/adoption")).text();
    expect(page).toContain('href="/p/cleveland/adoption.csv?table=by-borough"');
    expect(all.map((t) => t.id)).toEqual(["by-borough", "by-sector", "grid", "renewals-due", "lapsed", "vacancies", "training"]);
    for (const table of all) {
      const rows = await csv(`table=${table.id}`);
      expect(rows[0], table.id).toEqual(table.columns.map((c) => c.header));
      expect(rows.slice(1), table.id).toEqual(table.rows.map((r) => table.columns.map((c) => (r[c.key] === null || r[c.key] === undefined ? "" : String(r[c.key])))));
    }
    const byBorough = all[0];
    expect(byBorough.rows.map((r) => r.borough)).toEqual(["Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees", "County-wide"]);
    const grid = all[2];
    expect(grid.rows.find((r) => r.borough === "Hartlepool")?.business).toBe("0 of 1");
    expect(all.find((t) => t.id === "vacancies")!.rows.map((r) => r.name)).toContain("Hartlepool Youth Justice Service");
  });

  it("sorts the download as the sort link asks, and refuses a table that does not exist", async () => {
    const rows = await csv("by-borough-sort=organisations&by-borough-dir=desc&table=by-borough");
    const counts = rows.slice(1).map((r) => Number(r[1]));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect((await board.get("/p/cleveland/adoption.csv?table=nothing")).status).toBe(400);
  });
});

describe("scope", () => {
  it("shows a board member limited to one borough that borough and county-wide organisations only", async () => {
    const owner = server().db.handles.owner;
    const hartlepool = await owner.selectFrom("boroughs").select("id").where("name", "=", "Hartlepool").executeTakeFirstOrThrow();
    const board = await userId(owner, "board@cleveland.demo.test");
    await owner.updateTable("partnership_members").set({ borough_id: hartlepool.id }).where("user_id", "=", board).where("role", "=", "board").execute();
    try {
      const scoped = new Client(server().url);
      await scoped.signIn("board@cleveland.demo.test");
      const response = await scoped.get(`/p/cleveland/adoption?_data=${encodeURIComponent("routes/p.$slug.adoption")}`);
      const { tables } = (await response.json()) as { tables: TableData[] };
      expect(tables[0].rows.map((r) => r.borough)).toEqual(["Hartlepool", "County-wide"]);
      const csv = await (await scoped.get("/p/cleveland/orgs.csv")).text();
      expect(csv).toContain("Hartlepool Borough Council");
      expect(csv).not.toContain("Middlesbrough Council");
    } finally {
      await owner.updateTable("partnership_members").set({ borough_id: null }).where("user_id", "=", board).where("role", "=", "board").execute();
    }
  });

  it("answers 404 for a champion of another organisation of the same partnership, and changes nothing", async () => {
    const owner = server().db.handles.owner;
    const council = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const police = await organisationId(owner, "cleveland", "Cleveland Police");
    const daniel = await championId(owner, "cleveland", "Daniel Reeve");
    const coordinator = new Client(server().url);
    await coordinator.signIn("coordinator@cleveland.demo.test");
    expect((await coordinator.get(`/p/cleveland/orgs/${police}/champions/${daniel}`)).status).toBe(404);
    const post = await coordinator.post(`/p/cleveland/orgs/${police}/champions/${daniel}`, { intent: "leave", "leftOn-day": "1", "leftOn-month": "1", "leftOn-year": "2026" });
    expect(post.status).toBe(404);
    const row = await owner.selectFrom("champions").select("left_on").where("id", "=", daniel).executeTakeFirstOrThrow();
    expect(row.left_on).toBeNull();
    expect((await coordinator.get(`/p/cleveland/orgs/${council}/champions/${daniel}`)).status).toBe(200);
  });
});
