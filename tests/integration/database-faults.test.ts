/**
 * The database goes away — restarted while requests are in flight, or its idle connections killed —
 * and the app keeps going: it says so on /healthz and in plain error pages, never crashes, recovers
 * without a restart, and keeps everything it acknowledged. Runs on a PostgreSQL server of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPgServer, type PgServer } from "../../scripts/lib/pg-server";
import { adminQuery } from "../../scripts/lib/test-templates";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { createStandaloneDemoDatabase } from "../helpers/database";
import { Client, signedIn } from "../helpers/http-client";

let pg: PgServer;
let app: AppServer;

beforeAll(async () => {
  pg = await startPgServer();
  const db = await createStandaloneDemoDatabase(pg.url);
  app = await startAppServer({ db });
  const probe = await new Client(app.url).post("/login", { email: "coordinator@cleveland.demo.test", password: "golden-thread-demo" });
  if (probe.status !== 302) throw new Error(app.output());
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await app?.db.handles.close();
  pg?.stop();
});

async function until(check: () => Promise<boolean>, what: string, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const health = async () => (await fetch(`${app.url}/healthz`)).status;

describe("when PostgreSQL restarts under load", () => {
  it("reports 503 during the outage and 200 after, answers plainly meanwhile, and keeps what it acknowledged", { timeout: 120_000 }, async () => {
    const coordinator = await signedIn(app.url, "coordinator@cleveland.demo.test");
    const statuses: number[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const response = await coordinator.get("/p/cleveland/orgs").catch(() => null);
        if (response) {
          statuses.push(response.status);
          await response.arrayBuffer();
        }
      }
    })();
    // Sign-ins acknowledged while the load runs: each created a session that must survive.
    const acknowledged: Client[] = [];
    for (const email of ["board@cleveland.demo.test", "orgadmin@cleveland.demo.test"]) acknowledged.push(await signedIn(app.url, email));

    pg.halt();
    await until(async () => (await health()) === 503, "healthz to report the outage").catch((error) => {
      throw new Error(`${error.message}\n${app.output().slice(-3000)}`);
    });
    const during = await coordinator.get("/p/cleveland/orgs");
    expect(during.status).toBe(500);
    const page = await during.text();
    expect(page).toContain("Sorry, there is a problem with the service");
    expect(page).toContain(during.headers.get("X-Request-Id")!);

    pg.resume();
    await until(async () => (await health()) === 200, "healthz to recover");
    await until(async () => (await coordinator.get("/p/cleveland/orgs")).status === 200, "pages to recover");
    loading = false;
    await load;

    expect(app.alive()).toBe(true);
    expect(statuses).toContain(200);
    expect(statuses.every((s) => s === 200 || s === 500)).toBe(true);
    // Still signed in: the partnership's home answers (an organisation's admin is sent on to their organisation), never the sign-in page.
    for (const client of acknowledged) {
      const home = await client.get("/p/cleveland");
      expect(home.status === 200 || (home.status === 302 && !home.headers.get("location")!.startsWith("/login")), `${home.status} ${home.headers.get("location")}`).toBe(true);
    }
  });
});

describe("when idle database connections are killed", () => {
  it("drops them quietly and serves the next request on a fresh connection", async () => {
    const coordinator = await signedIn(app.url, "coordinator@cleveland.demo.test");
    await Promise.all(Array.from({ length: 8 }, () => coordinator.get("/p/cleveland/orgs").then((r) => r.arrayBuffer())));
    const killed = await adminQuery(pg.url, "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where usename = 'gt_web'");
    expect(killed.rows[0].n).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 300));
    await until(async () => (await coordinator.get("/p/cleveland/orgs")).status === 200, "a fresh connection", 10_000);
    expect(app.alive()).toBe(true);
    expect(app.output()).not.toMatch(/uncaught|unhandled/i);
  });
});
