/**
 * Every change to a quarterly return happens here, in the caller's transaction: a draft save,
 * submit, resubmit, the coordinator's accept or return, a CSV correction, and lock exceptions.
 * Each change locks the return's row, checks the version the person edited from (optimistic
 * concurrency: a stale save is refused, never merged), writes the return and its values, records
 * a new version with a snapshot (the history), and tells RETURN_CHANGE_LISTENERS (changes.server.ts)
 * so roll-ups stay exact in the same transaction.
 *
 * Which returns count for figures: submitted, resubmitted and accepted (status.ts). A draft does
 * not; a returned one stops counting until it is resubmitted.
 *
 * A repeated post is not a conflict: when the version moved on but the stored return already holds
 * exactly what was posted (a double click, a retry after a dropped connection), the answer is the
 * same success, and only one version exists.
 */
import { now } from "../platform/clock.server";
import type { ReturnSnapshot, ReturnStatus, ReturnVersionKind } from "../../../db/types";
import { parseQuarterKey, previousQuarter } from "../reporting/periods";
import type { Tx } from "../tenancy/with-partnership.server";
import { lockState, longDate, type LockState, type ReportingSettings } from "./calendar";
import { notifyReturnChange, type ReturnState, type StoredValue } from "./changes.server";
import { metricsForQuarter, type QuarterMetric } from "./metrics.server";
import {
  countedFigures,
  findLockException,
  findReturnRow,
  lastChangedBy,
  loadReturn,
  narrativeOf,
  snapshotInput,
  storedValues,
  versionSnapshot,
  type LoadedReturn,
  type ReturnKey,
} from "./store.server";
import { countsForFigures, editableByOrganisation, transition, type ReturnAction } from "./status";
import { tellOrganisation } from "./review-emails.server";
import { changedFields, readReturnForm, returnWarnings, sameInput, submissionWarnings, type Narrative, type Warning } from "./validation";
import { NOT_APPLICABLE, type MetricValue } from "./values";

export type ChangeResult =
  | { ok: true; version: number; status: ReturnStatus; kind: ReturnVersionKind }
  | { ok: false; reason: "stale"; currentVersion: number }
  | { ok: false; reason: "not_editable" | "not_awaiting_review" | "not_returnable" };

interface ChangeRequest {
  action: ReturnAction;
  /** The version the person edited from (0: not started). Null skips the check: a correction under the import's own lock. */
  expectedVersion: number | null;
  actorUserId: string | null;
  /** The metrics the values are for (with the definitions in force for the quarter). */
  metrics: QuarterMetric[];
  /** Values by metric key: null clears an answer; a key left out is not touched. */
  values?: Record<string, MetricValue>;
  narrative?: Narrative;
  reason?: string;
}

const KIND: Record<ReturnAction, ReturnVersionKind> = { save: "saved", submit: "submitted", accept: "accepted", return: "returned", correct: "corrected" };

function sameStored(a: StoredValue | undefined, b: StoredValue | undefined) {
  return a?.value === b?.value && a?.notApplicable === b?.notApplicable && a?.definitionVersion === b?.definitionVersion;
}

/**
 * `locked`: the return as read under its row lock earlier in this transaction (saveReturnForm reads
 * it once for the checks and the change); otherwise it is read and locked here.
 */
