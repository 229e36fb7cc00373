/**
 * `npm run db:restore -- FILE`: replaces the database with a backup made by `npm run db:backup`.
 * Everything now in the database is lost, so it asks for `--yes` unless CI or a test runs it.
 */
import { restoreEmbedded, restorePostgres } from "./lib/backup";
import { embeddedDataDir, lockDataDir } from "./lib/data-dir-lock";

const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
if (!file) {
  console.error("Give the backup file: npm run db:restore -- backups/golden-thread-….dump --yes");
  process.exit(1);
}
if (!process.argv.includes("--yes")) {
  console.error(`This replaces everything in the database with ${file}. Run again with --yes to go ahead.`);
  process.exit(1);
}
const url = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;
if (url) {
  await restorePostgres(url, file);
} else {
  const unlock = lockDataDir(embeddedDataDir());
  try {
    await restoreEmbedded(embeddedDataDir(), file);
  } finally {
    unlock();
  }
}
console.log(`Restored ${file}`);
