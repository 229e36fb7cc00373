/**
 * `npm run db:backup [-- --dir backups]`: a dated backup file. PostgreSQL (DATABASE_OWNER_URL or
 * DATABASE_URL, as a role that can read past row level security): pg_dump custom format, `.dump`.
 * Embedded database (stop `npm start` first): an archive of its folder, `.tar.gz`.
 */
import path from "node:path";
import { backupEmbedded, backupFileName, backupPostgres } from "./lib/backup";
import { embeddedDataDir, lockDataDir } from "./lib/data-dir-lock";

const at = process.argv.indexOf("--dir");
const dir = path.resolve(at > 0 ? process.argv[at + 1] : "backups");
const url = process.env.DATABASE_OWNER_URL || process.env.DATABASE_URL;

if (url) {
  console.log(`Backed up to ${backupPostgres(url, backupFileName(dir))}`);
} else {
  const unlock = lockDataDir(embeddedDataDir());
  try {
    console.log(`Backed up the embedded database to ${await backupEmbedded(embeddedDataDir(), backupFileName(dir, undefined, "tar.gz"))}`);
  } finally {
    unlock();
  }
}
