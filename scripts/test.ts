/**
 * `npm test`: every test — unit, integration on real PostgreSQL, e2e in Chromium — against one
 * PostgreSQL server: TEST_DATABASE_URL if given (a superuser URL), otherwise a throwaway server
 * started here and removed afterwards. Extra arguments go to vitest (e.g. a file to run alone).
 */
import "./lib/one-day-run";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfStale } from "./build";
import { startPgServer, type PgServer } from "./lib/pg-server";
import { prepareTemplates } from "./lib/test-templates";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(`Chromium is needed for the end-to-end tests and was not found at ${chromium}. Install Debian's chromium package (see .ci/run) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const started = performance.now();
let server: PgServer | undefined;
let url = process.env.TEST_DATABASE_URL;
if (!url) {
  server = await startPgServer();
  url = server.url;
  console.log(`Started a throwaway PostgreSQL server on port ${server.port}`);
}
process.on("exit", () => server?.stop());
process.on("SIGINT", () => process.exit(130));

let status = 1;
try {
  await prepareTemplates(url);
  buildIfStale();
  const env: NodeJS.ProcessEnv = { ...process.env, GT_TEST_PG_URL: url, GT_TEST_TEMPLATES_READY: "1", NODE_ENV: "test" };
  const vitest = (args: string[]) =>
    spawnSync(process.execPath, [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "tests/vitest.config.ts", ...args], {
      cwd: root,
      env,
      stdio: "inherit",
    }).status ?? 1;

  const extra = process.argv.slice(2);
  if (extra.length) status = vitest(extra);
  else {
    status = vitest(["--project", "unit", "--project", "integration"]);
    if (status === 0) status = vitest(["--project", "e2e"]);
  }
} catch (error) {
  console.error(error);
  status = 1;
}
console.log(`\nTests ${status === 0 ? "passed" : "FAILED"} in ${Math.round((performance.now() - started) / 1000)} s`);
server?.stop();
process.exit(status);
