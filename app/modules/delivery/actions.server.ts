/**
 * Actions and their milestones: added and changed by the coordinator. Every change claims the
 * action's version first, so a save based on an out-of-date page is refused rather than
 * silently overwriting someone else's work. Ids from forms are checked against this partnership
 * before use: another partnership's id reads as a choice that is not on the list.
 */
import type { Tx } from "../tenancy/with-partnership.server";
import type { ActionInput } from "./action-forms.server";
import { claimVersion, listThemes, loadPlan } from "./plans.server";
import type { ActionRecord } from "./plan-view";

type Scope = { partnershipId: string };

export interface PlanChoices {
  themes: Array<{ id: string; name: string; position: number }>;
  organisations: Array<{ id: string; name: string }>;
  boroughs: Array<{ id: string; name: string }>;
}

/** What an action can be filed under, led by and scoped to; withdrawn organisations are left out. */
export async function planChoices(tx: Tx, { partnershipId }: Scope): Promise<PlanChoices> {
  const themes = await listThemes(tx, { partnershipId });
  const organisations = await tx
    .selectFrom("organisations")
    .select(["id", "name"])
    .where("partnership_id", "=", partnershipId)
    .where("withdrawn_at", "is", null)
    .orderBy("name")
    .execute();
  const boroughs = await tx.selectFrom("boroughs").select(["id", "name"]).where("partnership_id", "=", partnershipId).orderBy("name").execute();
  return { themes: themes.map((t) => ({ id: t.id, name: t.name, position: t.position })), organisations, boroughs };
}

export type ChangeResult =
  { ok: true; actionId: string } | { ok: false; reason: "invalid"; errors: Record<string, string> } | { ok: false; reason: "stale" } | { ok: false; reason: "not-found" };

function checkChoices(input: ActionInput, choices: PlanChoices): Record<string, string> {
  const errors: Record<string, string> = {};
  const orgs = new Set(choices.organisations.map((o) => o.id));
  if (!choices.themes.some((t) => t.id === input.themeId)) errors.themeId = "Choose a theme";
  if (!orgs.has(input.leadOrganisationId)) errors.leadOrganisationId = "Choose the lead organisation from the list";
  if (!input.supportingOrganisationIds.every((id) => orgs.has(id))) errors.supportingOrganisationIds = "Choose supporting organisations from the list";
  else if (input.supportingOrganisationIds.includes(input.leadOrganisationId)) errors.supportingOrganisationIds = "The lead organisation cannot also be a supporting organisation";
  const boroughs = new Set(choices.boroughs.map((b) => b.id));
  if (!input.boroughIds.every((id) => boroughs.has(id))) errors.boroughIds = "Choose boroughs from the list";
  return errors;
}

async function nextReference(tx: Tx, { partnershipId, planId, themeId }: Scope & { planId: string; themeId: string }, position: number) {
  const rows = await tx
    .selectFrom("plan_actions")
    .select("reference")
    .where("partnership_id", "=", partnershipId)
    .where("plan_id", "=", planId)
    .where("theme_id", "=", themeId)
    .execute();
  const highest = rows.reduce((max, r) => Math.max(max, Number(r.reference.split(".")[1])), 0);
  return `${position}.${highest + 1}`;
}

async function writeScope(tx: Tx, partnershipId: string, actionId: string, input: ActionInput) {
  await tx.deleteFrom("plan_action_supporters").where("partnership_id", "=", partnershipId).where("action_id", "=", actionId).execute();
  await tx.deleteFrom("plan_action_boroughs").where("partnership_id", "=", partnershipId).where("action_id", "=", actionId).execute();
  const supporters = [...new Set(input.supportingOrganisationIds)];
  if (supporters.length) {
    await tx
      .insertInto("plan_action_supporters")
      .values(supporters.map((id) => ({ partnership_id: partnershipId, action_id: actionId, organisation_id: id })))
      .execute();
  }
  const boroughs = [...new Set(input.boroughIds)];
  if (boroughs.length) {
    await tx
      .insertInto("plan_action_boroughs")
      .values(boroughs.map((id) => ({ partnership_id: partnershipId, action_id: actionId, borough_id: id })))
      .execute();
  }
}

const columns = (input: ActionInput) => ({
  title: input.title,
  description: input.description,
  theme_id: input.themeId,
  lead_organisation_id: input.leadOrganisationId,
  whole_partnership: input.boroughIds.length === 0,
  start_on: input.startOn,
  due_on: input.dueOn,
  success_measure: input.successMeasure,
  weight: input.weight,
});

export async function createAction(tx: Tx, { partnershipId, planId, input }: Scope & { planId: string; input: ActionInput }): Promise<ChangeResult> {
  const choices = await planChoices(tx, { partnershipId });
  const errors = checkChoices(input, choices);
  if (Object.keys(errors).length) return { ok: false, reason: "invalid", errors };
  const theme = choices.themes.find((t) => t.id === input.themeId)!;
  const reference = await nextReference(tx, { partnershipId, planId, themeId: theme.id }, theme.position);
  const { id } = await tx
    .insertInto("plan_actions")
    .values({ partnership_id: partnershipId, plan_id: planId, reference, ...columns(input) })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeScope(tx, partnershipId, id, input);
  return { ok: true, actionId: id };
}

