/**
 * Dashboards are kept in memory between writes (ADR 0017), and never shown stale: two app
 * processes on one database, the county dashboard loaded (so kept) on both, a return submitted
 * through one — the writer's process shows it on the next load, the other as soon as PostgreSQL
 * has told it (NOTIFY), both for the page's data and for the kept rendered page.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableData } from "~/modules/exports/table";
import { quarterOf } from "~/modules/reporting/periods";
import { now, today } from "~/modules/platform/clock.server";
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

/** The county headline "returns in for …" as a count, for a range whose completeness quarter is `quarter`. */
async function returnsIn(client: Client, range = "") {
  const response = await client.get(`/p/cleveland?index${range}&_data=${COUNTY}`);
  expect(response.status).toBe(200);
  const data = (await response.json()) as { page: { headlines: Array<{ label: string; value: number | string }> } };
  const headline = data.page.headlines.find((h) => h.label.startsWith("returns in for "))!;
  return { label: headline.label, count: Number(/^(\d+) of/.exec(String(headline.value))![1]) };
}

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
    const stored = await owner
      .selectFrom("quarterly_returns")
      .select("version")
      .where("organisation_id", "=", hartlepool)
      .where("quarter", "=", quarter.key)
      .executeTakeFirstOrThrow();
    const champion = await signedIn(writer().url, "champion@cleveland.demo.test");
    const saved = await champion.post(`/p/cleveland/orgs/${hartlepool}/returns/${quarter.key}?index`, {
      intent: "save",
      baseVersion: String(stored.version),
      "value.staff_briefed": "5",
    });
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
    // Return facts are kept per quarter (migration 73): the current quarter's completeness (a range of
    // this quarter alone) must move with a return for it, the previous quarter's (the default) not.
    const thisQuarter = `&from=${quarterOf(today()).key}&to=${quarterOf(today()).key}`;
    const inBefore = await returnsIn(boardHere, thisQuarter);
    const previousBefore = await returnsIn(boardHere);
    expect(inBefore.label).toBe(`returns in for ${quarterOf(today()).label}`);
    expect(previousBefore.label).not.toBe(inBefore.label);
    expect(await returnsIn(boardThere, thisQuarter)).toEqual(inBefore);
    expect(await returnsIn(boardThere)).toEqual(previousBefore);
    // Kept: the same page twice, and it carries no per-request value (no scripts, no request id).
    const pageBefore = await page(boardThere);
    expect(await page(boardThere)).toBe(pageBefore);
    expect(pageBefore).not.toMatch(/<script|gt-request-id/);

    const owner = writer().db.handles.owner;
    const quarter = quarterOf(today());
    const organisation = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const { version, status } = await owner
      .selectFrom("quarterly_returns")
      .select(["version", "status"])
      .where("organisation_id", "=", organisation)
      .where("quarter", "=", quarter.key)
      .executeTakeFirstOrThrow();
    expect(status).toBe("draft");
    const champion = await signedIn(writer().url, "champion@cleveland.demo.test");
    const submitted = await champion.post(`/p/cleveland/orgs/${organisation}/returns/${quarter.key}?index`, {
      intent: "submit",
      baseVersion: String(version),
      confirm: "1",
      "value.staff_briefed": "23",
    });
    expect(submitted.status).toBe(302);

    expect(await staffBriefed(boardHere)).toBe(before + 23);
    await expect.poll(() => staffBriefed(boardThere), { timeout: 5_000 }).toBe(before + 23);
    expect(await returnsIn(boardHere, thisQuarter)).toEqual({ ...inBefore, count: inBefore.count + 1 });
    expect(await returnsIn(boardThere, thisQuarter)).toEqual({ ...inBefore, count: inBefore.count + 1 });
    expect(await returnsIn(boardHere)).toEqual(previousBefore);
    expect(await returnsIn(boardThere)).toEqual(previousBefore);
    const pageAfter = await page(boardThere);
    expect(pageAfter).not.toBe(pageBefore);
  });

  it("names the quarters whose returns a transaction changed, and only those (migration 73)", async () => {
    const owner = writer().db.handles.owner;
    const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const noted = () => sql<{ quarters: string | null }>`select current_setting('app.return_quarters_changed', true) as quarters`;
    const returns = owner.selectFrom("quarterly_returns").select(["quarter", "status"]).where("organisation_id", "=", hartlepool).orderBy("quarter", "desc");
    const a = await returns.executeTakeFirstOrThrow();
    const b = await returns.where("quarter", "<", a.quarter).where("first_submitted_at", "is not", null).executeTakeFirstOrThrow();
    const seen = await owner
      .transaction()
      .execute(async (tx) => {
        const rows = (q: string) => tx.updateTable("quarterly_returns").where("organisation_id", "=", hartlepool).where("quarter", "=", q);
        await rows(a.quarter).set({ highlights: "Narrative only: no quarter's facts move." }).execute();
        const narrativeOnly = (await noted().execute(tx)).rows[0].quarters ?? "";
        await rows(b.quarter)
          .set({ status: b.status === "accepted" ? "submitted" : "accepted" })
          .execute();
        await rows(b.quarter).set({ status: b.status }).execute();
        await rows(a.quarter).set({ first_submitted_at: now() }).execute();
        const both = (await noted().execute(tx)).rows[0].quarters;
        throw Object.assign(new Error("roll back"), { seen: { narrativeOnly, both } });
      })
      .catch((error: { seen?: unknown }) => error.seen);
    expect(seen).toEqual({ narrativeOnly: "", both: ` ${b.quarter} ${a.quarter}` });
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
