import { describe, expect, it } from "vitest";
import { inBorough, maySeeAction, mayUpdateAction, seesWholePlan, type Viewer } from "~/modules/delivery/action-access";

const hartlepool = "org-hartlepool";
const police = "org-police";
const action = { lead: { id: hartlepool }, supporting: [{ id: police }] };
const member = (organisationId: string, role: "champion" | "org_admin"): Viewer => ({ roles: [role], memberships: [{ organisationId, role }] });

describe("who sees and updates an action", () => {
  it("lets the lead organisation's champions and administrators update it, and nobody else's", () => {
    expect(mayUpdateAction(member(hartlepool, "champion"), action)).toBe(true);
    expect(mayUpdateAction(member(hartlepool, "org_admin"), action)).toBe(true);
    expect(mayUpdateAction(member(police, "champion"), action)).toBe(false);
    expect(mayUpdateAction({ roles: ["board"], memberships: [] }, action)).toBe(false);
  });

  it("lets the coordinator (and the platform administrator) update every action", () => {
    expect(mayUpdateAction({ roles: ["coordinator"], memberships: [] }, action)).toBe(true);
    expect(mayUpdateAction({ roles: ["platform_admin"], memberships: [] }, action)).toBe(true);
  });

  it("shows organisations the actions they lead or support, and staff the whole plan", () => {
    expect(maySeeAction(member(police, "champion"), action)).toBe(true);
    expect(maySeeAction(member("org-elsewhere", "champion"), action)).toBe(false);
    expect(seesWholePlan({ roles: ["board"], memberships: [] })).toBe(true);
    expect(seesWholePlan(member(hartlepool, "champion"))).toBe(false);
  });

  it("shows a board member limited to one borough only that borough's actions (ADR 0022)", () => {
    const board: Viewer = { roles: ["board"], memberships: [], boroughScope: "hartlepool" };
    const lens = { boroughId: "hartlepool", organisationIds: new Set([hartlepool]) };
    const scoped = { ...action, lead: { id: police }, boroughs: [{ id: "hartlepool" }] };
    const elsewhere = { ...action, lead: { id: police }, boroughs: [{ id: "stockton" }] };
    const countyWideLedHere = { ...action, boroughs: [] };
    const countyWideLedElsewhere = { ...action, lead: { id: police }, boroughs: [] };
    expect(seesWholePlan(board)).toBe(false);
    expect([scoped, elsewhere, countyWideLedHere, countyWideLedElsewhere].map((a) => inBorough(a, lens))).toEqual([true, false, true, false]);
    expect([scoped, elsewhere, countyWideLedHere, countyWideLedElsewhere].map((a) => maySeeAction(board, a, lens))).toEqual([true, false, true, false]);
    // Without their borough to judge by, nothing of the plan shows.
    expect(maySeeAction(board, scoped)).toBe(false);
  });
});
