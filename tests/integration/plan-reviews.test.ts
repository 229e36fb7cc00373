/**
 * Reviews freeze the plan and the figures: the snapshot must not move when live data does, the
 * database itself must refuse to change it, and the XLSX board pack must hold the same figures.
 */
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createAction, editAction, planChoices } from "~/modules/delivery/actions.server";
import { boardPackWorkbook } from "~/modules/delivery/board-pack.server";
import { ACTION_STATUSES, STATUS_LABELS } from "~/modules/delivery/plan-terms";
import { loadPlan, planForYear, renameThemes } from "~/modules/delivery/plans.server";
import { reviewFigures } from "~/modules/delivery/review-figures.server";
import { buildSnapshot } from "~/modules/delivery/review-snapshot";
import { findReview, openReview, saveSummaries } from "~/modules/delivery/reviews.server";
import { recordUpdate } from "~/modules/delivery/updates.server";
import { financialYearOf, quarter } from "~/modules/reporting/periods";
import { now, today as todayOf } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { partnershipId, userId } from "../helpers/fixtures";

// Late in the financial year (Q3), when this year's plan has updates in every status and its
// mid-year review can open: the file's clock stops there, whatever the real date.
const db = useTestDatabase("demo", { asOf: "2026-12-04T12:00:00Z" });
const today = todayOf();
const thisYear = financialYearOf(today);
let cleveland = "";
let coordinator = "";
let planId = "";
let reviewId = "";

beforeAll(async () => {
  const owner = db().handles.owner;
  cleveland = await partnershipId(owner, "cleveland");
  coordinator = await userId(owner, "coordinator@cleveland.demo.test");
  planId = (await withPartnership(cleveland, coordinator, (tx) => planForYear(tx, { partnershipId: cleveland, financialYear: thisYear })))!.id;
  const opened = await withPartnership(cleveland, coordinator, (tx) => openReview(tx, { partnershipId: cleveland, planId, kind: "mid_year", userId: coordinator, now: now() }));
  if (!opened.ok) throw new Error(opened.message);
  reviewId = opened.reviewId;
});

const review = () => withPartnership(cleveland, coordinator, async (tx) => (await findReview(tx, { partnershipId: cleveland, reviewId }))!);

describe("opening a review", () => {
  it("freezes every theme and action as they stood at the end of the review's quarter", async () => {
    const { snapshot } = await review();
    expect(snapshot).toMatchObject({ version: 1, kind: "mid_year", asAt: quarter(thisYear, 2).end, quarter: { key: `${thisYear}Q2` } });
    const plan = await withPartnership(cleveland, coordinator, (tx) => loadPlan(tx, { partnershipId: cleveland, planId }));
    expect(snapshot.actions.map((a) => a.id).sort()).toEqual(plan.actions.map((a) => a.id).sort());
    expect(snapshot.themes).toHaveLength(6);
    // An action updated in Q3 is frozen with its Q2 status: the review describes the half year.
    const laterUpdate = plan.actions.find(
      (a) => a.updates.some((u) => u.quarter === `${thisYear}Q3`) && a.updates.find((u) => u.quarter === `${thisYear}Q2`)?.status !== a.updates[0].status,
    )!;
    const frozen = snapshot.actions.find((a) => a.id === laterUpdate.id)!;
    expect(frozen.status).toBe(laterUpdate.updates.find((u) => u.quarter === `${thisYear}Q2`)!.status);
    expect(frozen.statusQuarter).toBe(`${thisYear}Q2`);
    const counted = snapshot.themes.reduce((n, t) => n + t.actions, 0);
    expect(counted).toBe(snapshot.plan.actions);
  });

  it("refuses a second review of the same kind, and an end-year review before the year has ended", async () => {
    const again = await withPartnership(cleveland, coordinator, (tx) => openReview(tx, { partnershipId: cleveland, planId, kind: "mid_year", userId: coordinator, now: now() }));
    expect(again).toEqual({ ok: false, message: "This review has already been opened" });
    const early = await withPartnership(cleveland, coordinator, (tx) =>
      openReview(tx, { partnershipId: cleveland, planId, kind: "end_year", userId: coordinator, now: new Date(`${today}T12:00:00Z`) }),
    );
    expect(early.ok).toBe(false);
  });

  it("counts signatories as at the quarter's end, and totals the quarter's counted returns per metric", async () => {
    const owner = db().handles.owner;
    const q = quarter(thisYear, 2);
    const { snapshot } = await review();
    const figures = snapshot.figures;
    const organisations = await owner.selectFrom("organisations").select(["id", "is_statutory"]).where("partnership_id", "=", cleveland).execute();
    expect(figures.adoption.organisations).toBe(organisations.length);
    expect(figures.adoption.byBorough.reduce((n, b) => n + b.organisations, 0)).toBe(organisations.length);
    expect(figures.adoption.bySector.reduce((n, s) => n + s.signed, 0)).toBe(figures.adoption.signed);
    const current = await owner
      .selectFrom("pledge_signatures")
      .select("organisation_id")
      .distinct()
      .where("partnership_id", "=", cleveland)
      .where("signed_on", "<=", q.end)
      .where("expires_on", ">=", q.end)
      .where("organisation_id", "not in", (eb) =>
        eb.selectFrom("pledge_withdrawals").select("organisation_id").where("partnership_id", "=", cleveland).where("withdrawn_on", "<=", q.end),
      )
      .execute();
    expect(figures.adoption.signed).toBe(current.length);
    expect(figures.adoption.signed).toBeGreaterThan(0);
    expect(figures.adoption.signed).toBeLessThan(figures.adoption.organisations);

    // One metric's total, worked out here straight from the returns that count.
    const referrals = await owner
      .selectFrom("return_values as v")
      .innerJoin("quarterly_returns as r", (j) =>
        j.onRef("r.partnership_id", "=", "v.partnership_id").onRef("r.organisation_id", "=", "v.organisation_id").onRef("r.quarter", "=", "v.quarter"),
      )
      .innerJoin("metrics as m", (j) => j.onRef("m.partnership_id", "=", "v.partnership_id").onRef("m.id", "=", "v.metric_id"))
      .select((eb) => [eb.fn.sum<number>("v.value").as("total"), eb.fn.count<number>("v.value").as("reporting")])
      .where("v.partnership_id", "=", cleveland)
      .where("v.quarter", "=", q.key)
      .where("m.key", "=", "referrals_made")
      .where("r.status", "in", ["submitted", "resubmitted", "accepted"])
      .executeTakeFirstOrThrow();
    expect(figures.activity.available).toBe(true);
    expect(figures.activity.totals.find((t) => t.metric === "referrals_made")).toMatchObject({ value: Number(referrals.total), reporting: Number(referrals.reporting) });
    expect(Object.keys(figures.activity.totals[0]).sort()).toEqual(["label", "metric", "notApplicable", "participantCount", "reporting", "unit", "value"]);
  });
});

