/**
 * Plans, actions, milestones and updates on real PostgreSQL, through the module functions the
 * routes call: carry-over, the rules of an update, stale saves and other partnerships' ids.
 */
import { describe, expect, it } from "vitest";
import { addMilestone, createAction, editAction, findAction, planChoices } from "~/modules/delivery/actions.server";
import { DEFAULT_THEMES } from "~/modules/delivery/plan-terms";
import { derivePlan } from "~/modules/delivery/plan-view";
import { createPlan, listThemes, loadPlan, planForYear, renameThemes } from "~/modules/delivery/plans.server";
import { recordUpdate } from "~/modules/delivery/updates.server";
import { addDays, financialYearOf } from "~/modules/reporting/periods";
import { today as todayOf } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { auditCount, organisationId, partnershipId, userId } from "../helpers/fixtures";

// Late in the financial year (Q3), when this year's plan has updates in every status and its
// mid-year review can open: the file's clock stops there, whatever the real date.
const db = useTestDatabase("demo", { asOf: "2026-12-04T12:00:00Z" });
const today = todayOf();
const thisYear = financialYearOf(today);

async function cleveland() {
  const owner = db().handles.owner;
  return { id: await partnershipId(owner, "cleveland"), coordinator: await userId(owner, "coordinator@cleveland.demo.test") };
}

const actionInput = (themeId: string, leadOrganisationId: string, extra: Record<string, unknown> = {}) => ({
  title: "Train housing officers in restorative conversations",
  description: null,
  themeId,
  leadOrganisationId,
  supportingOrganisationIds: [] as string[],
  boroughIds: [] as string[],
  startOn: `${thisYear}-04-01`,
  dueOn: `${thisYear + 1}-03-31`,
  successMeasure: null,
  weight: 1,
  ...extra,
});

describe("the demo plans", () => {
  it("give each partnership Appendix A's six themes, last year's plan and this year's, and last year's mid-year review", async () => {
    const { id } = await cleveland();
    await withPartnership(id, null, async (tx) => {
      const themes = await listThemes(tx, { partnershipId: id });
      expect(themes.map((t) => [t.key, t.name])).toEqual(DEFAULT_THEMES.map((t) => [t.key, t.name]));
      const current = await planForYear(tx, { partnershipId: id, financialYear: thisYear });
      const last = await planForYear(tx, { partnershipId: id, financialYear: thisYear - 1 });
      expect(current && last).toBeTruthy();
      const plan = derivePlan(await loadPlan(tx, { partnershipId: id, planId: current!.id }), today);
      expect(new Set(plan.actions.map((a) => a.themeId)).size).toBe(6);
      const statuses = new Set(plan.actions.map((a) => a.standing.status));
      for (const s of ["on_track", "at_risk", "off_track", "complete", "dropped"] as const) expect(statuses, s).toContain(s);
      expect(plan.actions.some((a) => a.carriedFromActionId)).toBe(true);
      const reviews = await tx.selectFrom("plan_reviews").select(["kind", "plan_id"]).where("partnership_id", "=", id).execute();
      expect(reviews).toEqual([{ kind: "mid_year", plan_id: last!.id }]);
    });
  });
});

describe("starting a plan", () => {
  it("carries over only unfinished actions, with their milestones, supporters and progress, under new references", async () => {
    const { id, coordinator } = await cleveland();
    await withPartnership(id, coordinator, async (tx) => {
      const current = (await planForYear(tx, { partnershipId: id, financialYear: thisYear }))!;
      const before = derivePlan(await loadPlan(tx, { partnershipId: id, planId: current.id }), today);
      const result = await createPlan(tx, { partnershipId: id, userId: coordinator, financialYear: thisYear + 1, carryOver: true, today });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const next = derivePlan(await loadPlan(tx, { partnershipId: id, planId: result.planId }), today);
      const unfinished = before.actions.filter((a) => a.standing.status !== "complete" && a.standing.status !== "dropped");
      expect(result.carried).toBe(unfinished.length);
      expect(next.actions.map((a) => a.title).sort()).toEqual(unfinished.map((a) => a.title).sort());
      for (const carried of next.actions) {
        const from = before.actions.find((a) => a.id === carried.carriedFromActionId)!;
        expect(carried.lead).toEqual(from.lead);
        expect(carried.supporting).toEqual(from.supporting);
        expect(carried.milestones.map((m) => [m.title, m.doneOn])).toEqual(from.milestones.map((m) => [m.title, m.doneOn]));
        expect(Math.round(carried.standing.progress)).toBe(Math.round(from.standing.progress));
        expect(carried.updates).toEqual([]);
      }
      expect(next.actions.map((a) => a.reference)).toEqual(expect.arrayContaining(["1.1", "2.1"]));
      const again = derivePlan(await loadPlan(tx, { partnershipId: id, planId: current.id }), today);
      expect(again).toEqual(before);
      const twice = await createPlan(tx, { partnershipId: id, userId: coordinator, financialYear: thisYear + 1, carryOver: false, today });
      expect(twice).toEqual({ ok: false, errors: { financialYear: "There is already a plan for that year" } });
    });
  });
});

