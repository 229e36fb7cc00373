/**
 * The schema stays ready for Citus (docs/decisions/0009-citus-ready-schema.md): every table is
 * either distributed by partnership_id or a small reference table, and nothing a later migration
 * adds may break the rules Citus needs. Checked over the live catalogue.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../helpers/database";

const db = useTestDatabase("empty");

/** Shared catalogues and platform-wide tables: replicated to every node in Citus. */
export const REFERENCE_TABLES = [
  "partnerships",
  "users",
  "sessions",
  "login_throttle",
  "kept_posts",
  "platform_outbox_messages",
  "password_resets",
  "two_factor_credentials",
  "two_factor_recovery_codes",
  "pending_sign_ins",
  "email_changes",
];

async function tables() {
  const { rows } = await sql<{ table: string; distributed: boolean }>`
    select c.relname as table,
           exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'partnership_id' and not a.attisdropped) as distributed
    from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    where c.relkind in ('r', 'p') and c.relname not like 'kysely_%'`.execute(db().handles.owner);
  return rows;
}

describe("Citus readiness", () => {
  it("classifies every table: distributed by partnership_id, or a listed reference table", async () => {
    const unclassified = (await tables()).filter((t) => !t.distributed && !REFERENCE_TABLES.includes(t.table)).map((t) => t.table);
    expect(unclassified, "add partnership_id, or list the table as a reference table in this test and ADR 0009").toEqual([]);
  });

  it("keeps partnership_id non-null and in the primary key of every distributed table", async () => {
    const { rows } = await sql<{ table: string; nullable: boolean; in_pk: boolean }>`
      select c.relname as table, not a.attnotnull as nullable,
             exists (select 1 from pg_constraint p where p.conrelid = c.oid and p.contype = 'p' and a.attnum = any (p.conkey)) as in_pk
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'partnership_id'
      where c.relkind in ('r', 'p')`.execute(db().handles.owner);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row, row.table).toMatchObject({ nullable: false, in_pk: true });
  });

  it("joins distributed tables to each other only on partnership_id, and never points a reference table at a distributed one", async () => {
    const { rows } = await sql<{ from: string; to: string; columns: string[]; ref_columns: string[] }>`
      select c.relname as from, r.relname as to,
             array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as columns,
             array(select a.attname::text from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i) as ref_columns
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid join pg_class r on r.oid = con.confrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where con.contype = 'f'`.execute(db().handles.owner);
    const kinds = new Map((await tables()).map((t) => [t.table, t.distributed]));
    for (const fk of rows) {
      const fromDistributed = kinds.get(fk.from);
      const toDistributed = kinds.get(fk.to);
      if (fromDistributed && toDistributed) {
        // The distribution columns must line up position for position.
        expect(fk.ref_columns[fk.columns.indexOf("partnership_id")], `${fk.from} → ${fk.to}`).toBe("partnership_id");
      }
      expect(!fromDistributed && toDistributed, `reference table ${fk.from} must not reference distributed ${fk.to}`).toBe(false);
    }
  });
});