describe("a frozen review", () => {
  it("stays identical after the live plan, its updates and the organisations change", async () => {
    const before = await review();
    await withPartnership(cleveland, coordinator, async (tx) => {
      const plan = await loadPlan(tx, { partnershipId: cleveland, planId });
      const choices = await planChoices(tx, { partnershipId: cleveland });
      const first = plan.actions.find((a) => a.milestones.length === 0)!;
      const edited = await editAction(tx, {
        partnershipId: cleveland,
        planId,
        actionId: first.id,
        version: first.version,
        input: {
          title: "Renamed after the review",
          description: null,
          themeId: plan.themes[5].id,
          leadOrganisationId: choices.organisations[0].id,
          supportingOrganisationIds: [],
          boroughIds: [],
          startOn: first.startOn,
          dueOn: first.dueOn,
          successMeasure: null,
          weight: 9,
        },
      });
      expect(edited.ok).toBe(true);
      const withMilestones = plan.actions.find((a) => a.milestones.some((m) => !m.doneOn))!;
      const updated = await recordUpdate(tx, {
        partnershipId: cleveland,
        action: withMilestones,
        userId: coordinator,
        version: withMilestones.version,
        input: {
          quarter: `${thisYear}Q2`,
          status: "off_track",
          progress: null,
          commentary: "Changed after the review",
          milestonesDone: Object.fromEntries(withMilestones.milestones.map((m) => [m.id, m.doneOn ?? today])),
        },
        financialYear: thisYear,
        today,
      });
      expect(updated).toEqual({ ok: true });
      await createAction(tx, {
        partnershipId: cleveland,
        planId,
        input: {
          ...{ title: "Added after the review", description: null, themeId: plan.themes[0].id, leadOrganisationId: choices.organisations[1].id },
          supportingOrganisationIds: [],
          boroughIds: [],
          startOn: `${thisYear}-04-01`,
          dueOn: `${thisYear}-06-30`,
          successMeasure: null,
          weight: 3,
        },
      });
      expect(await renameThemes(tx, { partnershipId: cleveland, names: { [plan.themes[0].id]: "Renamed theme" } })).toEqual({ ok: true });
      await tx
        .updateTable("organisations")
        .set({ withdrawn_at: now(), withdrawn_reason: "Closed" })
        .where("partnership_id", "=", cleveland)
        .where("name", "=", "Hartlepool Marina Traders")
        .execute();
    });
    // A figure in a counted return for the review's quarter is corrected afterwards.
    const owner = db().handles.owner;
    const counted = await owner
      .selectFrom("return_values as v")
      .innerJoin("quarterly_returns as r", (j) =>
        j.onRef("r.partnership_id", "=", "v.partnership_id").onRef("r.organisation_id", "=", "v.organisation_id").onRef("r.quarter", "=", "v.quarter"),
      )
      .innerJoin("metrics as m", (j) => j.onRef("m.partnership_id", "=", "v.partnership_id").onRef("m.id", "=", "v.metric_id"))
      .select(["v.organisation_id", "v.metric_id", "v.value"])
      .where("v.partnership_id", "=", cleveland)
      .where("v.quarter", "=", `${thisYear}Q2`)
      .where("m.key", "=", "referrals_made")
      .where("v.value", "is not", null)
      .where("r.status", "in", ["submitted", "resubmitted", "accepted"])
      .executeTakeFirstOrThrow();
    await owner
      .updateTable("return_values")
      .set({ value: counted.value! + 1000 })
      .where("partnership_id", "=", cleveland)
      .where("organisation_id", "=", counted.organisation_id)
      .where("quarter", "=", `${thisYear}Q2`)
      .where("metric_id", "=", counted.metric_id)
      .execute();

    const after = await review();
    expect(after.snapshot).toEqual(before.snapshot);
    // The live plan did move, so the comparison above could have failed.
    const live = await withPartnership(cleveland, coordinator, async (tx) =>
      buildSnapshot(await loadPlan(tx, { partnershipId: cleveland, planId }), {
        kind: "mid_year",
        quarterKey: `${thisYear}Q2`,
        takenAt: new Date(before.snapshot.takenAt),
        figures: await reviewFigures(tx, { partnershipId: cleveland, quarter: `${thisYear}Q2` }),
      }),
    );
    expect(live.actions.length).toBe(before.snapshot.actions.length + 1);
    expect(live.themes[0].name).toBe("Renamed theme");
    expect(live.plan.progress).not.toBe(before.snapshot.plan.progress);
    expect(live.figures.activity.totals.find((t) => t.metric === "referrals_made")!.value).toBe(
      before.snapshot.figures.activity.totals.find((t) => t.metric === "referrals_made")!.value! + 1000,
    );
  });

  it("cannot be rewritten, even by a query that tries", async () => {
    const attempt = withPartnership(cleveland, coordinator, (tx) =>
      tx
        .updateTable("plan_reviews")
        .set({ snapshot: sql`jsonb_set(snapshot, '{plan,progress}', '100')` })
        .where("partnership_id", "=", cleveland)
        .where("id", "=", reviewId)
        .execute(),
    );
    await expect(attempt).rejects.toThrow(/frozen/);
  });

  it("keeps the coordinator's summaries editable, refusing a save based on an out-of-date page", async () => {
    const current = await review();
    const theme = current.snapshot.themes[3];
    const save = (version: number, summary: string) =>
      withPartnership(cleveland, coordinator, (tx) =>
        saveSummaries(tx, { partnershipId: cleveland, reviewId, version, summary, themeSummaries: { [theme.id]: `${summary} (theme)` } }),
      );
    expect(await save(current.version, "First")).toEqual({ ok: true });
    expect(await save(current.version, "Second")).toEqual({ ok: false, reason: "stale" });
    const saved = await review();
    expect(saved.summary).toBe("First");
    expect(saved.themeSummaries[theme.id]).toBe("First (theme)");
    expect(saved.snapshot).toEqual(current.snapshot);
  });
});

