/**
 * What `npm start` does to a database before serving: migrate it, and load the demo when it is
 * empty (no partnerships at all), so one command shows the whole product.
 */
import { linkOrigin } from "./origin.server";
import { hasDemoPartnerships, removeDemo, seedDemo } from "../../../db/seed/demo";
import { databases } from "../../db.server";
import { hashPassword } from "../auth/password.server";
import { APP_DEMO_STEPS } from "./app-demo-steps.server";
import { clockReading } from "./clock.server";
import { logger } from "./logger.server";
import { migrateToLatest } from "./migrate.server";
import { announceEverythingChanged, listenForChanges } from "./partnership-changes.server";

export async function prepareDatabase(options: { seedIfEmpty?: boolean } = {}) {
  const { owner, engine } = databases();
  const applied = await migrateToLatest(owner);
  let seeded = false;
  if (options.seedIfEmpty ?? true) {
    const any = await owner.selectFrom("partnerships").select("id").limit(1).executeTakeFirst();
    if (!any) {
      await seedDemo(owner, { hashPassword, ...clockReading(), origin: linkOrigin(), steps: APP_DEMO_STEPS });
      seeded = true;
      logger.info("loaded demo data into an empty database");
    }
  }
  // Hear other processes' writes, so this one's dashboards are never stale (partnership-changes.server.ts).
  listenForChanges();
  return { engine, applied, seeded };
}

/** `npm run db:seed`: load the demo, replacing an earlier demo when asked to. */
export async function loadDemo(options: { replace: boolean }) {
  const { owner } = databases();
  await migrateToLatest(owner);
  if (await hasDemoPartnerships(owner)) {
    if (!options.replace) return { loaded: false as const, reason: "already has demo data" };
    await removeDemo(owner);
  }
  await seedDemo(owner, { hashPassword, ...clockReading(), origin: linkOrigin(), steps: APP_DEMO_STEPS });
  await announceEverythingChanged(owner);
  return { loaded: true as const };
}
