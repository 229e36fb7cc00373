/**
 * The database goes away — restarted while requests are in flight, or its idle connections killed —
 * and the app keeps going: it says so on /healthz and in plain error pages, never crashes, recovers
 * without a restart, and keeps everything it acknowledged. Runs on a PostgreSQL server of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { returnFormBody, submitters } from "../../scripts/lib/bench-fixtures";
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
  const deadline = performance.now() + ms;
  while (performance.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const health = async () => (await fetch(`${app.url}/healthz`)).status;

describe("when PostgreSQL restarts under load", () => {
  it("reports 503 during the outage and 200 after, answers 503 pages meanwhile, and keeps what it acknowledged", { timeout: 120_000 }, async () => {
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
    expect(during.status).toBe(503);
    const page = await during.text();
    expect(page).toContain("Sorry, the service is unavailable");
    expect(page).toContain("Try again in a few minutes");
    expect(page).toContain(during.headers.get("X-Request-Id")!);
    expect(page).not.toMatch(/ECONNREFUSED|at .*\.js:\d+|Error:/);

    pg.resume();
    await until(async () => (await health()) === 200, "healthz to recover");
    await until(async () => (await coordinator.get("/p/cleveland/orgs")).status === 200, "pages to recover");
    loading = false;
    await load;

    expect(app.alive()).toBe(true);
    expect(statuses).toContain(200);
    // During the outage every page says so plainly (503), never a generic 500.
    expect(statuses.every((s) => s === 200 || s === 503), String([...new Set(statuses)])).toBe(true);
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

describe("when the connection dies in the middle of a submission", () => {
  it("writes nothing, gives the form back with everything typed and a reference, and the retry succeeds", { timeout: 60_000 }, async () => {
    const owner = app.db.handles.owner;
    const quarter = quarterOf(today()).key;
    // An organisation admin (signed in) of an organisation with no return yet this quarter.
    const [admin] = await submitters(owner, { count: 1, quarter, slugs: ["cleveland"] });
    const organisation = { id: admin.organisationId };
    const stored = () =>
      owner.selectFrom("quarterly_returns").select(["status", "version"]).where("organisation_id", "=", organisation.id).where("quarter", "=", quarter).executeTakeFirst();
    expect(await stored()).toBeUndefined();

    // Every value written stalls, so the submission is caught half-way through its transaction.
    await adminQuery(app.db.ownerUrl, `create function test_stall() returns trigger language plpgsql as $$ begin perform pg_sleep(10); return new; end $$`);
    await adminQuery(app.db.ownerUrl, `create trigger test_stall before insert on return_values for each row execute function test_stall()`);
    const orgadmin = new Client(app.url);
    orgadmin.cookies.set("gt_session", admin.cookie.split("=")[1]);
    const form = new URLSearchParams(returnFormBody({ intent: "submit", seed: 3 }));
    form.set("highlights", "Two conferences in Hartlepool, typed before the connection dropped");
    const path = `/p/cleveland/orgs/${organisation.id}/returns/${quarter}`;
    const pending = orgadmin.post(path, form);

    let killed = 0;
    const deadline = performance.now() + 20_000;
    while (!killed && performance.now() < deadline) {
      const result = await adminQuery(pg.url, "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where usename = 'gt_web' and wait_event = 'PgSleep'");
      killed = result.rows[0].n;
      if (!killed) await new Promise((r) => setTimeout(r, 50));
    }
    expect(killed).toBe(1);

    const response = await pending;
    expect(response.status).toBe(503);
    const page = await response.text();
    expect(page).toContain("nothing was saved");
    expect(page).toContain(response.headers.get("X-Request-Id")!);
    expect(page).toContain("Two conferences in Hartlepool, typed before the connection dropped");
    for (const [name, value] of form) {
      if (!name.startsWith("value.")) continue;
      const input = page.match(new RegExp(`<input[^>]*name="${name.replace(".", "\\.")}"[^>]*>`))?.[0];
      expect(input, name).toContain(`value="${value}"`);
    }
    expect(await stored()).toBeUndefined();
    const values = await owner.selectFrom("return_values").select((eb) => eb.fn.countAll<number>().as("n")).where("organisation_id", "=", organisation.id).where("quarter", "=", quarter).executeTakeFirstOrThrow();
    expect(Number(values.n)).toBe(0);

    await adminQuery(app.db.ownerUrl, "drop trigger test_stall on return_values; drop function test_stall()");
    const retry = await orgadmin.post(path, form);
    expect(retry.status).toBe(302);
    expect(await stored()).toMatchObject({ status: "submitted", version: 1 });
    expect(app.alive()).toBe(true);
  });
});
