/**
 * A throwaway PostgreSQL server for tests and benchmarks: initdb into a temporary folder (as the
 * `postgres` user when running as root, since initdb refuses root), a free port on 127.0.0.1,
 * durability traded for speed, removed on stop. See docs/decisions/0003-test-databases.md.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface PgServer {
  /** Superuser connection to the `postgres` database. */
  url: string;
  port: number;
  dataDir: string;
  binDir: string;
  stop(): void;
  /** Runs a PostgreSQL binary (pg_dump, pg_basebackup…) as the server's OS user. */
  run(binary: string, args: string[], options?: { input?: string }): string;
  /** Stops the server but keeps its data (for fault tests); `resume` starts it again on the same port. */
  halt(): void;
  resume(): void;
}

export function findPgBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    // pg_config is optional
  }
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    for (const version of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(root, version, "bin"));
  }
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "postgres")));
  if (!found) throw new Error("No PostgreSQL server binaries found. Install Debian's `postgresql` package, or set TEST_DATABASE_URL.");
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = () => process.getuid?.() === 0;

function asServerUser(binary: string, args: string[], options: { input?: string; stdio?: "pipe" | "inherit" } = {}) {
  const command = isRoot() ? "runuser" : binary;
  const fullArgs = isRoot() ? ["-u", "postgres", "--", binary, ...args] : args;
  const result = spawnSync(command, fullArgs, { encoding: "utf8", input: options.input, stdio: options.stdio ?? "pipe" });
  if (result.status !== 0) throw new Error(`${path.basename(binary)} failed (${result.status}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

export async function startPgServer(options: { settings?: Record<string, string>; replication?: boolean } = {}): Promise<PgServer> {
  const binDir = findPgBinDir();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "gt-pg-"));
  const dataDir = path.join(base, "data");
  const socketDir = path.join(base, "socket");
  fs.mkdirSync(socketDir);
  if (isRoot()) execFileSync("chown", ["-R", "postgres:postgres", base]);
  asServerUser(path.join(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  if (options.replication) {
    fs.appendFileSync(path.join(dataDir, "pg_hba.conf"), "\nhost replication all 127.0.0.1/32 trust\n");
  }
  const port = await freePort();
  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    port: String(port),
    unix_socket_directories: socketDir,
    fsync: "off",
    synchronous_commit: "off",
    full_page_writes: "off",
    max_connections: "300",
    shared_buffers: "256MB",
    ...(options.replication ? { wal_level: "replica", max_wal_senders: "5" } : {}),
    ...options.settings,
  };
  // In postgresql.conf, not on the command line: a setting given with -c outranks ALTER SYSTEM, and
  // the benchmark turns durability back on with ALTER SYSTEM after loading.
  fs.appendFileSync(
    path.join(dataDir, "postgresql.conf"),
    "\n# Golden Thread test server\n" +
      Object.entries(settings)
        .map(([k, v]) => `${k} = '${v}'\n`)
        .join(""),
  );
  const logFile = path.join(base, "server.log");
  const pgCtlStart = () => asServerUser(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"]);
  pgCtlStart();

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      asServerUser(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
    } catch {
      // already stopped
    }
    fs.rmSync(base, { recursive: true, force: true });
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    binDir,
    stop,
    run: (binary, args, runOptions) => asServerUser(path.join(binDir, binary), args, runOptions),
    halt: () => asServerUser(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"]),
    resume: pgCtlStart,
  };
}

/**
 * A streaming replica of `primary` (started with `replication: true`): pg_basebackup with -R writes
 * the standby settings, then the copy starts read-only on a port of its own.
 */
export async function startReplica(primary: PgServer): Promise<PgServer> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), "gt-pg-replica-"));
  const dataDir = path.join(base, "data");
  const socketDir = path.join(base, "socket");
  fs.mkdirSync(socketDir);
  if (isRoot()) execFileSync("chown", ["-R", "postgres:postgres", base]);
  asServerUser(path.join(primary.binDir, "pg_basebackup"), [
    "-h",
    "127.0.0.1",
    "-p",
    String(primary.port),
    "-U",
    "postgres",
    "-D",
    dataDir,
    "-R",
    "-X",
    "stream",
    "--checkpoint=fast",
    "--no-sync",
  ]);
  const port = await freePort();
  // A hot standby needs at least the primary's connection and sender limits.
  const opts = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${socketDir} -c hot_standby=on -c fsync=off -c max_connections=300 -c max_wal_senders=5 -c shared_buffers=128MB`;
  try {
    asServerUser(path.join(primary.binDir, "pg_ctl"), ["-D", dataDir, "-o", opts, "-l", path.join(base, "server.log"), "-w", "-t", "60", "start"]);
  } catch (error) {
    const log = fs.readFileSync(path.join(base, "server.log"), "utf8").slice(-2000);
    fs.rmSync(base, { recursive: true, force: true });
    throw new Error(`${(error as Error).message}\n${log}`);
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    binDir: primary.binDir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        asServerUser(path.join(primary.binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      fs.rmSync(base, { recursive: true, force: true });
    },
    run: (binary, args, runOptions) => asServerUser(path.join(primary.binDir, binary), args, runOptions),
    halt: () => asServerUser(path.join(primary.binDir, "pg_ctl"), ["-D", dataDir, "-m", "fast", "-w", "stop"]),
    resume: () => asServerUser(path.join(primary.binDir, "pg_ctl"), ["-D", dataDir, "-o", opts, "-l", path.join(base, "server.log"), "-w", "-t", "60", "start"]),
  };
}
