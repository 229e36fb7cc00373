/**
 * Dashboards are kept in memory between writes (ADR 0017), and never shown stale: two app
 * processes on one database, the county dashboard loaded (so kept) on both, a return submitted
 * through one — the writer's process shows it on the next load, the other as soon as PostgreSQL
 * has told it (NOTIFY), both for the page's data and for the kept rendered page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableData } from "~/modules/exports/table";
import { quarterOf, today } from "~/modules/reporting/periods";
import { startAppServer, useAppServer, type AppServer } from "../helpers/app-server";
import { organisationId } from "../helpers/fixtures";
import { Client, signedIn } from "../helpers/http-client";

const writer = useAppServer({ template: "demo" });
let other: AppServer;
const COUNTY = encodeURIComponent("routes/p.$slug._index");

beforeAll(async () => {
  other = await startAppServer({ db: writer().db });
}, 120_000);
afterAll(async () => {
  await other?.stop();
});

async function staffBriefed(client: Client) {
  const response = await client.get(`/p/cleveland?index&metric=staff_briefed&_data=${COUNTY}`);
  expect(response.status).toBe(200);
  const data = (await response.json()) as { page: { sections: Array<{ blocks: Array<{ table: TableData }> }> } };
  const trend = data.page.sections.flatMap((s) => s.blocks.map((b) => b.table)).find((t) => t.id === "trend")!;
  return Number(trend.rows.find((r) => r.quarter === quarterOf(today()).label)?.total ?? 0);
}

describe("the live dashboard cache", () => {
  it("keeps organisation facts through a return, and drops them for a champion added, here and in another process", async () => {
    // A return submission leaves the kept organisation facts (pledges, champions) in place, so the
    // dashboard after it must still move on for what the facts feed when one of those changes.
    const boardHere = await signedIn(writer().url, "board@cleveland.demo.test");
    const boardThere = await signedIn(other.url, "board@cleveland.demo.test");
    const champions = async (client: Client) => {
      const response = await client.get(`/p/cleveland?index&_data=${COUNTY}`);
      expect(response.status).toBe(200);
      const data = (await response.json()) as { page: { headlines: Array<{ label: string; value: number | string }> } };
      return Number(data.page.headlines.find((h) => h.label === "RJ champions")!.value);
    };
    const before = await champions(boardHere);
    expect(await champions(boardThere)).toBe(before);

    const owner = writer().db.handles.owner;
    const quarter = quarterOf(today());
    const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const stored = await owner.selectFrom("quarterly_returns").select("version").where("organisation_id", "=", hartlepool).where("quarter", "=", quarter.key).executeTakeFirstOrThrow();
    const champion = await signedIn(writer().url, "champion@cleveland.demo.test");
    const saved = await champion.post(`/p/cleveland/orgs/${hartlepool}/returns/${quarter.key}?index`, { intent: "save", baseVersion: String(stored.version), "value.staff_briefed": "5" });
    expect(saved.status).toBe(302);
    expect(await champions(boardHere)).toBe(before);

    const coordinator = await signedIn(writer().url, "coordinator@cleveland.demo.test");
    const added = await coordinator.post(`/p/cleveland/orgs/${hartlepool}/champions/new`, {
      name: "Priya Cache-Test",
      email: "priya.cache-test@hartlepool.example",
      jobTitle: "Community safety officer",
      "since-day": "3",
      "since-month": "4",
      "since-year": "2025",
      training: "awareness",
    });
    expect(added.status).toBe(302);
    expect(await champions(boardHere)).toBe(before + 1);
    await expect.poll(() => champions(boardThere), { timeout: 5_000 }).toBe(before + 1);
  });

  it("shows a write at once in the writer's process and, by NOTIFY, in every other", async () => {
    const boardHere = await signedIn(writer().url, "board@cleveland.demo.test");
    const boardThere = await signedIn(other.url, "board@cleveland.demo.test");
    const page = async (client: Client) => (await client.get("/p/cleveland?metric=staff_briefed")).text();
    const before = await staffBriefed(boardHere);
    expect(await staffBriefed(boardThere)).toBe(before);
    // Kept: the same page twice, and it carries no per-request value (no scripts, no request id).
    const pageBefore = await page(boardThere);
    expect(await page(boardThere)).toBe(pageBefore);
    expect(pageBefore).not.toMatch(/<script|gt-request-id/);

    const owner = writer().db.handles.owner;
    const quarter = quarterOf(today());
    const organisation = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const { version } = await owner.selectFrom("quarterly_returns").select("version").where("organisation_id", "=", organisation).where("quarter", "=", quarter.key).executeTakeFirstOrThrow();
    const champion = await signedIn(writer().url, "champion@cleveland.demo.test");
    const submitted = await champion.post(`/p/cleveland/orgs/${organisation}/returns/${quarter.key}?index`, { intent: "submit", baseVersion: String(version), confirm: "1", "value.staff_briefed": "23" });
    expect(submitted.status).toBe(302);

    expect(await staffBriefed(boardHere)).toBe(before + 23);
    await expect.poll(() => staffBriefed(boardThere), { timeout: 5_000 }).toBe(before + 23);
    const pageAfter = await page(boardThere);
    expect(pageAfter).not.toBe(pageBefore);
  });

  it("keeps nothing one person could see for another: each reader's page is their own", async () => {
    const board = await signedIn(writer().url, "board@cleveland.demo.test");
    const coordinator = await signedIn(writer().url, "coordinator@cleveland.demo.test");
    const boardPage = await (await board.get("/p/cleveland")).text();
    const coordinatorPage = await (await coordinator.get("/p/cleveland")).text();
    expect(boardPage).not.toBe(coordinatorPage);
    expect(coordinatorPage).toContain("Set the restorative-borough criteria");
    expect(boardPage).not.toContain("Set the restorative-borough criteria");
    // Another partnership's board member is refused, whatever is kept for Cleveland.
    const stranger = await signedIn(writer().url, "board@hampshire.demo.test");
    expect((await stranger.get("/p/cleveland")).status).toBe(404);
  });
});
