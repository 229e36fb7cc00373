import { Migrator, type Kysely } from "kysely";
import { migrations } from "../../../db/migrations";
import { logger } from "./logger.server";

/** Applies every pending migration from db/migrations with Kysely's Migrator (as the schema owner). */
export async function migrateToLatest(owner: Kysely<any>) {
  const migrator = new Migrator({ db: owner, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === "Success") logger.info({ migration: result.migrationName }, "migrated");
    if (result.status === "Error") logger.error({ migration: result.migrationName }, "migration failed");
  }
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(owner: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db: owner, provider: { getMigrations: async () => migrations } });
  return (await migrator.getMigrations()).filter((m) => !m.executedAt).map((m) => m.name);
}
