import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ACTION_STATUSES, ragOf, reviewCanOpen, statusFromLabel } from "~/modules/delivery/plan-terms";
import { actionStanding, isOverdue, latestUpdate, rollUp, type ActionFacts, type Weighted } from "~/modules/delivery/progress";

const action = (facts: Partial<ActionFacts>): ActionFacts => ({ weight: 1, dueOn: "2027-03-31", startingProgress: 0, milestones: [], updates: [], ...facts });

describe("an action's progress", () => {
  it("comes from its milestones when it has any, each counting the same, whatever was typed", () => {
    const standing = actionStanding(
      action({
        milestones: [{ doneOn: "2026-05-01" }, { doneOn: "2026-08-10" }, { doneOn: null }, { doneOn: null }],
        updates: [{ quarter: "2026Q2", status: "on_track", progress: 90 }],
      }),
      "2026-11-22",
    );
    expect(standing).toMatchObject({ progress: 50, progressSource: "milestones", milestonesDone: 2, milestonesTotal: 4, status: "on_track" });
  });

  it("counts only the milestones done by the date asked about", () => {
    const facts = action({ milestones: [{ doneOn: "2026-05-01" }, { doneOn: "2026-10-03" }] });
    expect(actionStanding(facts, "2026-09-30").progress).toBe(50);
    expect(actionStanding(facts, "2026-11-22").progress).toBe(100);
  });

  it("without milestones, is the latest progress entered, falling back to where it started the year", () => {
    expect(actionStanding(action({ startingProgress: 40 }), "2026-11-22")).toMatchObject({ progress: 40, progressSource: "entered", status: "not_started" });
    const updated = action({
      startingProgress: 40,
      updates: [
        { quarter: "2026Q2", status: "at_risk", progress: 55 },
        { quarter: "2026Q1", status: "on_track", progress: 45 },
        { quarter: "2026Q3", status: "off_track", progress: null },
      ],
    });
    expect(actionStanding(updated, "2026-11-22")).toMatchObject({ progress: 55, status: "off_track", statusQuarter: "2026Q3", rag: "red" });
    expect(actionStanding(updated, "2026-09-30")).toMatchObject({ progress: 55, status: "at_risk", statusQuarter: "2026Q2", rag: "amber" });
    expect(actionStanding(updated, "2026-06-30")).toMatchObject({ progress: 45, status: "on_track" });
  });

  it("is overdue when past its due date and neither complete nor dropped", () => {
    expect(isOverdue("2026-09-30", "on_track", "2026-11-22")).toBe(true);
    expect(isOverdue("2026-09-30", "not_started", "2026-11-22")).toBe(true);
    expect(isOverdue("2026-09-30", "complete", "2026-11-22")).toBe(false);
    expect(isOverdue("2026-09-30", "dropped", "2026-11-22")).toBe(false);
    expect(isOverdue("2026-11-22", "off_track", "2026-11-22")).toBe(false);
  });

  it("ignores updates for quarters that had not started by the date asked about", () => {
    const updates = [
      { quarter: "2026Q4", status: "complete" as const, progress: 100 },
      { quarter: "2026Q1", status: "on_track" as const, progress: 20 },
    ];
    expect(latestUpdate(updates, "2026-11-22")?.quarter).toBe("2026Q1");
    expect(latestUpdate(updates, "2027-01-01")?.quarter).toBe("2026Q4");
  });
});

