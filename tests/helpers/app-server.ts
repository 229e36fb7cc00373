/**
 * A production build of the app, served by `npm start`'s own script on a free port, over a
 * database of its own copied from a template. What the e2e and security tests talk to.
 */
import { afterAll, beforeAll } from "vitest";
import { spawnApp, type AppProcess } from "../../scripts/lib/app-process";
import type { TemplateName } from "../../scripts/lib/test-templates";
import { clockOffsetMs, setClock } from "~/modules/platform/clock.server";
import { createTestDatabase, dropTestDatabase, loadDemoNow, type TestDatabase } from "./database";

export interface AppServer extends AppProcess {
  db: TestDatabase;
}

export async function startAppServer(options: { template?: TemplateName; env?: Record<string, string>; db?: TestDatabase } = {}): Promise<AppServer> {
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

/**
 * One server for the whole test file. `asOf` is for a file whose story needs a point in the year:
 * this process's clock and the app's run on together from that instant, over a demo loaded then,
 * so the file passes whatever the real date is.
 */
export function useAppServer(options: Parameters<typeof startAppServer>[0] & { asOf?: string } = {}) {
  let server: AppServer | undefined;
  let ownDb: TestDatabase | undefined;
  if (options.asOf) setClock(options.asOf, { running: true });
  beforeAll(async () => {
    if (options.asOf) {
      ownDb = await createTestDatabase("empty");
      await loadDemoNow(ownDb);
      server = await startAppServer({ ...options, db: ownDb, env: { ...options.env, GT_CLOCK_OFFSET_MS: String(clockOffsetMs()) } });
    } else server = await startAppServer(options);
  });
  afterAll(async () => {
    await server?.stop();
    if (ownDb) await dropTestDatabase(ownDb);
    if (options.asOf) setClock(null);
  });
  return () => {
    if (!server) throw new Error("The app server starts in beforeAll");
    return server;
  };
}
