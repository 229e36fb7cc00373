/**
 * Reminders on the embedded database `npm start` uses (issue 21): the folder is the running app's
 * alone, so the app sends reminders itself, with links to the address it serves on, and
 * `npm run jobs:reminders` says so instead of failing with a stack trace.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnApp, type AppProcess } from "../../scripts/lib/app-process";
import { Client } from "../helpers/http-client";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gt-pglite-reminders-"));
const root = path.resolve(import.meta.dirname, "../..");
const embedded = { DATABASE_URL: undefined, DATABASE_OWNER_URL: undefined, DATABASE_READ_URL: undefined, APP_ORIGIN: undefined, SMTP_URL: undefined, GT_DATA_DIR: dataDir };
let app: AppProcess;

beforeAll(async () => {
  app = await spawnApp({ ...embedded, GT_SEED_DEMO: "1" }, { startTimeoutMs: 240_000 });
}, 250_000);

afterAll(async () => {
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

type Outbox = { messages: Array<{ id: string; kind: string }> };

describe("reminders on the embedded database", () => {
  it("are sent by the running app, linking to the address it serves on", { timeout: 150_000 }, async () => {
    const coordinator = new Client(app.url);
    await coordinator.signIn("coordinator@cleveland.demo.test");
    const reminders = async () => {
      const response = await coordinator.get(`/p/cleveland/outbox?_data=${encodeURIComponent("routes/p.$slug.outbox._index")}`);
      return ((await response.json()) as Outbox).messages.filter((m) => m.kind.startsWith("reminder:"));
    };
    // Wait for the app's first run (a few seconds after it starts); the outcome is asserted, not how long it took.
    let found = await reminders();
    for (let tries = 0; found.length === 0 && tries < 120; tries++) {
      await new Promise((r) => setTimeout(r, 1_000));
      found = await reminders();
    }
    expect(found.length, app.output()).toBeGreaterThan(0);
    const opened = await coordinator.get(`/p/cleveland/outbox/${found[0].id}?_data=${encodeURIComponent("routes/p.$slug.outbox.$message")}`);
    const { message } = (await opened.json()) as { message: { body_text: string } };
    const links = [...message.body_text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${app.url}/`), link).toBe(true);
  });

  it("has the command say that the running app sends them, without a stack trace", () => {
    const env: Record<string, string | undefined> = { ...process.env, ...embedded, NODE_ENV: "production" };
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "scripts/reminders.ts")], {
      cwd: root,
      env: env as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/is running on the embedded database .* sends the reminders itself/);
  });
});