export async function findAction(tx: Tx, { partnershipId, planId, actionId }: Scope & { planId: string; actionId: string }): Promise<ActionRecord | null> {
  const plan = await loadPlan(tx, { partnershipId, planId, actionIds: [actionId] });
  return plan.actions[0] ?? null;
}

export async function editAction(
  tx: Tx,
  { partnershipId, planId, actionId, version, input }: Scope & { planId: string; actionId: string; version: number; input: ActionInput },
): Promise<ChangeResult> {
  const current = await findAction(tx, { partnershipId, planId, actionId });
  if (!current) return { ok: false, reason: "not-found" };
  const choices = await planChoices(tx, { partnershipId });
  // An organisation withdrawn since the action was made may stay as its lead or supporter.
  for (const org of [current.lead, ...current.supporting]) if (!choices.organisations.some((o) => o.id === org.id)) choices.organisations.push(org);
  const errors = checkChoices(input, choices);
  if (Object.keys(errors).length) return { ok: false, reason: "invalid", errors };
  if (!(await claimVersion(tx, { partnershipId, actionId, version }))) return { ok: false, reason: "stale" };
  let reference = current.reference;
  if (input.themeId !== current.themeId) {
    const theme = choices.themes.find((t) => t.id === input.themeId)!;
    reference = await nextReference(tx, { partnershipId, planId, themeId: theme.id }, theme.position);
  }
  await tx
    .updateTable("plan_actions")
    .set({ ...columns(input), reference })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", actionId)
    .execute();
  await writeScope(tx, partnershipId, actionId, input);
  return { ok: true, actionId };
}

export type DeleteResult = { ok: true } | { ok: false; reason: "stale" | "not-found" } | { ok: false; reason: "refused"; message: string };

/** An action with a history (updates, or carried into a later plan) is dropped, not deleted. */
export async function deleteAction(tx: Tx, { partnershipId, planId, actionId, version }: Scope & { planId: string; actionId: string; version: number }): Promise<DeleteResult> {
  const current = await findAction(tx, { partnershipId, planId, actionId });
  if (!current) return { ok: false, reason: "not-found" };
  if (current.updates.length) return { ok: false, reason: "refused", message: "This action has quarterly updates, so it cannot be deleted. Record it as dropped instead." };
  const carried = await tx.selectFrom("plan_actions").select("id").where("partnership_id", "=", partnershipId).where("carried_from_action_id", "=", actionId).executeTakeFirst();
  if (carried) return { ok: false, reason: "refused", message: "This action was carried over into a later plan, so it cannot be deleted." };
  if (!(await claimVersion(tx, { partnershipId, actionId, version }))) return { ok: false, reason: "stale" };
  await tx.deleteFrom("plan_actions").where("partnership_id", "=", partnershipId).where("id", "=", actionId).execute();
  return { ok: true };
}

export type MilestoneResult = { ok: true } | { ok: false; reason: "stale" | "not-found" };

type MilestoneScope = Scope & { actionId: string; version: number };

export async function addMilestone(tx: Tx, { partnershipId, actionId, version, title, dueOn }: MilestoneScope & { title: string; dueOn: string }): Promise<MilestoneResult> {
  if (!(await claimVersion(tx, { partnershipId, actionId, version }))) return { ok: false, reason: "stale" };
  await tx.insertInto("plan_milestones").values({ partnership_id: partnershipId, action_id: actionId, title, due_on: dueOn }).execute();
  return { ok: true };
}

export async function saveMilestone(
  tx: Tx,
  { partnershipId, actionId, version, milestoneId, title, dueOn }: MilestoneScope & { milestoneId: string; title: string; dueOn: string },
): Promise<MilestoneResult> {
  if (!(await milestoneOf(tx, { partnershipId, actionId, milestoneId }))) return { ok: false, reason: "not-found" };
  if (!(await claimVersion(tx, { partnershipId, actionId, version }))) return { ok: false, reason: "stale" };
  await tx.updateTable("plan_milestones").set({ title, due_on: dueOn }).where("partnership_id", "=", partnershipId).where("id", "=", milestoneId).execute();
  return { ok: true };
}

export async function removeMilestone(tx: Tx, { partnershipId, actionId, version, milestoneId }: MilestoneScope & { milestoneId: string }): Promise<MilestoneResult> {
  if (!(await milestoneOf(tx, { partnershipId, actionId, milestoneId }))) return { ok: false, reason: "not-found" };
  if (!(await claimVersion(tx, { partnershipId, actionId, version }))) return { ok: false, reason: "stale" };
  await tx.deleteFrom("plan_milestones").where("partnership_id", "=", partnershipId).where("id", "=", milestoneId).execute();
  return { ok: true };
}

function milestoneOf(tx: Tx, { partnershipId, actionId, milestoneId }: Scope & { actionId: string; milestoneId: string }) {
  return tx
    .selectFrom("plan_milestones")
    .select("id")
    .where("partnership_id", "=", partnershipId)
    .where("action_id", "=", actionId)
    .where("id", "=", milestoneId)
    .executeTakeFirst();
}