describe("the board pack workbook", () => {
  it("has a summary sheet and one sheet per theme, holding the snapshot's figures", async () => {
    const current = await review();
    const book = new ExcelJS.Workbook();
    const file = await boardPackWorkbook(current, "Cleveland Restorative Justice Partnership");
    await book.xlsx.load(file as unknown as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets.map((s) => s.name)).toHaveLength(7);
    expect(book.worksheets[0].name).toBe("Summary");
    const summary = book.getWorksheet("Summary")!;
    const rows = summary.getSheetValues().filter(Boolean) as unknown[][];
    for (const theme of current.snapshot.themes) {
      const row = rows.find((r) => r[1] === `${theme.position}. ${theme.name}`)!;
      expect(row.slice(2, 4 + ACTION_STATUSES.length + 1)).toEqual([theme.actions, theme.progress, ...ACTION_STATUSES.map((s) => theme.statusCounts[s]), theme.overdue]);
    }
    expect(rows.find((r) => r[1] === "Plan progress (%)")![2]).toBe(current.snapshot.plan.progress);
    for (const [i, theme] of current.snapshot.themes.entries()) {
      const sheet = book.worksheets[i + 1];
      const actionRows = (sheet.getSheetValues().filter(Boolean) as unknown[][]).filter((r) => typeof r[1] === "string" && /^\d\.\d+$/.test(r[1] as string));
      const expected = current.snapshot.actions.filter((a) => a.themeId === theme.id);
      expect(actionRows.map((r) => [r[1], r[2], r[9], r[11]])).toEqual(expected.map((a) => [a.reference, a.title, STATUS_LABELS[a.status], a.progress]));
    }
  });
});
