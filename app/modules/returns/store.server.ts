/**
 * Reading returns: one return with its values, the organisation's earlier figures, its history
 * of versions, and lock exceptions. Changes go through workflow.server.ts only.
 */
import type { ReturnSnapshot } from "../../../db/types";
import type { Tx } from "../tenancy/with-partnership.server";
import type { StoredValue } from "./changes.server";
import { COUNTING_STATUSES } from "./status";
import { NARRATIVE_FIELDS, type Narrative, type ReturnInput } from "./validation";
import { NOT_APPLICABLE, type MetricValue } from "./values";

export interface ReturnKey {
  partnershipId: string;
  organisationId: string;
  quarter: string;
}

/** Narrows a query to one return; `prefix` is the table alias ("v."). Typed loosely, returned as given. */
function keyed<Q>(query: Q, key: ReturnKey, prefix = ""): Q {
  const q = query as any;
  return q.where(`${prefix}partnership_id`, "=", key.partnershipId).where(`${prefix}organisation_id`, "=", key.organisationId).where(`${prefix}quarter`, "=", key.quarter) as Q;
}

export function findReturnRow(tx: Tx, key: ReturnKey, options: { forUpdate?: boolean } = {}) {
  let query = keyed(tx.selectFrom("quarterly_returns").selectAll(), key);
  if (options.forUpdate) query = query.forUpdate();
  return query.executeTakeFirst();
}

export type ReturnRow = NonNullable<Awaited<ReturnType<typeof findReturnRow>>>;

export function narrativeOf(row: ReturnRow | null | undefined): Narrative {
  return Object.fromEntries(NARRATIVE_FIELDS.map((f) => [f.name, row?.[f.name] ?? null])) as Narrative;
}

/** The stored answers of a return, by metric id. */
export async function storedValues(tx: Tx, key: ReturnKey): Promise<Map<string, StoredValue & { key: string }>> {
  const rows = await keyed(
    tx
      .selectFrom("return_values as v")
      .innerJoin("metrics as m", (join) => join.onRef("m.partnership_id", "=", "v.partnership_id").onRef("m.id", "=", "v.metric_id"))
      .select(["v.metric_id", "m.key", "v.value", "v.not_applicable", "v.definition_version"]),
    key,
    "v.",
  ).execute();
  return new Map(rows.map((r) => [r.metric_id, { key: r.key, value: r.value, notApplicable: r.not_applicable, definitionVersion: r.definition_version }]));
}

export const asMetricValue = (v: { value: number | null; notApplicable: boolean }): MetricValue => (v.notApplicable ? NOT_APPLICABLE : v.value);

/** A return as the form sees it: values by metric key, narrative, and its row (null if not started). */
export async function loadReturn(tx: Tx, key: ReturnKey, options: { forUpdate?: boolean } = {}) {
  const row = (await findReturnRow(tx, key, options)) ?? null;
  const stored = row ? await storedValues(tx, key) : new Map<string, StoredValue & { key: string }>();
  const values: Record<string, MetricValue> = {};
  const definitions: Record<string, number> = {};
  for (const v of stored.values()) {
    values[v.key] = asMetricValue(v);
    definitions[v.key] = v.definitionVersion;
  }
  const input: ReturnInput = { values, narrative: narrativeOf(row) };
  return { row, stored, input, definitions };
}

export type LoadedReturn = Awaited<ReturnType<typeof loadReturn>>;

/**
 * The organisation's figures in earlier quarters, from returns that count, by quarter key then
 * metric key. Quarters with no counting return are absent.
 */
export async function countedFigures(tx: Tx, { partnershipId, organisationId, quarters }: { partnershipId: string; organisationId: string; quarters: string[] }) {
  const result = new Map<string, Record<string, MetricValue>>();
  if (quarters.length === 0) return result;
  const rows = await tx
    .selectFrom("return_values as v")
    .innerJoin("quarterly_returns as r", (join) =>
      join.onRef("r.partnership_id", "=", "v.partnership_id").onRef("r.organisation_id", "=", "v.organisation_id").onRef("r.quarter", "=", "v.quarter"),
    )
    .innerJoin("metrics as m", (join) => join.onRef("m.partnership_id", "=", "v.partnership_id").onRef("m.id", "=", "v.metric_id"))
    .select(["v.quarter", "m.key", "v.value", "v.not_applicable"])
    .where("v.partnership_id", "=", partnershipId)
    .where("v.organisation_id", "=", organisationId)
    .where("v.quarter", "in", quarters)
    .where("r.status", "in", [...COUNTING_STATUSES])
    .execute();
  for (const r of rows) {
    const figures = result.get(r.quarter) ?? {};
    figures[r.key] = r.not_applicable ? NOT_APPLICABLE : r.value;
    result.set(r.quarter, figures);
  }
  return result;
}

export async function versionSnapshot(tx: Tx, key: ReturnKey, version: number): Promise<ReturnSnapshot | null> {
  const row = await keyed(tx.selectFrom("return_versions").select("snapshot"), key).where("version", "=", version).executeTakeFirst();
  return (row?.snapshot as ReturnSnapshot | undefined) ?? null;
}

export function snapshotInput(snapshot: ReturnSnapshot): ReturnInput {
  return { values: { ...snapshot.values }, narrative: { ...snapshot.narrative } };
}

/** Every version of a return, newest first, with who made it. */
export function listVersions(tx: Tx, key: ReturnKey) {
  return keyed(
    tx
      .selectFrom("return_versions as rv")
      .leftJoin("users as u", "u.id", "rv.actor_user_id")
      .select(["rv.version", "rv.kind", "rv.status", "rv.snapshot", "rv.reason", "rv.at", "u.name as actor_name"]),
    key,
    "rv.",
  )
    .orderBy("rv.version", "desc")
    .execute();
}

export async function findLockException(tx: Tx, key: ReturnKey) {
  return (await keyed(tx.selectFrom("return_lock_exceptions").select(["open_until", "reason", "created_at"]), key).executeTakeFirst()) ?? null;
}

/** Who last changed a return, for "saved by … at …". */
export async function lastChangedBy(tx: Tx, key: ReturnKey) {
  const row = await keyed(tx.selectFrom("return_versions as rv").leftJoin("users as u", "u.id", "rv.actor_user_id").select(["u.name", "rv.at", "rv.kind"]), key, "rv.")
    .orderBy("rv.version", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { name: row.name, at: row.at, kind: row.kind } : null;
}
