/**
 * A partnership's metric framework. Coordinators add, rename, reorder and retire metrics in place;
 * changing what a metric counts adds a definition version from a quarter, and values remember the
 * version they were reported under (return_values.definition_version).
 * Keys never change: they are the CSV columns and the keys of every stored snapshot.
 */
import { sql } from "kysely";
import { now } from "../platform/clock.server";
import type { MetricAggregation } from "../../../db/types";
import { DEFAULT_METRICS, FRAMEWORK_START } from "../../../db/metric-defaults";
import type { Tx } from "../tenancy/with-partnership.server";
import type { FormMetric } from "./validation";

export interface MetricRow {
  id: string;
  key: string;
  label: string;
  group: string;
  unit: string;
  aggregation: MetricAggregation;
  participantCount: boolean;
  partOfId: string | null;
  position: number;
  retiredFrom: string | null;
}

export interface QuarterMetric extends FormMetric {
  group: string;
  unit: string;
  participantCount: boolean;
  definition: string;
  definitionVersion: number;
  /** The first version of this metric's definition starts after the framework's first. */
  definitionChangedFrom: string | null;
}

export async function createDefaultMetrics(tx: Tx, { partnershipId, validFrom = FRAMEWORK_START }: { partnershipId: string; validFrom?: string }) {
  const ids = new Map<string, string>();
  for (const [index, metric] of DEFAULT_METRICS.entries()) {
    const row = await tx
      .insertInto("metrics")
      .values({
        partnership_id: partnershipId,
        key: metric.key,
        label: metric.label,
        group_name: metric.group,
        unit: metric.unit,
        aggregation: metric.aggregation,
        is_participant_count: metric.participantCount,
        part_of_metric_id: metric.partOf ? (ids.get(metric.partOf) ?? null) : null,
        position: (index + 1) * 10,
      })
      .onConflict((oc) => oc.columns(["partnership_id", "key"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!row) return; // someone else created the framework at the same moment
    ids.set(metric.key, row.id);
    await tx
      .insertInto("metric_definitions")
      .values({ partnership_id: partnershipId, metric_id: row.id, version: 1, valid_from: validFrom, definition: metric.definition })
      .execute();
  }
}

/** A partnership that has never had metrics gets the defaults the first time anyone needs them. */
export async function ensureMetricFramework(tx: Tx, { partnershipId }: { partnershipId: string }) {
  const any = await tx.selectFrom("metrics").select("id").where("partnership_id", "=", partnershipId).limit(1).executeTakeFirst();
  if (!any) await createDefaultMetrics(tx, { partnershipId });
}

/** A partnership's metrics in order, each with its definition versions (one statement). */
export async function listMetrics(tx: Tx, { partnershipId }: { partnershipId: string }) {
  const metrics = await tx
    .selectFrom("metrics as m")
    .select(["m.id", "m.key", "m.label", "m.group_name", "m.unit", "m.aggregation", "m.is_participant_count", "m.part_of_metric_id", "m.position", "m.retired_from"])
    .select(
      sql<Array<{ version: number; validFrom: string; definition: string }>>`(
        select coalesce(json_agg(json_build_object('version', d.version, 'validFrom', d.valid_from, 'definition', d.definition) order by d.version), '[]'::json)
        from metric_definitions d where d.partnership_id = m.partnership_id and d.metric_id = m.id)`.as("definitions"),
    )
    .where("m.partnership_id", "=", partnershipId)
    .orderBy("m.position")
    .orderBy("m.key")
    .execute();
  return metrics.map((m) => ({
    id: m.id,
    key: m.key,
    label: m.label,
    group: m.group_name,
    unit: m.unit,
    aggregation: m.aggregation,
    participantCount: m.is_participant_count,
    partOfId: m.part_of_metric_id,
    position: m.position,
    retiredFrom: m.retired_from,
    definitions: m.definitions,
  }));
}

export type MetricWithDefinitions = Awaited<ReturnType<typeof listMetrics>>[number];

/** The metrics on a quarter's return, each with the definition in force for that quarter. */
export async function metricsForQuarter(tx: Tx, { partnershipId, quarter }: { partnershipId: string; quarter: string }): Promise<QuarterMetric[]> {
  let all = await listMetrics(tx, { partnershipId });
  if (all.length === 0) {
    await ensureMetricFramework(tx, { partnershipId });
    all = await listMetrics(tx, { partnershipId });
  }
  const keyOf = new Map(all.map((m) => [m.id, m.key]));
  const result: QuarterMetric[] = [];
  for (const m of all) {
    const inForce = m.definitions.filter((d) => d.validFrom <= quarter).at(-1);
    if (!inForce || (m.retiredFrom && quarter >= m.retiredFrom)) continue;
    result.push({
      id: m.id,
      key: m.key,
      label: m.label,
      group: m.group,
      unit: m.unit,
      aggregation: m.aggregation,
      participantCount: m.participantCount,
      partOf: m.partOfId ? (keyOf.get(m.partOfId) ?? null) : null,
      definition: inForce.definition,
      definitionVersion: inForce.version,
      definitionChangedFrom: inForce.version > 1 ? inForce.validFrom : null,
    });
  }
  return result;
}

export interface MetricDetails {
  label: string;
  group: string;
  unit: string;
  participantCount: boolean;
  partOfId: string | null;
}

export async function addMetric(
  tx: Tx,
  {
    partnershipId,
    userId,
    key,
    aggregation,
    details,
    definition,
    validFrom,
  }: { partnershipId: string; userId: string; key: string; aggregation: MetricAggregation; details: MetricDetails; definition: string; validFrom: string },
): Promise<{ ok: true; id: string } | { ok: false; field: string; message: string }> {
  const taken = await tx.selectFrom("metrics").select("id").where("partnership_id", "=", partnershipId).where("key", "=", key).executeTakeFirst();
  if (taken) return { ok: false, field: "key", message: "A metric with this key already exists: choose another key" };
  if (details.partOfId && !(await metricExists(tx, partnershipId, details.partOfId))) return { ok: false, field: "partOfId", message: "Choose a metric from the list" };
  const last = await tx
    .selectFrom("metrics")
    .select((eb) => eb.fn.max("position").as("p"))
    .where("partnership_id", "=", partnershipId)
    .executeTakeFirst();
  const { id } = await tx
    .insertInto("metrics")
    .values({
      partnership_id: partnershipId,
      key,
      label: details.label,
      group_name: details.group,
      unit: details.unit,
      aggregation,
      is_participant_count: details.participantCount,
      part_of_metric_id: details.partOfId,
      position: Number(last?.p ?? 0) + 10,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await tx.insertInto("metric_definitions").values({ partnership_id: partnershipId, metric_id: id, version: 1, valid_from: validFrom, definition, created_by: userId }).execute();
  return { ok: true, id };
}

async function metricExists(tx: Tx, partnershipId: string, metricId: string) {
  return Boolean(await tx.selectFrom("metrics").select("id").where("partnership_id", "=", partnershipId).where("id", "=", metricId).executeTakeFirst());
}

export async function updateMetricDetails(tx: Tx, { partnershipId, metricId, details }: { partnershipId: string; metricId: string; details: MetricDetails }) {
  if (details.partOfId === metricId) return { ok: false as const, field: "partOfId", message: "A metric cannot be part of itself" };
  if (details.partOfId && !(await metricExists(tx, partnershipId, details.partOfId))) return { ok: false as const, field: "partOfId", message: "Choose a metric from the list" };
  const updated = await tx
    .updateTable("metrics")
    .set({
      label: details.label,
      group_name: details.group,
      unit: details.unit,
      is_participant_count: details.participantCount,
      part_of_metric_id: details.partOfId,
      updated_at: now(),
    })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", metricId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) ? { ok: true as const } : null;
}

/** Changing what a metric counts: a new definition version from a quarter after the current one's. */
export async function redefineMetric(
  tx: Tx,
  { partnershipId, metricId, userId, definition, validFrom }: { partnershipId: string; metricId: string; userId: string; definition: string; validFrom: string },
): Promise<{ ok: true; version: number } | { ok: false; message: string } | null> {
  const latest = await tx
    .selectFrom("metric_definitions")
    .select(["version", "valid_from"])
    .where("partnership_id", "=", partnershipId)
    .where("metric_id", "=", metricId)
    .orderBy("version", "desc")
    .forUpdate()
    .executeTakeFirst();
  if (!latest) return null;
  if (validFrom <= latest.valid_from) return { ok: false, message: "The new definition must start after the quarter the current one started in" };
  const version = latest.version + 1;
  await tx
    .insertInto("metric_definitions")
    .values({ partnership_id: partnershipId, metric_id: metricId, version, valid_from: validFrom, definition, created_by: userId })
    .execute();
  return { ok: true, version };
}

/** Moves a metric one place up or down the form by swapping positions with its neighbour. */
export async function moveMetric(tx: Tx, { partnershipId, metricId, direction }: { partnershipId: string; metricId: string; direction: "up" | "down" }) {
  const all = await tx.selectFrom("metrics").select(["id", "position"]).where("partnership_id", "=", partnershipId).orderBy("position").orderBy("key").forUpdate().execute();
  const at = all.findIndex((m) => m.id === metricId);
  if (at < 0) return false;
  const other = all[direction === "up" ? at - 1 : at + 1];
  if (!other) return true;
  // Renumber in order first, so equal positions cannot make a swap a no-op.
  const order = all.map((m) => m.id);
  [order[at], order[direction === "up" ? at - 1 : at + 1]] = [order[direction === "up" ? at - 1 : at + 1], order[at]];
  for (const [index, id] of order.entries()) {
    const position = (index + 1) * 10;
    if (all.find((m) => m.id === id)!.position !== position) {
      await tx.updateTable("metrics").set({ position }).where("partnership_id", "=", partnershipId).where("id", "=", id).execute();
    }
  }
  return true;
}

export async function setMetricRetired(tx: Tx, { partnershipId, metricId, retiredFrom }: { partnershipId: string; metricId: string; retiredFrom: string | null }) {
  const updated = await tx
    .updateTable("metrics")
    .set({ retired_from: retiredFrom, updated_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", metricId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}
