/**
 * Plans and their themes: one plan per partnership per financial year, loaded whole (a plan has
 * tens of actions, not thousands), and started afresh or by carrying over last year's unfinished work.
 */
import { sql } from "kysely";
import { now } from "../platform/clock.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { DEFAULT_THEMES, type ThemeKey } from "./plan-terms";
import type { ActionRecord, PlanRecord, ThemeRecord } from "./plan-view";
import { derivePlan } from "./plan-view";

type Scope = { partnershipId: string };

/** Every partnership gets Appendix A's six themes the first time it opens its plans. */
export async function ensureThemes(tx: Tx, { partnershipId }: Scope) {
  await tx
    .insertInto("plan_themes")
    .values(DEFAULT_THEMES.map((t) => ({ partnership_id: partnershipId, key: t.key, name: t.name, position: t.position })))
    .onConflict((oc) => oc.columns(["partnership_id", "key"]).doNothing())
    .execute();
}

export async function listThemes(tx: Tx, { partnershipId }: Scope): Promise<ThemeRecord[]> {
  const select = () => tx.selectFrom("plan_themes").select(["id", "key", "name", "position"]).where("partnership_id", "=", partnershipId).orderBy("position").execute();
  let rows = await select();
  if (rows.length < DEFAULT_THEMES.length) {
    await ensureThemes(tx, { partnershipId });
    rows = await select();
  }
  return rows.map((r) => ({ ...r, key: r.key as ThemeKey }));
}

export type RenameResult = { ok: true } | { ok: false; errors: Record<string, string> };

