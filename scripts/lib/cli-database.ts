/**
 * Opens the database a command-line script works on: PostgreSQL at DATABASE_URL (owner work at
 * DATABASE_OWNER_URL when given), or the embedded one, locked against a running `npm start`.
 */
import { closeDatabases, databases } from "../../app/db.server";
import { pendingMigrations } from "../../app/modules/platform/migrate.server";
import { embeddedDataDir, lockDataDir } from "./data-dir-lock";

export async function withCliDatabase<T>(
  work: (handles: ReturnType<typeof databases>) => Promise<T>,
  options: { requireMigrated?: boolean } = { requireMigrated: true },
): Promise<T> {
  const unlock = process.env.DATABASE_URL ? () => {} : lockDataDir(embeddedDataDir());
  try {
    if (options.requireMigrated) {
      const pending = await pendingMigrations(databases().owner);
      if (pending.length) {
        console.error(`The database has ${pending.length} migration(s) to apply first: run \`npm run db:migrate\` (or \`npm start\`).`);
        await closeDatabases();
        unlock();
        process.exit(1);
      }
    }
    return await work(databases());
  } finally {
    await closeDatabases();
    unlock();
  }
}
