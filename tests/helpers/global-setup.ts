/**
 * Runs once before the tests: a PostgreSQL server (TEST_DATABASE_URL, the one `npm test` started,
 * or a throwaway one started here) with the template databases ready.
 */
import type { TestProject } from "vitest/node";
import { buildIfStale } from "../../scripts/build";
import { startPgServer, type PgServer } from "../../scripts/lib/pg-server";
import { prepareTemplates } from "../../scripts/lib/test-templates";

declare module "vitest" {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // Tests that start the app serve the production build: make sure it is the code under test.
  buildIfStale();
  let server: PgServer | undefined;
  let url = process.env.GT_TEST_PG_URL || process.env.TEST_DATABASE_URL;
  if (!url) {
    server = await startPgServer();
    url = server.url;
  }
  if (!process.env.GT_TEST_TEMPLATES_READY) {
    await prepareTemplates(url);
    process.env.GT_TEST_TEMPLATES_READY = "1";
  }
  process.env.GT_TEST_PG_URL = url;
  project.provide("pgUrl", url);
  return () => server?.stop();
}
