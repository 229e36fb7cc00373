/**
 * Dashboards may read from a streaming replica; a person who has just written reads from the
 * primary until the replica has replayed their write. A real replica (pg_basebackup) proves both.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases, installDatabases, openDatabases, type DatabaseHandles } from "~/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { clockReading } from "~/modules/platform/clock.server";
import { migrateToLatest } from "~/modules/platform/migrate.server";
import { readDatabase, rememberWrite } from "~/modules/platform/read-routing.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { seedDemo } from "../../db/seed/demo";
import { startPgServer, startReplica, type PgServer } from "../../scripts/lib/pg-server";
import { adminQuery, databaseUrl, ensureAppRoles } from "../../scripts/lib/test-templates";

let primary: PgServer;
let replica: PgServer;
let handles: DatabaseHandles;
const DB = "gt_replicated";

async function waitFor(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const inRecovery = async (db: Awaited<ReturnType<typeof readDatabase>>) => (await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(db)).rows[0].r;

beforeAll(async () => {
  primary = await startPgServer({ replication: true });
  await ensureAppRoles(primary.url);
  await adminQuery(primary.url, `create database ${DB}`);
  handles = openDatabases({
    databaseUrl: databaseUrl(primary.url, DB, "app"),
    ownerUrl: databaseUrl(primary.url, DB),
  });
  await migrateToLatest(handles.owner);
  await seedDemo(handles.owner, { hashPassword, ...clockReading() });
  await handles.close();
  replica = await startReplica(primary);
  handles = openDatabases({
    databaseUrl: databaseUrl(primary.url, DB, "app"),
    ownerUrl: databaseUrl(primary.url, DB),
    readUrl: databaseUrl(replica.url, DB, "app"),
  });
  installDatabases(handles);
}, 120_000);

afterAll(async () => {
  await closeDatabases();
  replica?.stop();
  primary?.stop();
});

describe("reading from a streaming replica", () => {
  it("sends a dashboard read to the replica when the person has written nothing", async () => {
    const db = await readDatabase(new Request("http://x/p/cleveland"));
    expect(await inRecovery(db)).toBe(true);
    const count = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBeGreaterThan(0);
  });

  it("reads a person's own write from the primary until the replica has replayed it, then from the replica", async () => {
    const { id: cleveland } = await handles.owner.selectFrom("partnerships").select("id").where("slug", "=", "cleveland").executeTakeFirstOrThrow();
    // A pause takes effect at the next WAL record: write one and wait until replay reports "paused".
    await adminQuery(databaseUrl(replica.url, DB), "select pg_wal_replay_pause()");
    await waitFor(async () => {
      await adminQuery(primary.url, "create table if not exists wal_tick (at timestamptz); insert into wal_tick values (now())");
      return (await adminQuery(replica.url, "select pg_get_wal_replay_pause_state() as s")).rows[0].s === "paused";
    }, "replay to pause");

    await withPartnership(cleveland, null, (tx) => tx.insertInto("boroughs").values({ partnership_id: cleveland, name: "Darlington", ons_code: "E06000005" }).execute());
    const headers = new Headers();
    await rememberWrite(new Request("http://x/p/cleveland/boroughs", { method: "POST" }), headers);
    const cookie = headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^gt_written_at=[0-9A-F]+\/[0-9A-F]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=120/);

    const boroughs = (db: Awaited<ReturnType<typeof readDatabase>>) =>
      withPartnership(cleveland, null, async (tx) => (await tx.selectFrom("boroughs").select("name").where("partnership_id", "=", cleveland).execute()).map((b) => b.name), { db });
    const writer = new Request("http://x/p/cleveland", { headers: { Cookie: cookie.split(";")[0] } });
    const stranger = new Request("http://x/p/cleveland");

    const forWriter = await readDatabase(writer);
    expect(await inRecovery(forWriter)).toBe(false);
    expect(await boroughs(forWriter)).toContain("Darlington");
    const forStranger = await readDatabase(stranger);
    expect(await inRecovery(forStranger)).toBe(true);
    expect(await boroughs(forStranger)).not.toContain("Darlington");

    await adminQuery(databaseUrl(replica.url, DB), "select pg_wal_replay_resume()");
    await waitFor(async () => inRecovery(await readDatabase(writer)), "the replica to catch up");
    expect(await boroughs(await readDatabase(writer))).toContain("Darlington");
  });

  it("ignores a forged or malformed position cookie", async () => {
    const db = await readDatabase(new Request("http://x/", { headers: { Cookie: "gt_written_at=0/0'; drop table users;--" } }));
    expect(await inRecovery(db)).toBe(true);
  });
});
