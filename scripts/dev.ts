/**
 * `npm run dev`: the same app with live rebuild. `remix watch` rebuilds the bundle and the
 * stylesheet is recompiled on change; the server imports the newest build on the next request
 * (refresh the page to see a change). The database stays open across rebuilds.
 */
process.env.NODE_ENV = "development";

import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { compileStyles, SERVER_BUILD } from "./build";
import { embeddedDataDir, lockDataDir } from "./lib/data-dir-lock";
import { appLogger, loadBuild, type AppBuild } from "./lib/load-build";
import { createHttpApp } from "./server/http";

const port = Number(process.env.PORT ?? 3000);
compileStyles();
fs.watch(path.resolve("app/styles"), (_event, file) => {
  if (file?.endsWith(".scss")) {
    try {
      compileStyles();
    } catch (error) {
      console.error(error);
    }
  }
});

const watcher = spawn(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "watch"], { stdio: "inherit" });
process.on("exit", () => watcher.kill());
process.on("SIGINT", () => process.exit(0));

while (!fs.existsSync(SERVER_BUILD)) await new Promise((r) => setTimeout(r, 250));
await new Promise((r) => setTimeout(r, 500));
if (!process.env.DATABASE_URL) lockDataDir(embeddedDataDir());

let current: { mtime: number; build: AppBuild } | undefined;
async function latestBuild() {
  const mtime = fs.statSync(SERVER_BUILD).mtimeMs;
  if (!current || current.mtime !== mtime) current = { mtime, build: await loadBuild(true) };
  return current.build;
}

const first = await latestBuild();
await first.entry.module.prepareDatabase();
const app = createHttpApp({ build: latestBuild, mode: "development", logger: appLogger(first), appOrigin: null });
app.listen(port, "127.0.0.1", () => {
  process.env.GT_SERVED_ORIGIN = `http://localhost:${port}`;
  console.log(`Golden Thread (development) at http://localhost:${port}`);
});
