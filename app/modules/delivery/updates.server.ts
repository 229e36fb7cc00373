/**
 * Quarterly updates: the lead organisation (or the coordinator) records an action's status,
 * progress and commentary for a quarter, and ticks off milestones in the same form. Progress is
 * asked for only when it is not derived from milestones. One update per quarter; saving again
 * revises it (the audit trail keeps what it said before).
 */
import { now } from "../platform/clock.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { isCalendarDate } from "./action-forms.server";
import { milestoneField, updateQuarters, type ActionStatus } from "./plan-terms";
import type { ActionRecord } from "./plan-view";
import { claimVersion } from "./plans.server";

export interface UpdateInput {
  quarter: string;
  status: ActionStatus;
  progress: number | null;
  commentary: string | null;
  /** Milestone id → the day it was done, or null for not done yet. */
  milestonesDone: Record<string, string | null>;
}

export type UpdateResult = { ok: true } | { ok: false; reason: "invalid"; errors: Record<string, string> } | { ok: false; reason: "stale" };

/** The rules an update must meet, for the form and the CSV upload alike; field names as in the form. */
export function checkUpdate(action: ActionRecord, input: UpdateInput, { financialYear, today }: { financialYear: number; today: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!updateQuarters(financialYear, today).some((q) => q.key === input.quarter)) errors.quarter = "Choose a quarter of this plan’s year that has already started";
  for (const m of action.milestones) {
    const done = input.milestonesDone[m.id];
    if (done === undefined || done === null) continue;
    if (!isCalendarDate(done)) errors[milestoneField(m.id)] = `Enter the date “${m.title}” was done, like 2026-10-14`;
    else if (done > today) errors[milestoneField(m.id)] = `The date “${m.title}” was done cannot be in the future`;
  }
  const hasMilestones = action.milestones.length > 0;
  if (!hasMilestones && input.progress === null && input.status !== "dropped") errors.progress = "Enter progress as a whole number from 0 to 100";
  if (input.status === "complete") {
    const undone = action.milestones.filter((m) => !(m.id in input.milestonesDone ? input.milestonesDone[m.id] : m.doneOn));
    if (hasMilestones && undone.length) errors.status = `Record every milestone as done before marking the action complete (${undone.length} not done)`;
    if (!hasMilestones && input.progress !== null && input.progress < 100) errors.progress = "A complete action is 100% done: enter 100, or choose another status";
  }
  return errors;
}

export async function recordUpdate(
  tx: Tx,
  {
    partnershipId,
    action,
    userId,
    version,
    input,
    financialYear,
    today,
  }: { partnershipId: string; action: ActionRecord; userId: string; version: number; input: UpdateInput; financialYear: number; today: string },
): Promise<UpdateResult> {
  const errors = checkUpdate(action, input, { financialYear, today });
  if (Object.keys(errors).length) return { ok: false, reason: "invalid", errors };
  if (!(await claimVersion(tx, { partnershipId, actionId: action.id, version }))) return { ok: false, reason: "stale" };
  await writeUpdate(tx, { partnershipId, action, userId, input });
  return { ok: true };
}

/** Writes a checked update; the caller has claimed the action's version. */
export async function writeUpdate(tx: Tx, { partnershipId, action, userId, input }: { partnershipId: string; action: ActionRecord; userId: string; input: UpdateInput }) {
  const progress = action.milestones.length > 0 ? null : input.progress;
  await tx
    .insertInto("plan_action_updates")
    .values({
      partnership_id: partnershipId,
      action_id: action.id,
      quarter: input.quarter,
      status: input.status,
      progress,
      commentary: input.commentary,
      recorded_by: userId,
    })
    .onConflict((oc) =>
      oc.columns(["partnership_id", "action_id", "quarter"]).doUpdateSet({ status: input.status, progress, commentary: input.commentary, recorded_by: userId, recorded_at: now() }),
    )
    .execute();
  for (const m of action.milestones) {
    const done = input.milestonesDone[m.id];
    if (done === undefined || done === m.doneOn) continue;
    await tx.updateTable("plan_milestones").set({ done_on: done }).where("partnership_id", "=", partnershipId).where("id", "=", m.id).execute();
  }
}
