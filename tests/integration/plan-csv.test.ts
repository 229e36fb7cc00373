/**
 * CSV in and out of a plan: a download uploads back unchanged, every bad cell is reported by row
 * and column, and a file with any problem changes nothing at all.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { actionsCsv } from "~/modules/delivery/action-csv.server";
import { uploadPlanCsv } from "~/modules/delivery/plan-upload.server";
import { loadPlan, planForYear } from "~/modules/delivery/plans.server";
import { updatesCsv } from "~/modules/delivery/update-csv.server";
import { financialYearOf, quarterOf } from "~/modules/reporting/periods";
import { today as todayOf } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { auditCount, partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo");
const today = todayOf();
const thisYear = financialYearOf(today);
let cleveland = "";
let coordinator = "";
let planId = "";

beforeAll(async () => {
  cleveland = await partnershipId(db().handles.owner, "cleveland");
  coordinator = await userId(db().handles.owner, "coordinator@cleveland.demo.test");
  planId = (await withPartnership(cleveland, coordinator, (tx) => planForYear(tx, { partnershipId: cleveland, financialYear: thisYear })))!.id;
});

const plan = () => withPartnership(cleveland, coordinator, (tx) => loadPlan(tx, { partnershipId: cleveland, planId }));
const upload = (kind: "actions" | "updates", text: string) => uploadPlanCsv({ partnershipId: cleveland, userId: coordinator, planId, financialYear: thisYear, today, kind, text });
const table = (text: string) => parse(text) as string[][];
const csv = (rows: string[][]) => stringify(rows);

describe("actions as CSV", () => {
  it("uploads a download back without changing anything", async () => {
    const before = await auditCount(db().handles.owner, cleveland);
    const text = actionsCsv(await plan());
    const rows = table(text);
    expect(rows[0]).toEqual([
      "Reference",
      "Theme",
      "Action",
      "Description",
      "Lead organisation",
      "Supporting organisations",
      "Boroughs",
      "Start date",
      "Due date",
      "Success measure",
      "Weight",
    ]);
    expect(await upload("actions", text)).toEqual({ ok: true, notice: `Actions uploaded: 0 added, 0 changed, ${rows.length - 1} unchanged`, ignored: [] });
    expect(await auditCount(db().handles.owner, cleveland)).toBe(before);
  });

  it("reports every bad cell by row and column, and saves nothing when any is wrong", async () => {
    const rows = table(actionsCsv(await plan()));
    const good = rows[1];
    rows[1] = [good[0], good[1], "A better title", ...good.slice(3)];
    rows.push(["9.9", "Innovation", "Unknown reference", "", "Cleveland Police", "", "", "2026-04-01", "2027-03-31", "", "1"]);
    rows.push(["", "No such theme", "", "", "Southampton Mediation Service", "Cleveland Police; Nobody Ltd", "Hartlepool; Atlantis", "31/02/2027", "2027-03-31", "", "11"]);
    rows.push(["", "Innovation", "Due before it starts", "", "Cleveland Police", "", "Whole partnership", "2027-03-31", "2026-04-01", "", "2"]);
    const before = await auditCount(db().handles.owner, cleveland);
    const result = await upload("actions", csv(rows));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const n = rows.length;
    expect(result.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [n - 2, 1, "There is no action 9.9 in this plan. Leave the reference blank to add a new action"],
      [n - 1, 2, "“No such theme” is not one of the plan's themes: enter one like “Communication, engagement and marketing”"],
      [n - 1, 5, "There is no organisation called “Southampton Mediation Service” in this partnership"],
      [n - 1, 6, "There is no organisation called “Nobody Ltd” in this partnership"],
      [n - 1, 7, "There is no borough called “Atlantis”. Enter “Whole partnership” or borough names separated by semicolons"],
      [n - 1, 8, "“31/02/2027” is not a date: enter the start date like 2027-04-01"],
      [n - 1, 3, "Enter a title for the action"],
      [n - 1, 11, "Enter a weight from 1 to 10"],
      [n, 9, "The due date must be the same as or after the start date"],
    ]);
    expect(await auditCount(db().handles.owner, cleveland)).toBe(before);
    expect((await plan()).actions.some((a) => a.title === "A better title")).toBe(false);
  });

  it("changes the actions it names and adds the rows without a reference, reading UK spreadsheet dates", async () => {
    const rows = table(actionsCsv(await plan()));
    rows[1][2] = "A better title";
    rows.push([
      "",
      "5",
      "Restorative circles in youth clubs",
      "",
      "Hartlepool Borough Council",
      "Hartlepool Community Mediation",
      "Hartlepool",
      "01/05/2026",
      "31/03/2027",
      "Two clubs running circles",
      "2",
    ]);
    expect(await upload("actions", csv(rows))).toMatchObject({ ok: true, notice: `Actions uploaded: 1 added, 1 changed, ${rows.length - 3} unchanged` });
    const after = await plan();
    expect(after.actions.find((a) => a.reference === rows[1][0])?.title).toBe("A better title");
    expect(after.actions.find((a) => a.title === "Restorative circles in youth clubs")).toMatchObject({
      reference: "5.3",
      startOn: "2026-05-01",
      dueOn: "2027-03-31",
      weight: 2,
      lead: { name: "Hartlepool Borough Council" },
      supporting: [{ name: "Hartlepool Community Mediation" }],
      boroughs: [{ name: "Hartlepool" }],
    });
  });
});

describe("quarterly updates as CSV", () => {
  it("offers this quarter's row for each action not yet updated, and records only the rows someone changed", async () => {
    const current = quarterOf(today);
    const rows = table(updatesCsv(await plan(), today));
    expect(rows[0]).toEqual(["Reference", "Action", "Quarter", "Status", "Progress (%)", "Commentary"]);
    const open = rows.filter((r) => r[2] === current.label && r[5] === "");
    expect(open.length).toBeGreaterThan(0);
    expect(await upload("updates", csv(rows))).toEqual({ ok: true, notice: `Updates uploaded: 0 recorded, ${rows.length - 1} unchanged`, ignored: [] });

    const target = open.find((r) => r[4] !== "")!;
    target[3] = "At risk";
    target[4] = "55";
    target[5] = "Venue fell through; rebooking";
    expect(await upload("updates", csv(rows))).toEqual({ ok: true, notice: `Updates uploaded: 1 recorded, ${rows.length - 2} unchanged`, ignored: [] });
    const action = (await plan()).actions.find((a) => a.reference === target[0])!;
    expect(action.updates.find((u) => u.quarter === current.key)).toMatchObject({ status: "at_risk", progress: 55, commentary: "Venue fell through; rebooking" });
  });

  it("reports every bad cell and records nothing when any row is wrong", async () => {
    const p = await plan();
    const withMilestones = p.actions.find((a) => a.milestones.length > 0 && a.milestones.some((m) => !m.doneOn))!;
    const entered = p.actions.find((a) => a.milestones.length === 0)!;
    const q = quarterOf(today).label;
    const rows = [
      ["Reference", "Action", "Quarter", "Status", "Progress (%)", "Commentary"],
      [entered.reference, entered.title, q, "On track", "80", "Fine"],
      ["8.8", "", q, "On track", "10", ""],
      [entered.reference, "", "Q7", "Nearly done", "140", ""],
      [withMilestones.reference, "", q, "Complete", "100", ""],
      [entered.reference, "", `${thisYear + 1}/${String((thisYear + 2) % 100).padStart(2, "0")} Q1`, "Complete", "90", ""],
    ];
    const before = await auditCount(db().handles.owner, cleveland);
    const result = await upload("updates", csv(rows));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((x) => [x.row, x.column, x.message])).toEqual([
      [3, 1, "There is no action 8.8 in this plan"],
      [4, 3, `“Q7” is not a quarter: enter it like “${q}”`],
      [4, 4, "“Nearly done” is not a status: enter one of Not started, On track, At risk, Off track, Complete, Dropped"],
      [4, 5, "“140” is not a percentage: enter progress as a whole number from 0 to 100"],
      [5, 5, `The progress of ${withMilestones.reference} comes from its milestones: leave this cell blank`],
      [5, 4, `Record every milestone as done before marking the action complete (${withMilestones.milestones.filter((m) => !m.doneOn).length} not done)`],
      [6, 3, "Choose a quarter of this plan’s year that has already started"],
      [6, 5, "A complete action is 100% done: enter 100, or choose another status"],
    ]);
    expect(await auditCount(db().handles.owner, cleveland)).toBe(before);
  });

  it("reports a file without the columns it needs, or that is not CSV at all", async () => {
    const missing = await upload("updates", "Reference,Status\n1.1,On track\n");
    expect(missing).toEqual({
      ok: false,
      problems: [
        { row: 1, column: null, columnLabel: "Quarter", message: "The file needs a column called “Quarter”" },
        { row: 1, column: null, columnLabel: "Progress (%)", message: "The file needs a column called “Progress (%)”" },
      ],
      ignored: [],
    });
    const broken = await upload("actions", 'Reference,Theme\n"1.1,Innovation\n');
    expect(broken.ok).toBe(false);
    expect(await upload("actions", "")).toEqual({
      ok: false,
      problems: [{ row: 1, column: null, columnLabel: null, message: "The file is empty, or its first row (the column names) is blank" }],
      ignored: [],
    });
  });
});
