/**
 * The second wall: PostgreSQL itself keeps partnerships apart, whatever the code forgets.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabases } from "~/db.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { partnershipId } from "../helpers/fixtures";

const db = useTestDatabase("demo");

describe("row level security", () => {
  it("is enabled and forced, with a policy on partnership_id, on every table that has one", async () => {
    const { rows } = await sql<{ table: string; enabled: boolean; forced: boolean; policies: string[] }>`
      select c.relname as table, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             coalesce(array_agg(p.qual || ' / ' || coalesce(p.with_check, '')) filter (where p.policyname is not null), '{}') as policies
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      join pg_attribute a on a.attrelid = c.oid and a.attname = 'partnership_id' and not a.attisdropped
      left join pg_policies p on p.schemaname = 'public' and p.tablename = c.relname and p.policyname = 'tenant_isolation'
      where c.relkind in ('r', 'p')
      group by c.relname, c.relrowsecurity, c.relforcerowsecurity`.execute(db().handles.owner);
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row, row.table).toMatchObject({ enabled: true, forced: true });
      expect(row.policies, `${row.table} tenant_isolation policy`).toHaveLength(1);
      const [using, check] = row.policies[0].split(" / ");
      expect(using, row.table).toContain("app.partnership_id");
      // Append-only tables have no WITH CHECK for updates by design; every other one checks writes too.
      if (row.table !== "audit_events") expect(check, row.table).toContain("app.partnership_id");
    }
  });

  it("runs the app as a role that is not superuser, cannot bypass RLS and owns no tables", async () => {
    const { rows } = await sql<{ user: string; super: boolean; bypass: boolean; owned: number }>`
      select current_user as user, r.rolsuper as super, r.rolbypassrls as bypass,
             (select count(*) from pg_class c where c.relowner = r.oid and c.relkind in ('r','p','v','m'))::int as owned
      from pg_roles r where r.rolname = current_user`.execute(db().handles.app);
    expect(rows[0]).toEqual({ user: "gt_app", super: false, bypass: false, owned: 0 });
  });

  it("grants the app role every table it needs and nothing on the migration bookkeeping", async () => {
    const { rows } = await sql<{ table: string; can_select: boolean }>`
      select c.relname as table, has_table_privilege('gt_app', c.oid, 'select') as can_select
      from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where c.relkind = 'r'`.execute(db().handles.owner);
    for (const row of rows) expect(row.can_select, row.table).toBe(!row.table.startsWith("kysely_"));
  });

  it("returns no tenant rows when no partnership is set", async () => {
    const organisations = await db().handles.app.selectFrom("organisations").select("id").execute();
    const boroughs = await db().handles.app.selectFrom("boroughs").select("id").execute();
    expect(organisations).toEqual([]);
    expect(boroughs).toEqual([]);
  });

  it("shows only the named partnership's rows even when the query forgets to filter", async () => {
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    const names = await withPartnership(cleveland, null, (tx) => tx.selectFrom("boroughs").select("name").orderBy("name").execute());
    expect(names.map((b) => b.name)).toEqual(["Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees"]);
  });

  it("refuses to write a row into another partnership", async () => {
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    const hampshire = await partnershipId(db().handles.owner, "hampshire");
    await expect(
      withPartnership(cleveland, null, (tx) => tx.insertInto("boroughs").values({ partnership_id: hampshire, name: "Intruder", ons_code: "E06000099" }).execute()),
    ).rejects.toThrow(/row-level security/);
  });

  it("never carries one partnership's setting into the next transaction on a pooled connection", async () => {
    const single = openDatabases({ databaseUrl: db().appUrl, ownerUrl: db().ownerUrl, poolSize: 1 });
    try {
      const cleveland = await partnershipId(db().handles.owner, "cleveland");
      const hampshire = await partnershipId(db().handles.owner, "hampshire");
      const first = await withPartnership(cleveland, null, (tx) => tx.selectFrom("organisations").select("partnership_id").execute(), { db: single.app });
      const second = await withPartnership(hampshire, null, (tx) => tx.selectFrom("organisations").select("partnership_id").execute(), { db: single.app });
      const after = await single.app.selectFrom("organisations").select("id").execute();
      expect(first.length).toBeGreaterThan(0);
      expect(new Set(first.map((r) => r.partnership_id))).toEqual(new Set([cleveland]));
      expect(new Set(second.map((r) => r.partnership_id))).toEqual(new Set([hampshire]));
      expect(after).toEqual([]);
    } finally {
      await single.close();
    }
  });

  it("includes partnership_id in every primary key, unique constraint and tenant foreign key", async () => {
    const { rows } = await sql<{ table: string; constraint: string; type: string; columns: string[] }>`
      select c.relname as table, con.conname as constraint, con.contype as type,
             array(select a.attname::text from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i) as columns
      from pg_constraint con
      join pg_class c on c.oid = con.conrelid
      join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
      where con.contype in ('p', 'u', 'f')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'partnership_id')
        and (con.contype <> 'f' or exists (select 1 from pg_attribute a where a.attrelid = con.confrelid and a.attname = 'partnership_id'))`.execute(db().handles.owner);
    const unique = await sql<{ table: string; index: string; definition: string }>`
      select tablename as table, indexname as index, indexdef as definition from pg_indexes
      where schemaname = 'public' and indexdef like 'CREATE UNIQUE INDEX%'
        and tablename in (select table_name from information_schema.columns where table_schema = 'public' and column_name = 'partnership_id')`.execute(db().handles.owner);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row.columns, `${row.table}.${row.constraint}`).toContain("partnership_id");
    for (const row of unique.rows) expect(row.definition, `${row.table}.${row.index}`).toContain("partnership_id");
  });
});
