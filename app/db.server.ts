/**
 * The one database layer. With DATABASE_URL, Kysely over a `pg` Pool on a real PostgreSQL server;
 * without it, embedded PostgreSQL (PGlite) in GT_DATA_DIR (default `.data/`). Either way the app's
 * queries run as the RLS-bound role gt_app; migrations use the owner connection. One instance per
 * process, kept on globalThis so a rebuilt server bundle in development reuses it.
 */
import path from "node:path";
import fs from "node:fs";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { PGlite } from "@electric-sql/pglite";
import type { Database } from "../db/types";
import { PGliteDialect } from "./modules/platform/pglite-dialect.server";
import { logger } from "./modules/platform/logger.server";
import { config, type Config } from "./modules/platform/config.server";

export const APP_ROLE = "gt_app";

/** Same value shapes on both engines: counts as numbers, dates as 'YYYY-MM-DD', timestamps as Date. */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const parsers: Record<number, (value: string) => unknown> = {
  [INT8]: (v) => Number(v),
  [NUMERIC]: (v) => Number(v),
  [DATE]: (v) => v,
};

export interface DatabaseHandles {
  engine: "postgres" | "pglite";
  /** Runs as gt_app: every tenant query goes through here. */
  app: Kysely<Database>;
  /** Dashboards read here; the replica when DATABASE_READ_URL is set, otherwise `app`. */
  read: Kysely<Database>;
  /** Owner of the schema: migrations and demo seeding only. */
  owner: Kysely<Database>;
  /**
   * Hears NOTIFY on a channel over a connection of its own, reconnecting when it drops (then
   * `onGap`, since messages may have been missed). Embedded PGlite has one process: nothing to hear.
   */
  listen(channel: string, onMessage: (payload: string) => void, onGap: () => void): void;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  databaseUrl?: string;
  ownerUrl?: string;
  readUrl?: string;
  dataDir?: string;
  poolSize?: number;
}

export function configFromEnv(env: Config = config()): DatabaseConfig {
  return {
    databaseUrl: env.DATABASE_URL,
    ownerUrl: env.DATABASE_OWNER_URL,
    readUrl: env.DATABASE_READ_URL,
    dataDir: env.GT_DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
  };
}

const pgTypes = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    return parsers[oid] ?? pg.types.getTypeParser(oid, format);
  },
};

function pgPool(connectionString: string, options: { role?: string; max?: number }) {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A role that does not exist fails the connection instead of silently running as the login role.
    options: [options.role ? `-c role=${options.role}` : "", "-c statement_timeout=30000"].join(" ").trim(),
    types: pgTypes,
  });
  // A client losing its server (restart, terminate) must not crash the process. The pool listens
  // only while a client is idle; a client held between two queries of a transaction needs its own.
  pool.on("error", (error) => logger.warn({ err: error.message }, "idle database connection lost"));
  pool.on("connect", (client) => {
    client.on("error", (error) => logger.warn({ err: error.message }, "database connection lost"));
  });
  return pool;
}

/** A connection that only LISTENs, started again a second after it is lost. */
function listenOn(connectionString: string, channel: string, onMessage: (payload: string) => void, onGap: () => void) {
  let client: pg.Client | null = null;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  const connect = async (after: boolean) => {
    if (closed) return;
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
    c.on("notification", (n) => n.channel === channel && onMessage(n.payload ?? ""));
    c.on("error", (error) => {
      logger.warn({ err: error.message, channel }, "listening connection lost");
      c.end().catch(() => {});
      retry();
    });
    try {
      await c.connect();
      await c.query(`listen ${pg.escapeIdentifier(channel)}`);
      client = c;
      if (after) onGap();
    } catch (error) {
      logger.warn({ err: (error as Error).message, channel }, "could not listen for changes");
      c.end().catch(() => {});
      retry();
    }
  };
  const retry = () => {
    client = null;
    onGap();
    if (!closed && !timer) timer = setTimeout(() => ((timer = undefined), void connect(true)), 1_000).unref();
  };
  void connect(false);
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}

export function openDatabases(config: DatabaseConfig): DatabaseHandles {
  if (config.databaseUrl) {
    const appPool = pgPool(config.databaseUrl, { role: APP_ROLE, max: config.poolSize });
    const ownerPool = pgPool(config.ownerUrl ?? config.databaseUrl, { max: 2 });
    const readPool = config.readUrl ? pgPool(config.readUrl, { role: APP_ROLE, max: config.poolSize }) : null;
    const app = new Kysely<Database>({ dialect: new PostgresDialect({ pool: appPool }) });
    const read = readPool ? new Kysely<Database>({ dialect: new PostgresDialect({ pool: readPool }) }) : app;
    const owner = new Kysely<Database>({ dialect: new PostgresDialect({ pool: ownerPool }) });
    const listeners: Array<{ close(): Promise<void> }> = [];
    return {
      engine: "postgres",
      app,
      read,
      owner,
      listen(channel, onMessage, onGap) {
        listeners.push(listenOn(config.databaseUrl!, channel, onMessage, onGap));
      },
      async close() {
        await Promise.all(listeners.splice(0).map((l) => l.close()));
        await Promise.all([app.destroy(), owner.destroy(), read === app ? null : read.destroy()]);
      },
    };
  }

  const dataDir = path.resolve(config.dataDir ?? ".data");
  let instance: Promise<PGlite> | undefined;
  // A failed open is not kept: the next query tries again, so the app recovers without a restart.
  const open = () =>
    (instance ??= (async () => {
      fs.mkdirSync(dataDir, { recursive: true });
      const { PGlite } = await import("@electric-sql/pglite");
      return PGlite.create(dataDir, { parsers });
    })().catch((error: unknown) => {
      instance = undefined;
      throw error;
    }));
  const app = new Kysely<Database>({ dialect: new PGliteDialect(open, { role: APP_ROLE }) });
  const owner = new Kysely<Database>({ dialect: new PGliteDialect(open, { role: null }) });
  return {
    engine: "pglite",
    app,
    read: app,
    owner,
    listen() {},
    async close() {
      if (instance) await (await instance).close();
      instance = undefined;
    },
  };
}

const globalHandles = globalThis as unknown as { __goldenThreadDb?: DatabaseHandles };

/** The process's databases, opened on first use from the environment. */
export function databases(): DatabaseHandles {
  return (globalHandles.__goldenThreadDb ??= openDatabases(configFromEnv()));
}

/** Lets a test or script install its own handles (e.g. a per-worker database) before first use. */
export function installDatabases(handles: DatabaseHandles) {
  globalHandles.__goldenThreadDb = handles;
}

export async function closeDatabases() {
  const handles = globalHandles.__goldenThreadDb;
  globalHandles.__goldenThreadDb = undefined;
  await handles?.close();
}

/** True when the database answers within the time allowed (for /healthz). */
export async function databaseAnswers(timeoutMs = 2_000): Promise<boolean> {
  const probe = sql`select 1`.execute(databases().app).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([probe, timeout]);
}
