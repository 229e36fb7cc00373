/**
 * Template databases for the tests, made once per run: `gt_template` (migrated, empty) and
 * `gt_demo` (migrated, demo loaded). Each test file copies one with CREATE DATABASE … TEMPLATE,
 * which takes milliseconds. The app connects as `gt_web`, a login role that is only a member of
 * gt_app — exactly what production should do.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { hashPassword } from "../../app/modules/auth/password.server";
import { migrateToLatest } from "../../app/modules/platform/migrate.server";
import { openDatabases } from "../../app/db.server";
import { APP_DEMO_STEPS } from "../../app/modules/platform/app-demo-steps.server";
import { clockReading } from "../../app/modules/platform/clock.server";
import { seedDemo } from "../../db/seed/demo";

export const APP_LOGIN = { user: "gt_web", password: "gt_web_test" };
export const TEMPLATES = { empty: "gt_template", demo: "gt_demo" } as const;
export type TemplateName = keyof typeof TEMPLATES;

export function databaseUrl(serverUrl: string, database: string, as: "owner" | "app" = "owner") {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  if (as === "app") {
    url.username = APP_LOGIN.user;
    url.password = APP_LOGIN.password;
  }
  return url.toString();
}

export async function adminQuery(serverUrl: string, text: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** The app's roles on a server: gt_app (owns nothing, bound by RLS) and gt_web, a login in gt_app. */
export async function ensureAppRoles(serverUrl: string) {
  await adminQuery(
    serverUrl,
    `do $$ begin
       if not exists (select 1 from pg_roles where rolname = 'gt_app') then create role gt_app nologin nosuperuser nobypassrls; end if;
       if not exists (select 1 from pg_roles where rolname = '${APP_LOGIN.user}') then
         create role ${APP_LOGIN.user} login password '${APP_LOGIN.password}' nosuperuser nobypassrls in role gt_app;
       end if;
     end $$`,
  );
}

export async function prepareTemplates(serverUrl: string) {
  await ensureAppRoles(serverUrl);
  for (const name of [TEMPLATES.demo, TEMPLATES.empty]) await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  await adminQuery(serverUrl, `create database ${TEMPLATES.empty}`);
  const empty = openDatabases({ databaseUrl: databaseUrl(serverUrl, TEMPLATES.empty, "app"), ownerUrl: databaseUrl(serverUrl, TEMPLATES.empty) });
  try {
    await migrateToLatest(empty.owner);
  } finally {
    await empty.close();
  }
  await adminQuery(serverUrl, `create database ${TEMPLATES.demo} template ${TEMPLATES.empty}`);
  const demo = openDatabases({ databaseUrl: databaseUrl(serverUrl, TEMPLATES.demo, "app"), ownerUrl: databaseUrl(serverUrl, TEMPLATES.demo) });
  try {
    await seedDemo(demo.owner, { hashPassword, ...clockReading(), steps: APP_DEMO_STEPS });
  } finally {
    await demo.close();
  }
}

let counter = 0;
export async function copyTemplate(serverUrl: string, template: TemplateName): Promise<string> {
  const name = `gt_t_${process.pid}_${randomBytes(4).toString("hex")}_${counter++}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await adminQuery(serverUrl, `create database ${name} template ${TEMPLATES[template]}`);
      return name;
    } catch (error) {
      // Two copies of one template at the same instant can collide; wait and try again.
      if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
}

export async function dropDatabase(serverUrl: string, name: string) {
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
}
