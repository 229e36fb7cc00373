/**
 * A production build of the app, served by `npm start`'s own script on a free port, over a
 * database of its own copied from a template. What the e2e and security tests talk to.
 */
import { afterAll, beforeAll } from "vitest";
import { spawnApp, type AppProcess } from "../../scripts/lib/app-process";
import type { TemplateName } from "../../scripts/lib/test-templates";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "./database";

export interface AppServer extends AppProcess {
  db: TestDatabase;
}

export async function startAppServer(
  options: { template?: TemplateName; env?: Record<string, string>; db?: TestDatabase } = {},
): Promise<AppServer> {
  const db = options.db ?? (await createTestDatabase(options.template ?? "demo"));
  let app: AppProcess;
  try {
    app = await spawnApp({ DATABASE_URL: db.appUrl, DATABASE_OWNER_URL: db.ownerUrl, GT_SEED_DEMO: "0", ...options.env });
  } catch (error) {
    if (!options.db) await dropTestDatabase(db);
    throw error;
  }
  return {
    ...app,
    db,
    async stop() {
      await app.stop();
      if (!options.db) await dropTestDatabase(db);
    },
  };
}

/** One server for the whole test file. */
export function useAppServer(options: Parameters<typeof startAppServer>[0] = {}) {
  let server: AppServer | undefined;
  beforeAll(async () => {
    server = await startAppServer(options);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error("The app server starts in beforeAll");
    return server;
  };
}
