/**
 * A database of the test file's own, copied from a template, as both engines' handles: `app`
 * runs as the RLS-bound role, `owner` as the schema owner (for setting up and checking facts).
 */
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabases, openDatabases, installDatabases, type DatabaseHandles } from "~/db.server";
import { copyTemplate, databaseUrl, dropDatabase, type TemplateName } from "../../scripts/lib/test-templates";
import { seedDemo } from "../../db/seed/demo";
import { hashPassword } from "~/modules/auth/password.server";
import { APP_DEMO_STEPS } from "~/modules/platform/app-demo-steps.server";
import { clockReading, setClock } from "~/modules/platform/clock.server";

export interface TestDatabase {
  name: string;
  serverUrl: string;
  appUrl: string;
  ownerUrl: string;
  handles: DatabaseHandles;
}

export async function createTestDatabase(template: TemplateName = "empty", options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const serverUrl = inject("pgUrl");
  const name = await copyTemplate(serverUrl, template);
  const appUrl = databaseUrl(serverUrl, name, "app");
  const ownerUrl = databaseUrl(serverUrl, name);
  const handles = openDatabases({ databaseUrl: appUrl, ownerUrl, poolSize: options.poolSize });
  return { name, serverUrl, appUrl, ownerUrl, handles };
}

export async function dropTestDatabase(db: TestDatabase) {
  await db.handles.close();
  await dropDatabase(db.serverUrl, db.name);
}

/**
 * The file's database, installed as the process's databases() so module code under test uses it.
 * Returns a getter, since the database exists only once beforeAll has run.
 *
 * `asOf` is for a file whose story needs a point in the year (a mid-year review opens only once
 * the second quarter has ended): the file's clock stops at that instant from here on, and the demo
 * is loaded as of it, so the file passes whatever the real date is.
 */
export function useTestDatabase(template: TemplateName = "empty", options: { poolSize?: number; asOf?: string } = {}) {
  let db: TestDatabase | undefined;
  if (options.asOf) setClock(options.asOf);
  beforeAll(async () => {
    db = await createTestDatabase(options.asOf ? "empty" : template, options);
    installDatabases(db.handles);
    if (options.asOf) await loadDemoNow(db);
  });
  afterAll(async () => {
    await closeDatabases();
    if (db) await dropDatabase(db.serverUrl, db.name);
    if (options.asOf) setClock(null);
  });
  return () => {
    if (!db) throw new Error("The test database is made in beforeAll; use it inside a test or hook");
    return db;
  };
}

/** The demo, loaded into an empty test database as of this process's clock (as `npm start` would). */
export async function loadDemoNow(db: TestDatabase) {
  await seedDemo(db.handles.owner, { hashPassword, ...clockReading(), steps: APP_DEMO_STEPS });
}

/**
 * A demo database on a server of its own (for tests that stop or restart PostgreSQL, which must
 * not disturb the shared test server): roles, migrations and the demo, made from scratch.
 */
export async function createStandaloneDemoDatabase(serverUrl: string): Promise<TestDatabase> {
  const { ensureAppRoles, adminQuery } = await import("../../scripts/lib/test-templates");
  const { migrateToLatest } = await import("~/modules/platform/migrate.server");
  const name = "gt_standalone";
  await ensureAppRoles(serverUrl);
  await adminQuery(serverUrl, `create database ${name}`);
  const appUrl = databaseUrl(serverUrl, name, "app");
  const ownerUrl = databaseUrl(serverUrl, name);
  const handles = openDatabases({ databaseUrl: appUrl, ownerUrl });
  await migrateToLatest(handles.owner);
  // The app's own steps too (roll-ups, review snapshots), as `npm start` loads it.
  await seedDemo(handles.owner, { hashPassword, ...clockReading(), steps: APP_DEMO_STEPS });
  return { name, serverUrl, appUrl, ownerUrl, handles };
}
