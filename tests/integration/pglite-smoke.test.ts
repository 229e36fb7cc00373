/**
 * The embedded engine is what `npm start` uses: the same migrations, the demo seed, and row level
 * security must hold on it too.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabases, installDatabases, closeDatabases } from "~/db.server";
import { signIn } from "~/modules/auth/login.server";
import { hashPassword } from "~/modules/auth/password.server";
import { APP_DEMO_STEPS } from "~/modules/platform/app-demo-steps.server";
import { clockReading } from "~/modules/platform/clock.server";
import { migrateToLatest } from "~/modules/platform/migrate.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { seedDemo } from "../../db/seed/demo";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gt-pglite-"));
const handles = openDatabases({ dataDir });
installDatabases(handles);

afterAll(async () => {
  await closeDatabases();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("embedded PostgreSQL (PGlite)", () => {
  it("applies every migration and loads the demo", { timeout: 120_000 }, async () => {
    const applied = await migrateToLatest(handles.owner);
    expect(applied.length).toBeGreaterThan(0);
    await seedDemo(handles.owner, { hashPassword, ...clockReading(), steps: APP_DEMO_STEPS });
    const slugs = await handles.owner.selectFrom("partnerships").select("slug").orderBy("slug").execute();
    expect(slugs.map((s) => s.slug)).toEqual(["cleveland", "hampshire"]);
  });

  it("runs the app's queries as gt_app under row level security", async () => {
    const unscoped = await handles.app.selectFrom("organisations").select("id").execute();
    expect(unscoped).toEqual([]);
    const { id } = await handles.owner.selectFrom("partnerships").select("id").where("slug", "=", "cleveland").executeTakeFirstOrThrow();
    const boroughs = await withPartnership(id, null, (tx) => tx.selectFrom("boroughs").select("name").orderBy("name").execute());
    expect(boroughs.map((b) => b.name)).toContain("Hartlepool");
    expect(boroughs).toHaveLength(4);
  });

  it("gives counts, dates and timestamps the same shapes as the PostgreSQL server", async () => {
    const row = await handles.owner
      .selectFrom("organisations")
      .select((eb) => [eb.fn.countAll().as("n"), eb.fn.max("quality_mark_expires_on").as("latest"), eb.fn.max("created_at").as("created")])
      .executeTakeFirstOrThrow();
    expect(typeof row.n).toBe("number");
    expect(row.latest).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.created).toBeInstanceOf(Date);
  });

  it("judges only five of 25 wrong passwords sent at once for one account", { timeout: 60_000 }, async () => {
    const attempts = await Promise.all(
      Array.from({ length: 25 }, () => signIn({ email: "champion@cleveland.demo.test", password: "not the password", clientAddress: "198.51.100.9" })),
    );
    expect(attempts.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(5);
    expect(attempts.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(20);
  });
});
