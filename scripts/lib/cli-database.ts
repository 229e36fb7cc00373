/**
 * Opens the database a command-line script works on: PostgreSQL at DATABASE_URL (owner work at
 * DATABASE_OWNER_URL when given), or the embedded one, locked against a running `npm start`.
 */
import { closeDatabases, databases } from "../../app/db.server";
import { embeddedDataDir, lockDataDir } from "./data-dir-lock";

export async function withCliDatabase<T>(work: (handles: ReturnType<typeof databases>) => Promise<T>): Promise<T> {
  const unlock = process.env.DATABASE_URL ? () => {} : lockDataDir(embeddedDataDir());
  try {
    return await work(databases());
  } finally {
    await closeDatabases();
    unlock();
  }
}