describe("changing an action", () => {
  it("refuses a save based on an out-of-date version and keeps the other person's change", async () => {
    const { id, coordinator } = await cleveland();
    await withPartnership(id, coordinator, async (tx) => {
      const plan = (await planForYear(tx, { partnershipId: id, financialYear: thisYear }))!;
      const action = derivePlan(await loadPlan(tx, { partnershipId: id, planId: plan.id }), today).actions[0];
      const input = { ...actionInput(action.themeId, action.lead.id), title: "First person's title" };
      const first = await editAction(tx, { partnershipId: id, planId: plan.id, actionId: action.id, version: action.version, input });
      expect(first.ok).toBe(true);
      const second = await editAction(tx, {
        partnershipId: id,
        planId: plan.id,
        actionId: action.id,
        version: action.version,
        input: { ...input, title: "Second person's title" },
      });
      expect(second).toEqual({ ok: false, reason: "stale" });
      expect((await findAction(tx, { partnershipId: id, planId: plan.id, actionId: action.id }))!.title).toBe("First person's title");
    });
  });

  it("treats another partnership's organisation, theme or borough as a choice not on the list, and writes nothing", async () => {
    const owner = db().handles.owner;
    const { id, coordinator } = await cleveland();
    const hampshire = await partnershipId(owner, "hampshire");
    const southampton = await organisationId(owner, "hampshire", "Southampton Mediation Service");
    const hampshireTheme = (await owner.selectFrom("plan_themes").select("id").where("partnership_id", "=", hampshire).executeTakeFirstOrThrow()).id;
    const hampshireBorough = (await owner.selectFrom("boroughs").select("id").where("partnership_id", "=", hampshire).executeTakeFirstOrThrow()).id;
    const before = [await auditCount(owner, id), await auditCount(owner, hampshire)];
    await withPartnership(id, coordinator, async (tx) => {
      const plan = (await planForYear(tx, { partnershipId: id, financialYear: thisYear }))!;
      const choices = await planChoices(tx, { partnershipId: id });
      const result = await createAction(tx, {
        partnershipId: id,
        planId: plan.id,
        input: actionInput(hampshireTheme, southampton, { supportingOrganisationIds: [southampton], boroughIds: [hampshireBorough] }),
      });
      expect(result).toEqual({
        ok: false,
        reason: "invalid",
        errors: {
          themeId: "Choose a theme",
          leadOrganisationId: "Choose the lead organisation from the list",
          supportingOrganisationIds: "Choose supporting organisations from the list",
          boroughIds: "Choose boroughs from the list",
        },
      });
      expect(choices.organisations.some((o) => o.id === southampton)).toBe(false);
    });
    expect([await auditCount(owner, id), await auditCount(owner, hampshire)]).toEqual(before);
  });

  it("numbers a new action after the last one in its theme", async () => {
    const { id, coordinator } = await cleveland();
    await withPartnership(id, coordinator, async (tx) => {
      const plan = (await planForYear(tx, { partnershipId: id, financialYear: thisYear }))!;
      const themes = await listThemes(tx, { partnershipId: id });
      const hartlepool = await organisationId(db().handles.owner, "cleveland", "Hartlepool Borough Council");
      const innovation = themes.find((t) => t.key === "innovation")!;
      const created = await createAction(tx, { partnershipId: id, planId: plan.id, input: actionInput(innovation.id, hartlepool) });
      expect(created.ok).toBe(true);
      const action = await findAction(tx, { partnershipId: id, planId: plan.id, actionId: (created as { actionId: string }).actionId });
      expect(action!.reference).toBe("5.3");
    });
  });
});

