/**
 * The npm registry this project installs from holds only some platforms' builds of packages such
 * as rollup's native binaries. `npm install` then leaves the missing ones out of package-lock.json,
 * and `npm ci` refuses the lock as incomplete. This adds a lock entry, marked optional with its
 * os/cpu, for every optional dependency missing one; `npm ci` skips foreign platforms without
 * downloading them. Run after `npm install`: `npx tsx scripts/fix-lockfile.ts` (a test checks it).
 * See docs/decisions/0008-lockfile-platform-entries.md.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

interface LockEntry {
  version?: string;
  optional?: boolean;
  dev?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  optionalDependencies?: Record<string, string>;
}

const PLATFORM = /-(android|darwin|freebsd|linux|openbsd|openharmony|netbsd|sunos|aix|win32)-(arm64|x64|arm|ia32|loong64|ppc64|riscv64|s390x|mips64el)/;

/** Optional dependencies that have no entry in the lock, as [path they would have, name, version]. */
export function missingOptionalEntries(packages: Record<string, LockEntry>) {
  const missing: Array<{ name: string; version: string; dev: boolean }> = [];
  for (const [at, entry] of Object.entries(packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const nested = at ? `${at}/node_modules/${name}` : `node_modules/${name}`;
      if (!packages[nested] && !packages[`node_modules/${name}`]) missing.push({ name, version, dev: Boolean(entry.dev) });
    }
  }
  return missing;
}

export function fixLockfile(file: string) {
  const lock = JSON.parse(fs.readFileSync(file, "utf8")) as { packages: Record<string, LockEntry> };
  const added: string[] = [];
  for (const { name, version, dev } of missingOptionalEntries(lock.packages)) {
    const platform = PLATFORM.exec(name);
    if (!platform) throw new Error(`${name}@${version} is missing from the lock and is not a platform build: run npm install again`);
    const entry: LockEntry = { version, cpu: [platform[2]], os: [platform[1]], optional: true };
    if (dev) entry.dev = true;
    if (name.includes("-musl")) entry.libc = ["musl"];
    else if (name.includes("-gnu")) entry.libc = ["glibc"];
    lock.packages[`node_modules/${name}`] = entry;
    added.push(`${name}@${version}`);
  }
  const [rootEntry, ...rest] = Object.entries(lock.packages);
  lock.packages = Object.fromEntries([rootEntry, ...rest.sort(([a], [b]) => a.localeCompare(b))]);
  fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
  return added;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../package-lock.json");
  const added = fixLockfile(file);
  console.log(added.length ? `Added lock entries for ${added.length} platform builds` : "package-lock.json is complete");
}
