/**
 * The database goes away — restarted while requests are in flight, its connections killed every
 * 250 ms under load, killed in the middle of a submission — or clients are slow, and the app keeps
 * going: it says so on /healthz and in plain 503 pages, never crashes, recovers without a restart,
 * keeps every write it acknowledged and leaves none half-written. Runs on a PostgreSQL server of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import net from "node:net";
import { boardMember, returnFormBody, submitters, type Submitter } from "../../scripts/lib/bench-fixtures";
import { checkAfterLoad, runMixedLoad, type WritesOf } from "../../scripts/lib/mixed-load";
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
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const FORM = "application/x-www-form-urlencoded";

/** Where a person lands once their draft is saved or their return submitted. */
function acknowledgedAt(submitter: Submitter, intent: "save" | "submit", quarter: string) {
  const returns = `/p/${submitter.slug}/orgs/${submitter.organisationId}/returns`;
  return intent === "submit" ? returns : `${returns}/${quarter}`;
}

/**
 * People saving their returns, two at a time, one after another: after a 503 each presses Try
 * again (the same post) until it is acknowledged, or refused as already done. `progress` is live.
 */
function writeReturns(writers: Submitter[], quarter: string) {
  const writes: WritesOf & { statuses: number[]; refused: Submitter[] } = { attempted: [], acknowledged: [], drafts: [], refused: [], statuses: [], quarter };
  let next = 0;
  const done = Promise.all(
    [0, 1].map(async () => {
      while (next < writers.length) {
        const i = next++;
        const writer = writers[i];
        const intent = i % 2 ? "save" : "submit";
        writes.attempted.push(writer);
        for (let attempt = 0; attempt < 600; attempt++) {
          const response = await fetch(`${app.url}/p/${writer.slug}/orgs/${writer.organisationId}/returns/${quarter}`, {
            method: "POST",
            headers: { "content-type": FORM, origin: app.url, cookie: writer.cookie },
            body: returnFormBody({ intent, seed: i }),
            redirect: "manual",
          }).catch(() => null);
          await response?.arrayBuffer();
          // 0: no answer at all (the app down), which the checks count as a failure.
          writes.statuses.push(response?.status ?? 0);
          if (!response) break;
          if (response.status === 302 && response.headers.get("location")?.split("?")[0] === acknowledgedAt(writer, intent, quarter)) {
            (intent === "submit" ? writes.acknowledged : writes.drafts).push(writer);
            break;
          }
          // Refused as already done: a 503 whose commit had in fact landed (ADR 0020).
          if (response.status === 409) {
            writes.refused.push(writer);
            break;
          }
          await pause(50);
        }
        await pause(50);
      }
    }),
  ).then(() => writes);
  return { writes, done };
}

