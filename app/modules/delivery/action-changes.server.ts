/**
 * The coordinator's changes to one action, told apart by the form's `intent`: save the action,
 * add, change or remove a milestone, or delete the action. Parses the form and calls the rule
 * in actions.server.ts; the route only turns the outcome into a page.
 */
import type { Tx } from "../tenancy/with-partnership.server";
import { parseFormData } from "../platform/form.server";
import { AddMilestoneSchema, DeleteActionSchema, EditActionSchema, milestoneSchema, MilestoneRowSchema } from "./action-forms.server";
import { addMilestone, deleteAction, editAction, removeMilestone, saveMilestone } from "./actions.server";
import type { ActionRecord } from "./plan-view";

export const STALE_ACTION =
  "Someone else changed this action while you had this page open, so your change has not been saved. What you entered is below: check the action as it is now, then save again.";

export type ActionChange =
  { ok: true; intent: string; notice: string } | { ok: false; reason: "invalid" | "not-found"; errors: Record<string, string>; message?: string } | { ok: false; reason: "stale" };

type Failure = Extract<ActionChange, { ok: false }>;

const invalid = (errors: Record<string, string>, message?: string): Failure => ({ ok: false, reason: "invalid", errors, message });

export async function changeAction(
  tx: Tx,
  { partnershipId, planId, action, form }: { partnershipId: string; planId: string; action: ActionRecord; form: FormData },
): Promise<ActionChange> {
  const intent = String(form.get("intent") ?? "");
  const scope = { partnershipId, actionId: action.id };
  switch (intent) {
    case "save": {
      const parsed = parseFormData(form, EditActionSchema);
      if (!parsed.ok) return invalid(parsed.reply.errors);
      const result = await editAction(tx, { ...scope, planId, version: parsed.data.version, input: parsed.data });
      if (result.ok) return { ok: true, intent, notice: "Action saved" };
      return result.reason === "invalid" ? invalid(result.errors) : result.reason === "stale" ? { ok: false, reason: "stale" } : { ok: false, reason: "not-found", errors: {} };
    }
    case "add-milestone": {
      const parsed = parseFormData(form, AddMilestoneSchema);
      if (!parsed.ok) return invalid(parsed.reply.errors);
      const result = await addMilestone(tx, { ...scope, version: parsed.data.version, title: parsed.data.milestoneTitle, dueOn: parsed.data.milestoneDueOn });
      return result.ok ? { ok: true, intent, notice: "Milestone added" } : outcome(result.reason);
    }
    case "save-milestone":
    case "remove-milestone": {
      const row = parseFormData(form, MilestoneRowSchema);
      if (!row.ok) return invalid(row.reply.errors);
      const { milestoneId, version } = row.data;
      if (!action.milestones.some((m) => m.id === milestoneId)) return { ok: false, reason: "not-found", errors: {}, message: "That milestone is not part of this action" };
      if (intent === "remove-milestone") {
        const result = await removeMilestone(tx, { ...scope, version, milestoneId });
        return result.ok ? { ok: true, intent, notice: "Milestone removed" } : outcome(result.reason);
      }
      const parsed = parseFormData(form, milestoneSchema(milestoneId));
      if (!parsed.ok) return invalid(parsed.reply.errors);
      const fields = parsed.data as Record<string, string>;
      const result = await saveMilestone(tx, { ...scope, version, milestoneId, title: fields[`milestoneTitle-${milestoneId}`], dueOn: fields[`milestoneDueOn-${milestoneId}`] });
      return result.ok ? { ok: true, intent, notice: "Milestone saved" } : outcome(result.reason);
    }
    case "delete": {
      const parsed = parseFormData(form, DeleteActionSchema);
      if (!parsed.ok) return invalid(parsed.reply.errors);
      const result = await deleteAction(tx, { ...scope, planId, version: parsed.data.version });
      if (result.ok) return { ok: true, intent, notice: `Action ${action.reference} deleted` };
      if (result.reason === "refused") return invalid({}, result.message);
      return outcome(result.reason);
    }
    default:
      return invalid({}, "Choose what to change");
  }
}

function outcome(reason: "stale" | "not-found"): Failure {
  return reason === "stale" ? { ok: false, reason: "stale" } : { ok: false, reason: "not-found", errors: {} };
}
