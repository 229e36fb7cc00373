/**
 * The production server as its own process — `npm start`'s own script on a free port — for the
 * tests and the benchmark. Resolves once `/healthz` answers 200.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { freePort } from "./pg-server";

export interface AppProcess {
  url: string;
  /** The server's output so far (for debugging a failure). */
  output(): string;
  /** Whether the server process is still running. */
  alive(): boolean;
  stop(): Promise<void>;
}

const root = path.resolve(import.meta.dirname, "../..");

export async function spawnApp(env: Record<string, string | undefined>, options: { startTimeoutMs?: number } = {}): Promise<AppProcess> {
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
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      GT_SKIP_BUILD: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const timeout = options.startTimeoutMs ?? 60_000;
  const deadline = performance.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The app server exited during start:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`The app server did not answer within ${timeout / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    url,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
