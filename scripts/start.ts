/**
 * `npm start`: builds if needed, migrates, loads the demo into an empty database, and serves on
 * PORT (default 3000). Embedded PostgreSQL in GT_DATA_DIR unless DATABASE_URL is set.
 */
process.env.NODE_ENV ??= "production";

import type { Server } from "node:http";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, hasDemoTwoFactor } from "../db/seed/accounts";
import { ConfigError, loadConfig, type Config } from "../app/modules/platform/config.server";
import { formatDateTime } from "../app/modules/platform/dates";
import { buildIfStale } from "./build";
import { embeddedDataDir, lockDataDir } from "./lib/data-dir-lock";
import { appLogger, loadBuild } from "./lib/load-build";
import { createHttpApp } from "./server/http";

// Every variable checked before anything else, and every problem said at once (README's table).
let settings: Config;
try {
  settings = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`${error.message}\nFix ${error.problems.length === 1 ? "it" : "them"} and start again (the README lists every variable).`);
  process.exit(1);
}
const port = settings.PORT;
const embedded = !settings.DATABASE_URL;
const host = settings.HOST ?? (embedded ? "127.0.0.1" : "0.0.0.0");
const appOrigin = settings.APP_ORIGIN ?? null;

if (settings.NODE_ENV === "production" && appOrigin?.startsWith("http://") && !/^http:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(appOrigin) && !settings.ALLOW_INSECURE_HTTP) {
  console.error(`APP_ORIGIN ${appOrigin} is plain HTTP. Serve Golden Thread over HTTPS (set APP_ORIGIN=https://…), or set ALLOW_INSECURE_HTTP=1 for a private test.`);
  process.exit(1);
}

const loopback = ["127.0.0.1", "localhost", "::1"].includes(host);
if (!appOrigin && !loopback) {
  // Links in emails (password resets, invitations) must not be built from a Host header anyone can send.
  console.error(
    `Golden Thread would listen on ${host}, beyond this machine, without APP_ORIGIN. Set APP_ORIGIN to the address people use (e.g. https://goldenthread.example.org), or HOST=127.0.0.1 to serve this machine only.`,
  );
  process.exit(1);
}

if (!settings.GT_SKIP_BUILD) buildIfStale();
const unlock = embedded ? lockDataDir(embeddedDataDir()) : () => {};
const build = await loadBuild();
const logger = appLogger(build);
const { prepareDatabase, closeDatabases, clockIsSet, now, startReminderSchedule } = build.entry.module;

let server: Server | undefined;
let stopReminders = () => {};
async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  stopReminders();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await closeDatabases();
  unlock();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
// A promise nobody awaited must not take every other person's request down with it.
process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));

try {
  const prepared = await prepareDatabase({ seedIfEmpty: settings.GT_SEED_DEMO !== "0" });
  const app = createHttpApp({ build, mode: "production", logger, appOrigin, trustProxy: settings.TRUST_PROXY });
  server = app.listen(port, host, () => {
    const address = server!.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    const url = appOrigin ?? `http://${host === "::1" ? "[::1]" : host}:${actualPort}`;
    // Links in emails point here when APP_ORIGIN is not set (platform/origin.server.ts).
    process.env.GT_SERVED_ORIGIN = url;
    // Only this process may open the embedded database, so it sends the reminders (npm run jobs:reminders cannot).
    if (embedded) stopReminders = startReminderSchedule();
    const lines = [
      "",
      `Golden Thread is running at ${url}`,
      `Database: ${prepared.engine === "pglite" ? `embedded PostgreSQL in ${embeddedDataDir()}` : "PostgreSQL at DATABASE_URL"}${prepared.seeded ? " (demo data loaded)" : ""}`,
      "",
      `Demo accounts (password: ${DEMO_PASSWORD}):`,
      ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(34)} ${describe(a)}${hasDemoTwoFactor(a) ? " *" : ""}`),
      `* two-factor sign-in: the sign-in page shows the demo code, or add the secret ${DEMO_TOTP_SECRET} to an authenticator app`,
      ...(clockIsSet() ? [`Clock set by GT_CLOCK: here it is ${formatDateTime(now())} (UK time), and every date rule follows`] : []),
      "",
    ];
    console.log(lines.join("\n"));
    logger.info({ url, engine: prepared.engine, port: actualPort }, "listening");
  });
} catch (error) {
  logger.error({ err: error }, "could not start");
  await closeDatabases().catch(() => {});
  unlock();
  process.exit(1);
}

function describe(a: (typeof DEMO_ACCOUNTS)[number]) {
  if (a.platformAdmin) return "platform administrator";
  if (a.partnership) return `${a.partnership.role === "board" ? "board member" : a.partnership.role}, ${a.partnership.slug}`;
  if (a.organisation) return `${a.organisation.role === "org_admin" ? "organisation admin" : "champion"}, ${a.organisation.name}`;
  return "";
}
