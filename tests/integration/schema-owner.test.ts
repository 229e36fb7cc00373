/**
 * The README's recipe for a real PostgreSQL server: the schema is owned by an ordinary role (not a
 * superuser, no BYPASSRLS), so row level security, which is forced, binds it too. Migrating,
 * seeding and starting a partnership must all work there, and a seed that fails part way must
 * leave nothing behind.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { closeDatabases, installDatabases, openDatabases, type DatabaseHandles } from "~/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { clockReading } from "~/modules/platform/clock.server";
import { migrateToLatest } from "~/modules/platform/migrate.server";
import { startPartnership } from "~/modules/tenancy/partnership-setup.server";
import { seedDemo } from "../../db/seed/demo";
import { spawnApp } from "../../scripts/lib/app-process";
import { adminQuery, APP_LOGIN } from "../../scripts/lib/test-templates";
import { Client } from "../helpers/http-client";

const suffix = randomBytes(4).toString("hex");
const ownerRole = `gt_owner_${suffix}`;
const database = `gt_recipe_${suffix}`;
let handles: DatabaseHandles;

const urlAs = (user: string, password: string) => {
  const url = new URL(inject("pgUrl"));
  url.username = user;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
};

beforeAll(async () => {
  const server = inject("pgUrl");
  await adminQuery(server, `create role ${ownerRole} login password 'owner' createrole nosuperuser nobypassrls`);
  await adminQuery(server, `create database ${database} owner ${ownerRole}`);
  handles = openDatabases({ databaseUrl: urlAs(APP_LOGIN.user, APP_LOGIN.password), ownerUrl: urlAs(ownerRole, "owner") });
  installDatabases(handles);
});

afterAll(async () => {
  await closeDatabases();
  const server = inject("pgUrl");
  await adminQuery(server, `drop database if exists ${database} with (force)`);
  await adminQuery(server, `drop owned by ${ownerRole}`).catch(() => {});
  await adminQuery(server, `drop role if exists ${ownerRole}`);
});

const userCount = async () =>
  Number(
    (
      await handles.owner
        .selectFrom("users")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("a schema owned by an ordinary role", () => {
  it("migrates, and a seed that fails part way leaves no accounts or partnerships behind", { timeout: 120_000 }, async () => {
    await migrateToLatest(handles.owner);
    const failing = seedDemo(handles.owner, {
      hashPassword,
      ...clockReading(),
      steps: [
        async () => {
          throw new Error("a step that fails");
        },
      ],
    });
    await expect(failing).rejects.toThrow("a step that fails");
    expect(await userCount()).toBe(0);
    expect(await handles.owner.selectFrom("partnerships").select("id").execute()).toEqual([]);
  });

  it("loads the demo", { timeout: 120_000 }, async () => {
    await seedDemo(handles.owner, { hashPassword, ...clockReading() });
    expect(await userCount()).toBe(8);
    const slugs = await handles.owner.selectFrom("partnerships").select("slug").orderBy("slug").execute();
    expect(slugs.map((s) => s.slug)).toEqual(["cleveland", "hampshire"]);
  });

  it("starts a partnership", async () => {
    const admin = await handles.owner.selectFrom("users").select("id").where("email", "=", "admin@demo.test").executeTakeFirstOrThrow();
    const outcome = await startPartnership({
      adminId: admin.id,
      slug: "durham",
      name: "Durham Restorative Partnership",
      county: "Durham",
      coordinatorName: "Ruth Ainsworth",
      coordinatorEmail: "ruth@durham.example",
      origin: "http://localhost:3000",
    });
    expect(outcome).toMatchObject({ ok: true, slug: "durham" });
  });

  it("runs as the README's recipe writes it: npm run db:migrate and db:seed as the owner, npm start as the app's login", { timeout: 180_000 }, async () => {
    const server = inject("pgUrl");
    const fresh = `${database}_recipe`;
    await adminQuery(server, `create database ${fresh} owner ${ownerRole}`);
    try {
      const url = (user: string, password: string) => {
        const u = new URL(server);
        u.username = user;
        u.password = password;
        u.pathname = `/${fresh}`;
        return u.toString();
      };
      const owner = url(ownerRole, "owner");
      const run = (script: string) =>
        spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), script], { env: { ...process.env, DATABASE_URL: owner }, encoding: "utf8", timeout: 120_000 });
      const migrated = run("scripts/migrate.ts");
      expect(migrated.status, migrated.stderr).toBe(0);
      const seeded = run("scripts/seed.ts");
      expect(seeded.status, seeded.stderr).toBe(0);
      expect(seeded.stdout).toContain("Demo data loaded");
      const app = await spawnApp({ DATABASE_URL: url(APP_LOGIN.user, APP_LOGIN.password), DATABASE_OWNER_URL: owner, GT_SEED_DEMO: "0" });
      try {
        const client = new Client(app.url);
        expect((await client.get("/healthz")).status).toBe(200);
        const signedIn = await client.post("/login", { email: "champion@cleveland.demo.test", password: "golden-thread-demo" });
        expect(signedIn.status, app.output()).toBe(302);
        // The champion's own organisation page, read as gt_app under row level security.
        const landing = await client.get(signedIn.headers.get("Location")!);
        expect(landing.status).toBe(200);
        expect(await landing.text()).toContain("Hartlepool Borough Council");
      } finally {
        await app.stop();
      }
    } finally {
      await adminQuery(server, `drop database if exists ${fresh} with (force)`);
    }
  });
});