export async function renameThemes(tx: Tx, { partnershipId, names }: Scope & { names: Record<string, string> }): Promise<RenameResult> {
  const themes = await listThemes(tx, { partnershipId });
  const errors: Record<string, string> = {};
  const named = themes.map((t) => ({ ...t, next: names[t.id] ?? t.name }));
  for (const theme of named) {
    if (names[theme.id] === undefined) continue;
    const clash = named.find((o) => o.id !== theme.id && o.next.toLowerCase() === theme.next.toLowerCase());
    if (clash) errors[`theme-${theme.id}`] = `Give this theme a different name from “${clash.next}”`;
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  for (const theme of themes) {
    const name = names[theme.id];
    if (name === undefined || name === theme.name) continue;
    await tx.updateTable("plan_themes").set({ name }).where("partnership_id", "=", partnershipId).where("id", "=", theme.id).execute();
  }
  return { ok: true };
}

export interface PlanSummary {
  id: string;
  financialYear: number;
  actions: number;
  progress: number | null;
  overdue: number;
  reviews: Array<{ id: string; kind: "mid_year" | "end_year" }>;
}

export async function findPlan(tx: Tx, { partnershipId, planId }: Scope & { planId: string }) {
  return tx
    .selectFrom("delivery_plans")
    .select(["id", "financial_year", "carried_from_plan_id"])
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", planId)
    .executeTakeFirst();
}

/** `sees` narrows each plan to the actions a reader may see (a borough board member's borough), so its figures are theirs. */
export async function listPlans(tx: Tx, { partnershipId, today, sees }: Scope & { today: string; sees?: (action: ActionRecord) => boolean }): Promise<PlanSummary[]> {
  const plans = await tx.selectFrom("delivery_plans").select(["id", "financial_year"]).where("partnership_id", "=", partnershipId).orderBy("financial_year", "desc").execute();
  const reviews = await tx.selectFrom("plan_reviews").select(["id", "plan_id", "kind"]).where("partnership_id", "=", partnershipId).orderBy("kind", "desc").execute();
  const summaries: PlanSummary[] = [];
  for (const plan of plans) {
    const record = await loadPlan(tx, { partnershipId, planId: plan.id });
    const derived = derivePlan(sees ? { ...record, actions: record.actions.filter(sees) } : record, today);
    summaries.push({
      id: plan.id,
      financialYear: plan.financial_year,
      actions: derived.actions.length,
      progress: derived.progress,
      overdue: derived.overdue,
      reviews: reviews.filter((r) => r.plan_id === plan.id).map((r) => ({ id: r.id, kind: r.kind })),
    });
  }
  return summaries;
}

/** The plan with its themes, actions, supporters, boroughs, milestones and updates; `actionIds` narrows it. */
export async function loadPlan(tx: Tx, { partnershipId, planId, actionIds }: Scope & { planId: string; actionIds?: string[] }): Promise<PlanRecord> {
  const plan = await findPlan(tx, { partnershipId, planId });
  if (!plan) throw new Error(`No plan ${planId} in this partnership`);
  const themes = await listThemes(tx, { partnershipId });
  if (actionIds && actionIds.length === 0) return { id: plan.id, financialYear: plan.financial_year, carriedFromPlanId: plan.carried_from_plan_id, themes, actions: [] };

  let actionQuery = tx
    .selectFrom("plan_actions as a")
    .innerJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "a.partnership_id").onRef("o.id", "=", "a.lead_organisation_id"))
    .selectAll("a")
    .select("o.name as lead_name")
    .where("a.partnership_id", "=", partnershipId)
    .where("a.plan_id", "=", planId);
  if (actionIds) actionQuery = actionQuery.where("a.id", "in", actionIds);
  const actions = await actionQuery.execute();
  const ids = actions.map((a) => a.id);
  if (ids.length === 0) return { id: plan.id, financialYear: plan.financial_year, carriedFromPlanId: plan.carried_from_plan_id, themes, actions: [] };

  const supporters = await tx
    .selectFrom("plan_action_supporters as s")
    .innerJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "s.partnership_id").onRef("o.id", "=", "s.organisation_id"))
    .select(["s.action_id", "o.id", "o.name"])
    .where("s.partnership_id", "=", partnershipId)
    .where("s.action_id", "in", ids)
    .orderBy("o.name")
    .execute();
  const boroughs = await tx
    .selectFrom("plan_action_boroughs as ab")
    .innerJoin("boroughs as b", (j) => j.onRef("b.partnership_id", "=", "ab.partnership_id").onRef("b.id", "=", "ab.borough_id"))
    .select(["ab.action_id", "b.id", "b.name"])
    .where("ab.partnership_id", "=", partnershipId)
    .where("ab.action_id", "in", ids)
    .orderBy("b.name")
    .execute();
  const milestones = await tx
    .selectFrom("plan_milestones")
    .select(["id", "action_id", "title", "due_on", "done_on"])
    .where("partnership_id", "=", partnershipId)
    .where("action_id", "in", ids)
    .orderBy("due_on")
    .orderBy("created_at")
    .execute();
  const updates = await tx
    .selectFrom("plan_action_updates as u")
    .leftJoin("users as p", "p.id", "u.recorded_by")
    .select(["u.id", "u.action_id", "u.quarter", "u.status", "u.progress", "u.commentary", "u.recorded_at", "p.name as recorded_by_name"])
    .where("u.partnership_id", "=", partnershipId)
    .where("u.action_id", "in", ids)
    .orderBy("u.quarter", "desc")
    .execute();

  const records: ActionRecord[] = actions.map((a) => ({
    id: a.id,
    reference: a.reference,
    themeId: a.theme_id,
    title: a.title,
    description: a.description,
    lead: { id: a.lead_organisation_id, name: a.lead_name },
    supporting: supporters.filter((s) => s.action_id === a.id).map((s) => ({ id: s.id, name: s.name })),
    boroughs: a.whole_partnership ? [] : boroughs.filter((b) => b.action_id === a.id).map((b) => ({ id: b.id, name: b.name })),
    startOn: a.start_on,
    dueOn: a.due_on,
    successMeasure: a.success_measure,
    weight: a.weight,
    startingProgress: a.starting_progress,
    carriedFromActionId: a.carried_from_action_id,
    version: a.version,
    milestones: milestones.filter((m) => m.action_id === a.id).map((m) => ({ id: m.id, title: m.title, dueOn: m.due_on, doneOn: m.done_on })),
    updates: updates
      .filter((u) => u.action_id === a.id)
      .map((u) => ({
        id: u.id,
        quarter: u.quarter,
        status: u.status,
        progress: u.progress,
        commentary: u.commentary,
        recordedAt: u.recorded_at.toISOString(),
        recordedBy: u.recorded_by_name,
      })),
  }));
  return { id: plan.id, financialYear: plan.financial_year, carriedFromPlanId: plan.carried_from_plan_id, themes, actions: records };
}

