/**
 * Backups. On PostgreSQL: pg_dump in custom format, restored with pg_restore after wiping the
 * schema (run both as a superuser or a role with BYPASSRLS: row level security would otherwise
 * hide rows from the dump). On the embedded database: PGlite's own archive of its data folder.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { now } from "../../app/modules/platform/clock.server";
import { findPgBinDir } from "./pg-server";

function run(binary: string, args: string[]) {
  const result = spawnSync(path.join(findPgBinDir(), binary), args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${binary} failed: ${result.stderr || result.stdout}`);
  return result.stdout;
}

export function backupFileName(dir: string, at = now(), extension = "dump") {
  const stamp = at.toISOString().slice(0, 16).replace(":", "");
  return path.join(dir, `golden-thread-${stamp}.${extension}`);
}

export function backupPostgres(url: string, file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  run("pg_dump", ["--format=custom", "--file", file, "--dbname", url]);
  return file;
}

export async function restorePostgres(url: string, file: string) {
  if (!fs.existsSync(file)) throw new Error(`No backup file at ${file}`);
  run("pg_restore", ["--list", file]); // fails early on a file that is not a backup
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("drop schema public cascade");
    await client.query("create schema public");
  } finally {
    await client.end();
  }
  run("pg_restore", ["--clean", "--if-exists", "--exit-on-error", "--single-transaction", "--dbname", url, file]);
}

export async function backupEmbedded(dataDir: string, file: string) {
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(dataDir);
  try {
    const archive = await db.dumpDataDir("gzip");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
  } finally {
    await db.close();
  }
  return file;
}

export async function restoreEmbedded(dataDir: string, file: string) {
  if (!fs.existsSync(file)) throw new Error(`No backup file at ${file}`);
  const { PGlite } = await import("@electric-sql/pglite");
  const staging = `${dataDir}.restoring`;
  fs.rmSync(staging, { recursive: true, force: true });
  const db = await PGlite.create(staging, { loadDataDir: new Blob([fs.readFileSync(file)]) });
  await db.query("select 1");
  await db.close();
  // Swap only once the archive has opened cleanly, so a bad file never costs the current data.
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.renameSync(staging, dataDir);
}
