/**
 * `npm run jobs:reminders`: queues and sends every reminder that is due (pledge renewals, returns
 * coming due or overdue…), once each. Safe to run from cron every hour. `-- --today YYYY-MM-DD`
 * runs it as of another day. On the embedded database the running app sends them itself
 * (app/modules/notify/schedule.server.ts): the database is its alone while it runs.
 */
import { runReminders } from "../app/modules/notify/reminders.server";
import { today } from "../app/modules/platform/clock.server";
import { withCliDatabase } from "./lib/cli-database";
import { dataDirHolder, embeddedDataDir } from "./lib/data-dir-lock";

const at = process.argv.indexOf("--today");
const day = at > 0 ? process.argv[at + 1] : today();
if (!/^\d{4}-\d{2}-\d{2}$/.test(day ?? "")) {
  console.error("Give --today as YYYY-MM-DD");
  process.exit(1);
}
const embedded = !process.env.DATABASE_URL;
const holder = embedded ? dataDirHolder(embeddedDataDir()) : null;
if (holder) {
  console.log(
    `Golden Thread is running on the embedded database in ${embeddedDataDir()} (process ${holder}), and sends the reminders itself: shortly after it starts, then every hour. Nothing to do here.`,
  );
  process.exit(0);
}
if (!process.env.APP_ORIGIN) {
  console.error(
    embedded
      ? "On the embedded database `npm start` sends reminders itself, shortly after it starts and then every hour. To send them now without the app, set APP_ORIGIN to the address people open Golden Thread at (e.g. APP_ORIGIN=http://127.0.0.1:3000), so the links in them work."
      : "Set APP_ORIGIN to the address people open Golden Thread at (e.g. https://goldenthread.example.org): the reminders link to it.",
  );
  process.exit(1);
}
const queued = await withCliDatabase(() => runReminders({ today: day }));
const total = Object.values(queued).reduce((a, b) => a + b, 0);
console.log(
  total
    ? `Queued ${total} reminder(s): ${Object.entries(queued)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")}`
    : "No reminders due.",
);
