/**
 * The adoption page as a coordinator or board member reads it: every table downloads as CSV with
 * the same rows in the same order as the page shows them, sorted by the link's parameters.
 */
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import type { TableData } from "~/modules/exports/table";
import { useAppServer } from "../helpers/app-server";
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
