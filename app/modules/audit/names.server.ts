/**
 * Names for every id a page of the trail mentions: one query per kind of named thing, then the
 * trail's own inserts and deletions for what no longer exists, so only what nobody ever named is
 * left as "(no longer exists)".
 */
import { sql } from "kysely";
import type { Tx } from "../tenancy/with-partnership.server";
import { NAMED_TABLES, type NamedTable } from "./names";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type AuditEvent = {
  table_name: string;
  actor_user_id?: string | null;
  row_key: Record<string, unknown>;
  old_values: Record<string, unknown> | null;
  new_values: Record<string, unknown> | null;
};

/** Columns each named table needs to be named; `users` is not a tenant table. */
const COLUMNS: Record<NamedTable, string[]> = {
  users: ["name"],
  organisations: ["name"],
  boroughs: ["name"],
  partnerships: ["name"],
  metrics: ["label"],
  plan_themes: ["name"],
  delivery_plans: ["financial_year"],
  plan_actions: ["title"],
  plan_milestones: ["title"],
  plan_reviews: ["kind", "quarter"],
  pledge_versions: ["version", "title"],
  pledge_signatures: ["signed_on"],
  pledge_withdrawals: ["withdrawn_on"],
  champions: ["name"],
  invitations: ["email"],
  plan_action_updates: ["quarter"],
};

export function idsIn(events: AuditEvent[]): string[] {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.actor_user_id) ids.add(e.actor_user_id);
    for (const bag of [e.row_key, e.old_values ?? {}, e.new_values ?? {}]) {
      for (const [k, v] of Object.entries(bag)) if ((k === "id" || /(_id|_by)$/.test(k)) && typeof v === "string" && UUID.test(v)) ids.add(v);
    }
  }
  return [...ids];
}

export interface Names {
  /** The thing's name; for something deleted, the name the trail remembers, marked as gone. */
  nameOf: (id: string) => string | undefined;
  /** Which row an id is, when it is a named row: to name an action's update by its action. */
  rowOf: (id: string) => Record<string, unknown> | undefined;
}

export async function namesFor(tx: Tx, partnershipId: string, events: AuditEvent[]): Promise<Names> {
  const ids = idsIn(events);
  const names = new Map<string, string>();
  const rows = new Map<string, Record<string, unknown>>();
  if (ids.length) {
    for (const [table, columns] of Object.entries(COLUMNS) as Array<[NamedTable, string[]]>) {
      const pending = ids.filter((id) => !names.has(id));
      if (!pending.length) break;
      const extra = table === "plan_actions" ? ["plan_id"] : table === "plan_action_updates" ? ["action_id"] : table === "plan_reviews" ? ["plan_id"] : [];
      // Table and column names come from the constant above, never from input.
      let q = tx
        .selectFrom(sql.table(table).as("t"))
        .select([sql.ref<string>("t.id").as("id"), ...[...columns, ...extra].map((c) => sql.ref(`t.${c}`).as(c))])
        .where(sql.ref("t.id"), "in", pending);
      if (table !== "users") q = q.where(sql.ref(table === "partnerships" ? "t.id" : "t.partnership_id"), "=", partnershipId);
      for (const row of (await q.execute()) as Array<Record<string, unknown> & { id: string }>) {
        const name = NAMED_TABLES[table](row);
        if (name) names.set(row.id, name);
        rows.set(row.id, { table, ...row });
      }
    }
    const gone = ids.filter((id) => !names.has(id));
    if (gone.length) {
      const remembered = await tx
        .selectFrom("audit_events")
        .select(["table_name", "row_key", "old_values", "new_values"])
        .where("partnership_id", "=", partnershipId)
        .where("table_name", "in", Object.keys(COLUMNS))
        .where("action", "in", ["insert", "delete"])
        .where(sql`row_key->>'id'`, "in", gone)
        .orderBy("id", "desc")
        .execute();
      for (const e of remembered) {
        const id = String(e.row_key.id);
        const row = e.old_values ?? e.new_values ?? {};
        const name = NAMED_TABLES[e.table_name as NamedTable]?.(row);
        if (name && !names.has(id)) {
          names.set(id, `${name} (no longer exists)`);
          rows.set(id, { table: e.table_name, ...row });
        }
      }
    }
  }
  return { nameOf: (id) => names.get(id), rowOf: (id) => rows.get(id) };
}
