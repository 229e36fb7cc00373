/**
 * The app process sends reminders itself when it runs on the embedded database: PGlite's folder
 * can be opened by one process only, so `npm run jobs:reminders` cannot while the app runs.
 * Once shortly after start, then every hour (GT_REMINDERS_EVERY_MINUTES to change it); each
 * reminder is still sent once, by its dedupe key, however often this runs.
 */
import { today } from "../platform/clock.server";
import { logger } from "../platform/logger.server";
import { runReminders } from "./reminders.server";
import { config } from "../platform/config.server";

export function reminderInterval(): number {
  return config().GT_REMINDERS_EVERY_MINUTES * 60 * 1000;
}

/** Starts the schedule; the returned function stops it (on shutdown). A run still going is never started twice. */
export function startReminderSchedule(options: { everyMs?: number; firstAfterMs?: number } = {}): () => void {
  let running = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const run = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const queued = await runReminders({ today: today() });
      const total = Object.values(queued).reduce((a, b) => a + b, 0);
      logger.info({ queued, total }, "reminders run");
    } catch (error) {
      logger.error({ err: error }, "reminders run failed");
    } finally {
      running = false;
      if (!stopped) timer = setTimeout(() => void run(), options.everyMs ?? reminderInterval()).unref();
    }
  };
  timer = setTimeout(() => void run(), options.firstAfterMs ?? 5_000).unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