describe("theme and plan progress", () => {
  it("is the weighted mean of the actions, leaving dropped actions out", () => {
    const actions: Weighted[] = [
      { weight: 3, status: "on_track", progress: 100 },
      { weight: 1, status: "at_risk", progress: 20 },
      { weight: 5, status: "dropped", progress: 0 },
    ];
    expect(rollUp(actions)).toEqual({ progress: 80, counted: 2, totalWeight: 4 });
  });

  it("has no figure when every action is dropped or there are none", () => {
    expect(rollUp([]).progress).toBeNull();
    expect(rollUp([{ weight: 2, status: "dropped", progress: 70 }]).progress).toBeNull();
  });

  const weighted = fc.record({
    weight: fc.integer({ min: 1, max: 10 }),
    status: fc.constantFrom(...ACTION_STATUSES),
    progress: fc.integer({ min: 0, max: 100 }),
  });

  it("always lies between the least and greatest progress of the actions that count", () => {
    fc.assert(
      fc.property(fc.array(weighted, { maxLength: 30 }), (actions) => {
        const counted = actions.filter((a) => a.status !== "dropped");
        const { progress } = rollUp(actions);
        if (counted.length === 0) return progress === null;
        const values = counted.map((a) => a.progress);
        return progress !== null && progress >= Math.min(...values) - 1e-9 && progress <= Math.max(...values) + 1e-9;
      }),
    );
  });

  it("does not move when a dropped action is added, whatever its weight and progress", () => {
    fc.assert(
      fc.property(fc.array(weighted, { maxLength: 20 }), weighted, (actions, extra) => {
        const before = rollUp(actions).progress;
        const after = rollUp([...actions, { ...extra, status: "dropped" }]).progress;
        return before === after || Math.abs((before ?? 0) - (after ?? 0)) < 1e-9;
      }),
    );
  });

  it("gives the plan the same figure whether taken over all actions or over themes weighted by their actions' weight", () => {
    fc.assert(
      fc.property(fc.array(fc.array(weighted, { maxLength: 10 }), { minLength: 1, maxLength: 6 }), (themes) => {
        const plan = rollUp(themes.flat());
        const themeRolls = themes.map(rollUp).filter((t) => t.progress !== null);
        const total = themeRolls.reduce((sum, t) => sum + t.totalWeight, 0);
        if (total === 0) return plan.progress === null;
        const fromThemes = themeRolls.reduce((sum, t) => sum + t.progress! * t.totalWeight, 0) / total;
        return Math.abs(fromThemes - plan.progress!) < 1e-9;
      }),
    );
  });

  it("is unchanged when every weight is multiplied by the same number", () => {
    fc.assert(
      fc.property(fc.array(weighted, { minLength: 1, maxLength: 20 }), fc.integer({ min: 2, max: 5 }), (actions, k) => {
        const a = rollUp(actions).progress;
        const b = rollUp(actions.map((x) => ({ ...x, weight: x.weight * k }))).progress;
        return a === b || Math.abs(a! - b!) < 1e-9;
      }),
    );
  });

  it("derives an action's progress as done/total milestones, for any set of milestones", () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 100 }), (done, typed) => {
        const standing = actionStanding(
          action({ milestones: done.map((d) => ({ doneOn: d ? "2026-05-01" : null })), updates: [{ quarter: "2026Q1", status: "on_track", progress: typed }] }),
          "2026-11-22",
        );
        return standing.progress === (100 * done.filter(Boolean).length) / done.length;
      }),
    );
  });
});

describe("statuses and reviews", () => {
  it("give RAG colours to action statuses only where a colour means something", () => {
    expect(ACTION_STATUSES.map((s) => [s, ragOf(s)])).toEqual([
      ["not_started", null],
      ["on_track", "green"],
      ["at_risk", "amber"],
      ["off_track", "red"],
      ["complete", "green"],
      ["dropped", null],
    ]);
  });

  it("read a status as people write it in a spreadsheet", () => {
    expect(statusFromLabel("On track")).toBe("on_track");
    expect(statusFromLabel(" off-track ")).toBe("off_track");
    expect(statusFromLabel("NOT STARTED")).toBe("not_started");
    expect(statusFromLabel("nearly done")).toBeNull();
  });

  it("open once their quarter has ended", () => {
    expect(reviewCanOpen(2026, "mid_year", "2026-09-30")).toBe(false);
    expect(reviewCanOpen(2026, "mid_year", "2026-10-01")).toBe(true);
    expect(reviewCanOpen(2026, "end_year", "2026-11-22")).toBe(false);
    expect(reviewCanOpen(2025, "end_year", "2026-04-01")).toBe(true);
  });
});
