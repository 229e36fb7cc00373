/**
 * A backup of the demo, the database wiped, the backup restored: the same rows come back, and the
 * app (running as gt_app under row level security) reads the same figures.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import type { Partnership } from "../../db/types";
import { countyDashboard } from "~/modules/dashboards/county.server";
import { parseFilters } from "~/modules/dashboards/filters";
import { organisationPledges } from "~/modules/pledge/status.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { partnershipId } from "../helpers/fixtures";

const db = useTestDatabase("demo");

async function rowCounts() {
  const { rows } = await sql<{ table: string }>`
    select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    where c.relkind = 'r' order by 1`.execute(db().handles.owner);
  const counts: Record<string, number> = {};
  for (const { table } of rows) {
    const result = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db().handles.owner);
    counts[table] = result.rows[0].n;
  }
  return counts;
}

async function figures() {
  const cleveland = await partnershipId(db().handles.owner, "cleveland");
  return withPartnership(cleveland, null, async (tx) => {
    const statuses = await organisationPledges(tx, { partnershipId: cleveland, on: "2026-11-22" });
    const tally: Record<string, number> = {};
    for (const { status } of statuses.values()) tally[status] = (tally[status] ?? 0) + 1;
    // And what the board sees: the county dashboard's headlines and every table's rows.
    const partnership = (await tx.selectFrom("partnerships").selectAll().where("id", "=", cleveland).executeTakeFirstOrThrow()) as Partnership;
    const { filters, problems } = parseFilters(new URLSearchParams("from=2024Q1&to=2026Q2"), "2026-11-22");
    const dashboard = await countyDashboard(tx, { partnership, filters, problems, today: "2026-11-22" });
    const tables = dashboard.sections.flatMap((section) => section.blocks.map((block) => block.table.rows));
    expect(tables.flat().length).toBeGreaterThan(10);
    return { tally, headlines: dashboard.headlines, tables };
  });
}

const npmRun = (script: string, args: string[]) =>
  spawnSync(process.execPath, ["--import", "tsx", `scripts/${script}.ts`, ...args], {
    env: { ...process.env, DATABASE_URL: db().ownerUrl, DATABASE_OWNER_URL: db().ownerUrl },
    encoding: "utf8",
  });

describe("backup and restore", () => {
  it("restores identical row counts and the same figures after the database is wiped", { timeout: 120_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "gt-backup-"));
    try {
      const countsBefore = await rowCounts();
      const figuresBefore = await figures();
      expect(countsBefore.pledge_signatures).toBeGreaterThan(0);

      const backup = npmRun("backup", ["--dir", dir]);
      expect(backup.status, backup.stderr).toBe(0);
      const [file] = fs.readdirSync(dir);
      expect(file).toMatch(/^golden-thread-\d{4}-\d{2}-\d{2}T\d{4}\.dump$/);

      await sql`drop schema public cascade`.execute(db().handles.owner);
      await sql`create schema public`.execute(db().handles.owner);
      expect(await rowCounts()).toEqual({});

      expect(npmRun("restore", [path.join(dir, file)]).status).toBe(1); // refuses without --yes
      const restore = npmRun("restore", [path.join(dir, file), "--yes"]);
      expect(restore.status, restore.stderr).toBe(0);

      expect(await rowCounts()).toEqual(countsBefore);
      expect(await figures()).toEqual(figuresBefore);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
