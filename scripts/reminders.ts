/**
 * `npm run jobs:reminders`: queues and sends every reminder that is due (pledge renewals, returns
 * coming due or overdue…), once each. Safe to run from cron every hour. `-- --today YYYY-MM-DD`
 * runs it as of another day.
 */
import { runReminders } from "../app/modules/notify/reminders.server";
import { today } from "../app/modules/platform/clock.server";
import { withCliDatabase } from "./lib/cli-database";

const at = process.argv.indexOf("--today");
const day = at > 0 ? process.argv[at + 1] : today();
if (!/^\d{4}-\d{2}-\d{2}$/.test(day ?? "")) {
  console.error("Give --today as YYYY-MM-DD");
  process.exit(1);
}
const origin = process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
const queued = await withCliDatabase(() => runReminders({ today: day, origin }));
const total = Object.values(queued).reduce((a, b) => a + b, 0);
console.log(total ? `Queued ${total} reminder(s): ${Object.entries(queued).map(([k, v]) => `${k} ${v}`).join(", ")}` : "No reminders due.");
