/**
 * `npm run db:seed-scale [-- --partnerships 43 --boroughs 300 --organisations 100000 --quarters 40]`:
 * synthetic national-scale data in the database at DATABASE_OWNER_URL / DATABASE_URL (a superuser:
 * triggers are switched off for the load). Defaults are the national figures; prints rows per second.
 */
import { migrateToLatest } from "../app/modules/platform/migrate.server";
import { today } from "../app/modules/platform/clock.server";
import { closeDatabases, openDatabases } from "../app/db.server";
import { generateScaleData, NATIONAL, type ScaleOptions } from "./lib/scale";

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} takes a whole number of 1 or more`);
    process.exit(1);
  }
  return value;
}

const url = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
if (!url) {
  console.error("Set DATABASE_URL (a PostgreSQL superuser) — national-scale data is for a real PostgreSQL server, not the embedded one.");
  process.exit(1);
}
const options: ScaleOptions = {
  partnerships: option("partnerships", NATIONAL.partnerships),
  boroughs: option("boroughs", NATIONAL.boroughs),
  organisations: option("organisations", NATIONAL.organisations),
  quarters: option("quarters", NATIONAL.quarters),
  today: today(),
  log: (line) => console.log(line),
};
const handles = openDatabases({ databaseUrl: url, ownerUrl: url });
try {
  await migrateToLatest(handles.owner);
  const started = performance.now();
  const { rows, slugs } = await generateScaleData(handles.owner, options);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\n${rows.toLocaleString("en-GB")} rows in ${seconds.toFixed(0)} s (${Math.round(rows / seconds).toLocaleString("en-GB")} rows/s); largest partnership: /p/${slugs[0]}`,
  );
} finally {
  await handles.close();
  await closeDatabases();
}