async function applyChange(tx: Tx, key: ReturnKey, request: ChangeRequest, attempt = 0, locked?: Pick<LoadedReturn, "row" | "stored">): Promise<ChangeResult> {
  const row = locked ? locked.row : ((await findReturnRow(tx, key, { forUpdate: true })) ?? null);
  const currentVersion = row?.version ?? 0;
  if (request.expectedVersion !== null && request.expectedVersion !== currentVersion) return { ok: false, reason: "stale", currentVersion };
  const next = transition(row?.status ?? null, request.action);
  if (!next.ok) return next;

  const stored = locked ? locked.stored : row ? await storedValues(tx, key) : new Map<string, StoredValue & { key: string }>();
  const keyOf = new Map([...stored].map(([id, v]) => [id, v.key]));
  const before: ReturnState | null = row
    ? { status: row.status, counts: countsForFigures(row.status), values: new Map([...stored].map(([id, { key: _k, ...v }]) => [id, v])) }
    : null;
  const after = new Map(before?.values ?? []);
  for (const metric of request.metrics) {
    keyOf.set(metric.id, metric.key);
    if (!request.values || !(metric.key in request.values)) continue;
    const value = request.values[metric.key];
    if (value === null || value === undefined) after.delete(metric.id);
    else after.set(metric.id, { value: value === NOT_APPLICABLE ? null : value, notApplicable: value === NOT_APPLICABLE, definitionVersion: metric.definitionVersion });
  }

  const status = next.status;
  const version = currentVersion + 1;
  const narrative = request.narrative ?? narrativeOf(row);
  const submitting = request.action === "submit" || (request.action === "correct" && status !== row?.status);
  const reviewing = request.action === "accept" || request.action === "return";
  const at = now();
  const fields = {
    status,
    version,
    ...narrative,
    return_reason: request.action === "return" ? (request.reason ?? null) : status === "returned" ? (row?.return_reason ?? null) : null,
    updated_by: request.actorUserId,
    updated_at: at,
    ...(submitting ? { first_submitted_at: row?.first_submitted_at ?? at, last_submitted_at: at } : {}),
    ...(reviewing ? { reviewed_at: at, reviewed_by: request.actorUserId } : {}),
  };
  if (row) {
    await tx
      .updateTable("quarterly_returns")
      .set(fields)
      .where("partnership_id", "=", key.partnershipId)
      .where("organisation_id", "=", key.organisationId)
      .where("quarter", "=", key.quarter)
      .execute();
  } else {
    const inserted = await tx
      .insertInto("quarterly_returns")
      .values({ partnership_id: key.partnershipId, organisation_id: key.organisationId, quarter: key.quarter, ...fields })
      .onConflict((oc) => oc.columns(["partnership_id", "organisation_id", "quarter"]).doNothing())
      .returning("version")
      .executeTakeFirst();
    // Someone started the same return a moment ago: decide again against what they wrote.
    if (!inserted) return attempt === 0 ? applyChange(tx, key, request, 1) : { ok: false, reason: "stale", currentVersion: 1 };
  }

  const removed = [...(before?.values.keys() ?? [])].filter((id) => !after.has(id));
  if (removed.length) {
    await tx
      .deleteFrom("return_values")
      .where("partnership_id", "=", key.partnershipId)
      .where("organisation_id", "=", key.organisationId)
      .where("quarter", "=", key.quarter)
      .where("metric_id", "in", removed)
      .execute();
  }
  const changed = [...after].filter(([id, v]) => !sameStored(before?.values.get(id), v));
  if (changed.length) {
    await tx
      .insertInto("return_values")
      .values(
        changed.map(([metricId, v]) => ({
          partnership_id: key.partnershipId,
          organisation_id: key.organisationId,
          quarter: key.quarter,
          metric_id: metricId,
          value: v.value,
          not_applicable: v.notApplicable,
          definition_version: v.definitionVersion,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["partnership_id", "organisation_id", "quarter", "metric_id"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          not_applicable: eb.ref("excluded.not_applicable"),
          definition_version: eb.ref("excluded.definition_version"),
          updated_at: at,
        })),
      )
      .execute();
  }

  const snapshot: ReturnSnapshot = { values: {}, definitions: {}, narrative };
  for (const [id, v] of after) {
    const metricKey = keyOf.get(id) ?? id;
    snapshot.values[metricKey] = v.notApplicable ? NOT_APPLICABLE : v.value!;
    snapshot.definitions[metricKey] = v.definitionVersion;
  }
  const kind: ReturnVersionKind = request.action === "submit" && status === "resubmitted" ? "resubmitted" : KIND[request.action];
  await tx
    .insertInto("return_versions")
    .values({
      partnership_id: key.partnershipId,
      organisation_id: key.organisationId,
      quarter: key.quarter,
      version,
      kind,
      status,
      snapshot: JSON.stringify(snapshot),
      reason: request.reason ?? null,
      actor_user_id: request.actorUserId,
      at,
    })
    .execute();

  await notifyReturnChange(tx, { ...key, kind, version, actorUserId: request.actorUserId, before, after: { status, counts: countsForFigures(status), values: after } });
  return { ok: true, version, status, kind };
}

/** The figures of the four quarters before `quarter`, newest first (for the form's warnings). */
export async function previousFour(tx: Tx, key: ReturnKey) {
  const quarters: string[] = [];
  let q = parseQuarterKey(key.quarter)!;
  for (let i = 0; i < 4; i++) quarters.push((q = previousQuarter(q)).key);
  const figures = await countedFigures(tx, { ...key, quarters });
  return { quarters, previous: quarters.map((k) => figures.get(k) ?? {}) };
}

export type FormOutcome =
  | { kind: "done"; outcome: "saved" | "submitted" | "resubmitted" | "already_saved" | "already_submitted"; version: number }
  | { kind: "invalid"; errors: Record<string, string> }
  | { kind: "confirm"; warnings: Warning[] }
  | { kind: "locked"; lock: LockState }
  | { kind: "not_editable"; status: ReturnStatus | null }
  | {
      kind: "stale";
      currentVersion: number;
      status: ReturnStatus | null;
      changed: Array<{ field: string; now: MetricValue | string | null }>;
      by: { name: string | null; at: Date } | null;
    };

/** A champion's or organisation admin's save or submit of the return form. */
export async function saveReturnForm(
  tx: Tx,
  args: ReturnKey & {
    userId: string;
    intent: "save" | "submit";
    baseVersion: number;
    posted: Record<string, string | string[]>;
    confirmed: boolean;
    settings: ReportingSettings;
    today: string;
  },
): Promise<FormOutcome> {
  const key: ReturnKey = { partnershipId: args.partnershipId, organisationId: args.organisationId, quarter: args.quarter };
  const metrics = await metricsForQuarter(tx, key);
  const checked = readReturnForm(args.posted, metrics);
  if (Object.keys(checked.errors).length) return { kind: "invalid", errors: checked.errors };

  // Read once, under the row's lock, for the checks below and the change itself.
  const current = await loadReturn(tx, key, { forUpdate: true });
  const quarter = parseQuarterKey(key.quarter)!;
  let lock = lockState(quarter, args.settings, args.today, current.row?.status ?? null);
  // Past the period's lock only an exception reopens it: asked for only then.
  if (lock.reason === "period") lock = lockState(quarter, args.settings, args.today, current.row?.status ?? null, (await findLockException(tx, key))?.open_until ?? null);
  if (lock.reason === "period") return { kind: "locked", lock };

  if (args.intent === "submit" && !args.confirmed && (current.row?.version ?? 0) === args.baseVersion) {
    const warnings = [
      ...submissionWarnings(checked.input, metrics, quarter, args.today, longDate(quarter.end)),
      ...returnWarnings(checked.input, metrics, await previousFour(tx, key), { referenceYear: Number(args.today.slice(0, 4)) }),
    ];
    if (warnings.length) return { kind: "confirm", warnings };
  }

  const result = await applyChange(
    tx,
    key,
    {
      action: args.intent,
      expectedVersion: args.baseVersion,
      actorUserId: args.userId,
      metrics,
      values: checked.input.values,
      narrative: checked.input.narrative,
    },
    0,
    current,
  );
  if (result.ok) return { kind: "done", outcome: result.kind === "saved" ? "saved" : (result.kind as "submitted" | "resubmitted"), version: result.version };
  if (result.reason !== "stale") return { kind: "not_editable", status: current.row?.status ?? null };

  const now = await loadReturn(tx, key);
  const status = now.row?.status ?? null;
  if (sameInput(now.input, checked.input)) {
    if (args.intent === "save" && editableByOrganisation(status)) return { kind: "done", outcome: "already_saved", version: now.row!.version };
    if (args.intent === "submit" && countsForFigures(status)) return { kind: "done", outcome: "already_submitted", version: now.row!.version };
  }
  const base = args.baseVersion > 0 ? await versionSnapshot(tx, key, args.baseVersion) : null;
  const baseInput = base ? snapshotInput(base) : { values: {}, narrative: narrativeOf(null) };
  const changed = changedFields(baseInput, now.input).map((field) => ({
    field,
    now: field.startsWith("value.") ? (now.input.values[field.slice(6)] ?? null) : now.input.narrative[field as keyof Narrative],
  }));
  return { kind: "stale", currentVersion: now.row?.version ?? 0, status, changed, by: await lastChangedBy(tx, key) };
}

export type ReviewResult = ChangeResult | { ok: false; reason: "needs_until"; editableUntil: string };

/**
 * The coordinator accepts a submitted return, or returns it with a reason; the organisation is
 * told by email either way. A return sent back in a quarter that has locked for the organisation
 * would be a dead end ("correct it", and just below, "locked"): it reopens the quarter for that
 * organisation until `openUntil`, which the coordinator must then give.
 */
export async function reviewReturn(
  tx: Tx,
  key: ReturnKey & { userId: string; decision: "accept" | "return"; reason?: string; baseVersion: number; openUntil?: string | null; today: string; settings: ReportingSettings },
): Promise<ReviewResult> {
  let reopenUntil: string | null = null;
  if (key.decision === "return") {
    const quarter = parseQuarterKey(key.quarter)!;
    const lock = lockState(quarter, key.settings, key.today, null, (await findLockException(tx, key))?.open_until ?? null);
    if (lock.locked) {
      if (!key.openUntil) return { ok: false, reason: "needs_until", editableUntil: lock.editableUntil };
      reopenUntil = key.openUntil;
    }
  }
  const result = await applyChange(tx, key, { action: key.decision, expectedVersion: key.baseVersion, actorUserId: key.userId, metrics: [], reason: key.reason });
  if (!result.ok) return result;
  if (reopenUntil) await openLockException(tx, { ...key, until: reopenUntil, reason: "Returned for changes" });
  await tellOrganisation(tx, key, key.decision === "accept" ? { what: "accepted" } : { what: "returned", reason: key.reason ?? "", until: reopenUntil });
  return result;
}

/**
 * A coordinator's correction of some values (CSV upload). No version check: the import holds the
 * row lock while it compares and writes. Locks do not apply: correcting is the coordinator's job.
 */
export async function correctReturn(tx: Tx, key: ReturnKey & { userId: string; metrics: QuarterMetric[]; values: Record<string, MetricValue> }) {
  return applyChange(tx, key, { action: "correct", expectedVersion: null, actorUserId: key.userId, metrics: key.metrics, values: key.values });
}

/** Reopens one organisation's locked quarter until a day (inclusive), and tells the organisation. */
export async function reopenForOrganisation(tx: Tx, key: ReturnKey & { userId: string; until: string; reason: string | null }) {
  await openLockException(tx, key);
  await tellOrganisation(tx, key, { what: "reopened", until: key.until, reason: key.reason ?? "" });
}

export async function openLockException(tx: Tx, key: ReturnKey & { userId: string; until: string; reason: string | null }) {
  await tx
    .insertInto("return_lock_exceptions")
    .values({ partnership_id: key.partnershipId, organisation_id: key.organisationId, quarter: key.quarter, open_until: key.until, reason: key.reason, created_by: key.userId })
    .onConflict((oc) => oc.columns(["partnership_id", "organisation_id", "quarter"]).doUpdateSet({ open_until: key.until, reason: key.reason, created_by: key.userId }))
    .execute();
}

export async function closeLockException(tx: Tx, key: ReturnKey) {
  const deleted = await tx
    .deleteFrom("return_lock_exceptions")
    .where("partnership_id", "=", key.partnershipId)
    .where("organisation_id", "=", key.organisationId)
    .where("quarter", "=", key.quarter)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows) > 0;
}
