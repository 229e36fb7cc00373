/**
 * `npm run build`: compiles the GOV.UK-based stylesheet, then the Remix app (classic compiler).
 * `npm start` calls `buildIfStale` so a fresh clone needs no separate build step.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_BUILD = path.join(root, "build/index.js");
const STYLES_IN = path.join(root, "app/styles/app.scss");
export const STYLES_OUT = path.join(root, "app/styles/app.generated.css");

export function compileStyles() {
  const result = sass.compile(STYLES_IN, {
    loadPaths: [path.join(root, "node_modules")],
    style: "compressed",
    quietDeps: true,
    silenceDeprecations: ["import", "global-builtin", "mixed-decls", "color-functions", "slash-div"],
  });
  fs.writeFileSync(STYLES_OUT, result.css);
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(target)) {
    if (entry.endsWith(".generated.css")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function isBuildStale(): boolean {
  const built = fs.statSync(SERVER_BUILD, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = ["app", "db", "remix.config.js", "package-lock.json"].map((p) => newestMtime(path.join(root, p)));
  return built === 0 || Math.max(...sources) > built;
}

export function buildApp() {
  compileStyles();
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`remix build failed with exit code ${result.status}`);
}

export function buildIfStale(log: (message: string) => void = console.log) {
  if (!isBuildStale()) return false;
  log("Building Golden Thread (first start, or the code changed)…");
  buildApp();
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  buildApp();
}
