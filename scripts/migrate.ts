/** `npm run db:migrate`: applies pending migrations to DATABASE_URL's database (or the embedded one). */
import { migrateToLatest } from "../app/modules/platform/migrate.server";
import { withCliDatabase } from "./lib/cli-database";

const applied = await withCliDatabase((db) => migrateToLatest(db.owner), { requireMigrated: false });
console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "The database is up to date.");