describe("when PostgreSQL restarts under load", () => {
  it("reports 503 during the outage and 200 after, answers 503 pages meanwhile, and keeps what it acknowledged", { timeout: 120_000 }, async () => {
    const quarter = quarterOf(today()).key;
    const writers = await submitters(app.db.handles.owner, { count: 8, quarter });
    const coordinator = await signedIn(app.url, "coordinator@cleveland.demo.test");
    const statuses: number[] = [];
    let loading = true;
    const load = (async () => {
      while (loading) {
        const response = await coordinator.get("/p/cleveland/orgs").catch(() => null);
        if (response) {
          statuses.push(response.status);
          await response.arrayBuffer().catch(() => {});
        }
      }
    })();
    // Sign-ins acknowledged while the load runs: each created a session that must survive.
    const acknowledged: Client[] = [];
    for (const email of ["board@cleveland.demo.test", "orgadmin@cleveland.demo.test"]) acknowledged.push(await signedIn(app.url, email));
    // Returns being saved across the restart: some before it, some pressing Try again through it.
    const saving = writeReturns(writers, quarter);
    await until(async () => saving.writes.acknowledged.length + saving.writes.drafts.length >= 2, "the first returns to be saved");

    pg.halt();
    try {
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

      await until(async () => saving.writes.statuses.includes(503), "a save to meet the outage");
    } finally {
      // Started again even when a check above fails, so the tests after this one have a database.
      pg.resume();
    }
    await until(async () => (await health()) === 200, "healthz to recover");
    await until(async () => (await coordinator.get("/p/cleveland/orgs")).status === 200, "pages to recover");
    loading = false;
    await load;
    const writes = await saving.done;
    // Every save got through in the end (or had, unseen, before its 503), and each failure was a 503.
    expect(writes.acknowledged.length + writes.drafts.length + writes.refused.length).toBe(writers.length);
    expect(writes.statuses.filter((s) => s !== 302 && s !== 409 && s !== 503)).toEqual([]);
    expect(await checkAfterLoad(app.db.handles, writes)).toMatchObject({ missing: 0, halfWritten: 0, drift: 0 });

    expect(app.alive()).toBe(true);
    expect(statuses).toContain(200);
    // During the outage every page says so plainly (503), never a generic 500.
    expect(
      statuses.every((s) => s === 200 || s === 503),
      String([...new Set(statuses)]),
    ).toBe(true);
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

describe("when every database connection is killed every 250 ms under a mixed load", () => {
  it("answers 503 for what it could not do, keeps every write it acknowledged, and leaves none half-written", { timeout: 120_000 }, async () => {
    const owner = app.db.handles.owner;
    const quarter = quarterOf(today()).key;
    const loadWriters = await submitters(owner, { count: 8, quarter });
    const pacedWriters = await submitters(owner, { count: 6, quarter });
    const reader = await boardMember(owner, "cleveland", "faults");
    let killing = true;
    let kills = 0;
    const killer = (async () => {
      while (killing) {
        const result = await adminQuery(pg.url, "select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where usename = 'gt_web'");
        kills += result.rows[0].n;
        await pause(250);
      }
    })();
    const saving = writeReturns(pacedWriters, quarter);
    const load = await runMixedLoad({
      origin: app.url,
      seconds: 5,
      connections: 4,
      reads: ["/p/cleveland", "/p/cleveland/returns", "/p/cleveland/orgs"],
      readerCookie: reader.cookie,
      submitters: loadWriters,
      quarter,
      logins: [],
    });
    const paced = await saving.done;
    killing = false;
    await killer;

    expect(kills).toBeGreaterThan(0);
    expect(app.alive()).toBe(true);
    expect(load.run.errors).toBe(0);
    // Whatever a kill interrupted was answered 503 (nothing saved, try again), never a bare 500.
    const failures = Object.keys(load.run.statuses ?? {})
      .map(Number)
      .filter((s) => s >= 500 && s !== 503);
    expect(failures).toEqual([]);
    expect(paced.statuses.filter((s) => s !== 302 && s !== 409 && s !== 503)).toEqual([]);
    expect(paced.acknowledged.length + paced.drafts.length + paced.refused.length).toBe(pacedWriters.length);
    expect(load.acknowledged.length + load.drafts.length + paced.acknowledged.length + paced.drafts.length).toBeGreaterThan(0);
    const writes: WritesOf = {
      attempted: [...load.attempted, ...paced.attempted],
      acknowledged: [...load.acknowledged, ...paced.acknowledged],
      drafts: [...load.drafts, ...paced.drafts],
      quarter,
    };
    expect(await checkAfterLoad(app.db.handles, writes)).toMatchObject({ missing: 0, halfWritten: 0, drift: 0 });
    await until(async () => (await fetch(`${app.url}/p/cleveland/returns`, { headers: { cookie: reader.cookie } })).status === 200, "pages once the kills stop", 10_000);
  });
});

/** A post sent a few bytes at a time, as over a poor connection; resolves with the answer's status and location. */
function trickle(path: string, cookie: string, body: string, options: { chunks: number; pauseMs: number }): Promise<{ status: number; location: string | null }> {
  const { hostname, port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("error", reject);
    socket.on("end", () => {
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      resolve({ status, location: /\r\nlocation: ([^\r]*)/i.exec(answer)?.[1] ?? null });
    });
    socket.on("connect", async () => {
      const bytes = Buffer.from(body);
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${app.url}\r\nCookie: ${cookie}\r\nContent-Type: ${FORM}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`,
      );
      const size = Math.ceil(bytes.length / options.chunks);
      for (let i = 0; i < bytes.length; i += size) {
        await pause(options.pauseMs);
        socket.write(bytes.subarray(i, i + size));
      }
    });
  });
}

describe("when some clients send their forms slowly", () => {
  it("serves everyone else meanwhile and stores each slow submission whole", { timeout: 120_000 }, async () => {
    const owner = app.db.handles.owner;
    const quarter = quarterOf(today()).key;
    // More slow senders than the pool has connections (10), each slower than a connection may be
    // waited for (5 s): a handler holding a connection while it reads the body would starve the rest.
    const slow = await submitters(owner, { count: 11, quarter });
    const loadWriters = await submitters(owner, { count: 6, quarter });
    const reader = await boardMember(owner, "cleveland", "slow");
    const sending = slow.map((s, i) =>
      trickle(`/p/${s.slug}/orgs/${s.organisationId}/returns/${quarter}`, s.cookie, returnFormBody({ intent: "submit", seed: 100 + i }), { chunks: 30, pauseMs: 200 }),
    );
    const load = await runMixedLoad({
      origin: app.url,
      seconds: 4,
      connections: 4,
      reads: ["/p/cleveland", "/p/cleveland/returns"],
      readerCookie: reader.cookie,
      submitters: loadWriters,
      quarter,
      logins: [],
    });
    const answers = await Promise.all(sending);

    expect(load.run.byClass["5xx"]).toBe(0);
    expect(load.run.errors).toBe(0);
    expect(load.refused).toEqual([]);
    expect(answers.map((a, i) => `${a.status} ${a.location?.split("?")[0] === acknowledgedAt(slow[i], "submit", quarter)}`)).toEqual(slow.map(() => "302 true"));
    const writes: WritesOf = { attempted: [...load.attempted, ...slow], acknowledged: [...load.acknowledged, ...slow], drafts: load.drafts, quarter };
    expect(await checkAfterLoad(app.db.handles, writes)).toMatchObject({ missing: 0, halfWritten: 0, drift: 0 });
    expect(app.alive()).toBe(true);
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
    const values = await owner
      .selectFrom("return_values")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("organisation_id", "=", organisation.id)
      .where("quarter", "=", quarter)
      .executeTakeFirstOrThrow();
    expect(Number(values.n)).toBe(0);

    await adminQuery(app.db.ownerUrl, "drop trigger test_stall on return_values; drop function test_stall()");
    const retry = await orgadmin.post(path, form);
    expect(retry.status).toBe(302);
    expect(await stored()).toMatchObject({ status: "submitted", version: 1 });
    expect(app.alive()).toBe(true);
  });
});
