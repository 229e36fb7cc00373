/**
 * A production build of the app, served by `npm start`'s own script on a free port, over a
 * database of its own copied from a template. What the e2e and security tests talk to.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { freePort } from "../../scripts/lib/pg-server";
import type { TemplateName } from "../../scripts/lib/test-templates";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "./database";

export interface AppServer {
  url: string;
  db: TestDatabase;
  /** The server's output so far (for debugging a failure). */
  output(): string;
  /** Whether the server process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../..");

export async function startAppServer(
  options: { template?: TemplateName; env?: Record<string, string>; db?: TestDatabase } = {},
): Promise<AppServer> {
  const db = options.db ?? (await createTestDatabase(options.template ?? "demo"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      GT_SEED_DEMO: "0",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      GT_SKIP_BUILD: "1",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app server exited during start:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The app server did not answer within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    url,
    db,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
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