describe("a quarterly update", () => {
  it("takes progress from milestones, refuses 'complete' while milestones are undone, and refuses a stale version", async () => {
    const { id, coordinator } = await cleveland();
    await withPartnership(id, coordinator, async (tx) => {
      const plan = (await planForYear(tx, { partnershipId: id, financialYear: thisYear }))!;
      const themes = await listThemes(tx, { partnershipId: id });
      const hartlepool = await organisationId(db().handles.owner, "cleveland", "Hartlepool Borough Council");
      const created = await createAction(tx, { partnershipId: id, planId: plan.id, input: actionInput(themes[5].id, hartlepool) });
      const actionId = (created as { actionId: string }).actionId;
      await addMilestone(tx, { partnershipId: id, actionId, version: 1, title: "Venue booked", dueOn: `${thisYear}-06-30` });
      await addMilestone(tx, { partnershipId: id, actionId, version: 2, title: "Session held", dueOn: `${thisYear}-09-30` });
      let action = (await findAction(tx, { partnershipId: id, planId: plan.id, actionId }))!;
      const [venue, session] = action.milestones;
      const quarter = `${thisYear}Q1`;
      const scope = { partnershipId: id, userId: coordinator, financialYear: thisYear, today };
      const complete = await recordUpdate(tx, {
        ...scope,
        action,
        version: action.version,
        input: { quarter, status: "complete", progress: null, commentary: null, milestonesDone: { [venue.id]: `${thisYear}-05-02` } },
      });
      expect(complete).toEqual({ ok: false, reason: "invalid", errors: { status: "Record every milestone as done before marking the action complete (1 not done)" } });

      const saved = await recordUpdate(tx, {
        ...scope,
        action,
        version: action.version,
        input: { quarter, status: "on_track", progress: 90, commentary: "Venue booked", milestonesDone: { [venue.id]: `${thisYear}-05-02`, [session.id]: null } },
      });
      expect(saved).toEqual({ ok: true });
      action = (await findAction(tx, { partnershipId: id, planId: plan.id, actionId }))!;
      const derived = derivePlan({ ...(await loadPlan(tx, { partnershipId: id, planId: plan.id, actionIds: [actionId] })) }, today).actions[0];
      expect(derived.standing).toMatchObject({ progress: 50, progressSource: "milestones", status: "on_track" });
      expect(action.updates[0]).toMatchObject({ quarter, progress: null, commentary: "Venue booked" });

      const stale = await recordUpdate(tx, {
        ...scope,
        action,
        version: action.version - 1,
        input: { quarter, status: "at_risk", progress: null, commentary: "Late", milestonesDone: {} },
      });
      expect(stale).toEqual({ ok: false, reason: "stale" });
      const future = await recordUpdate(tx, {
        ...scope,
        action,
        version: action.version,
        input: { quarter: `${thisYear + 1}Q1`, status: "at_risk", progress: null, commentary: null, milestonesDone: { [session.id]: addDays(today, 40) } },
      });
      expect(future).toMatchObject({
        ok: false,
        errors: { quarter: "Choose a quarter of this plan’s year that has already started", [`done-${session.id}`]: "The date “Session held” was done cannot be in the future" },
      });
    });
  });
});

describe("themes", () => {
  it("can be renamed, but not two to the same name", async () => {
    const { id, coordinator } = await cleveland();
    await withPartnership(id, coordinator, async (tx) => {
      const themes = await listThemes(tx, { partnershipId: id });
      const clash = await renameThemes(tx, { partnershipId: id, names: { [themes[0].id]: "Innovation" } });
      expect(clash).toEqual({ ok: false, errors: { [`theme-${themes[0].id}`]: "Give this theme a different name from “Innovation”" } });
      expect(await renameThemes(tx, { partnershipId: id, names: { [themes[0].id]: "Communication and engagement" } })).toEqual({ ok: true });
      expect((await listThemes(tx, { partnershipId: id }))[0]).toMatchObject({ key: "communication", name: "Communication and engagement", position: 1 });
    });
  });
});
