/**
 * A database of the test file's own, copied from a template, as both engines' handles: `app`
 * runs as the RLS-bound role, `owner` as the schema owner (for setting up and checking facts).
 */
import { afterAll, beforeAll, inject } from "vitest";
import { closeDatabases, openDatabases, installDatabases, type DatabaseHandles } from "~/db.server";
import { copyTemplate, databaseUrl, dropDatabase, type TemplateName } from "../../scripts/lib/test-templates";

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
 */
export function useTestDatabase(template: TemplateName = "empty", options: { poolSize?: number } = {}) {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase(template, options);
    installDatabases(db.handles);
  });
  afterAll(async () => {
    await closeDatabases();
    if (db) await dropDatabase(db.serverUrl, db.name);
  });
  return () => {
    if (!db) throw new Error("The test database is made in beforeAll; use it inside a test or hook");
    return db;
  };
}

/**
 * A demo database on a server of its own (for tests that stop or restart PostgreSQL, which must
 * not disturb the shared test server): roles, migrations and the demo, made from scratch.
 */
export async function createStandaloneDemoDatabase(serverUrl: string): Promise<TestDatabase> {
  const { ensureAppRoles, adminQuery } = await import("../../scripts/lib/test-templates");
  const { migrateToLatest } = await import("~/modules/platform/migrate.server");
  const { hashPassword } = await import("~/modules/auth/password.server");
  const { seedDemo } = await import("../../db/seed/demo");
  const { clockReading } = await import("~/modules/platform/clock.server");
  const name = "gt_standalone";
  await ensureAppRoles(serverUrl);
  await adminQuery(serverUrl, `create database ${name}`);
  const appUrl = databaseUrl(serverUrl, name, "app");
  const ownerUrl = databaseUrl(serverUrl, name);
  const handles = openDatabases({ databaseUrl: appUrl, ownerUrl });
  await migrateToLatest(handles.owner);
  await seedDemo(handles.owner, { hashPassword, ...clockReading() });
  return { name, serverUrl, appUrl, ownerUrl, handles };
}