export type CreatePlanResult = { ok: true; planId: string; carried: number } | { ok: false; errors: Record<string, string> };

/**
 * Starts a financial year's plan. Carrying over copies every action of the previous year's plan
 * that is neither complete nor dropped — with its supporters, boroughs and milestones, and the
 * progress it had reached — under a new reference; the old plan keeps its history untouched.
 */
export async function createPlan(
  tx: Tx,
  { partnershipId, userId, financialYear, carryOver, today }: Scope & { userId: string; financialYear: number; carryOver: boolean; today: string },
): Promise<CreatePlanResult> {
  await ensureThemes(tx, { partnershipId });
  const existing = await tx.selectFrom("delivery_plans").select("id").where("partnership_id", "=", partnershipId).where("financial_year", "=", financialYear).executeTakeFirst();
  if (existing) return { ok: false, errors: { financialYear: "There is already a plan for that year" } };
  const previous = carryOver
    ? await tx
        .selectFrom("delivery_plans")
        .select("id")
        .where("partnership_id", "=", partnershipId)
        .where("financial_year", "=", financialYear - 1)
        .executeTakeFirst()
    : undefined;
  if (carryOver && !previous) return { ok: false, errors: { carryOver: "There is no plan for the year before to carry actions over from" } };

  const { id: planId } = await tx
    .insertInto("delivery_plans")
    .values({ partnership_id: partnershipId, financial_year: financialYear, carried_from_plan_id: previous?.id ?? null, created_by: userId })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (!previous) return { ok: true, planId, carried: 0 };

  const old = derivePlan(await loadPlan(tx, { partnershipId, planId: previous.id }), today);
  const numbering = new Map<string, number>();
  let carried = 0;
  for (const theme of old.themes) {
    for (const action of theme.actions) {
      if (action.standing.status === "complete" || action.standing.status === "dropped") continue;
      const n = (numbering.get(theme.id) ?? 0) + 1;
      numbering.set(theme.id, n);
      const { id: actionId } = await tx
        .insertInto("plan_actions")
        .values({
          partnership_id: partnershipId,
          plan_id: planId,
          theme_id: theme.id,
          reference: `${theme.position}.${n}`,
          title: action.title,
          description: action.description,
          lead_organisation_id: action.lead.id,
          whole_partnership: action.boroughs.length === 0,
          start_on: action.startOn,
          due_on: action.dueOn,
          success_measure: action.successMeasure,
          weight: action.weight,
          starting_progress: action.standing.progressSource === "entered" ? Math.round(action.standing.progress) : 0,
          carried_from_action_id: action.id,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await copyChildren(tx, partnershipId, action, actionId);
      carried += 1;
    }
  }
  return { ok: true, planId, carried };
}

async function copyChildren(tx: Tx, partnershipId: string, from: ActionRecord, actionId: string) {
  if (from.supporting.length) {
    await tx
      .insertInto("plan_action_supporters")
      .values(from.supporting.map((s) => ({ partnership_id: partnershipId, action_id: actionId, organisation_id: s.id })))
      .execute();
  }
  if (from.boroughs.length) {
    await tx
      .insertInto("plan_action_boroughs")
      .values(from.boroughs.map((b) => ({ partnership_id: partnershipId, action_id: actionId, borough_id: b.id })))
      .execute();
  }
  if (from.milestones.length) {
    await tx
      .insertInto("plan_milestones")
      .values(from.milestones.map((m) => ({ partnership_id: partnershipId, action_id: actionId, title: m.title, due_on: m.dueOn, done_on: m.doneOn })))
      .execute();
  }
}

/** The plan for the financial year a date falls in, if there is one. */
export async function planForYear(tx: Tx, { partnershipId, financialYear }: Scope & { financialYear: number }) {
  return tx.selectFrom("delivery_plans").select("id").where("partnership_id", "=", partnershipId).where("financial_year", "=", financialYear).executeTakeFirst();
}

/** Bumps an action's version if it is still the one the person saw; false means someone else saved first. */
export async function claimVersion(tx: Tx, { partnershipId, actionId, version }: Scope & { actionId: string; version: number }) {
  const row = await tx
    .updateTable("plan_actions")
    .set({ version: sql`version + 1`, updated_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", actionId)
    .where("version", "=", version)
    .returning("version")
    .executeTakeFirst();
  return row !== undefined;
}
