/**
 * The delivery plan as people use it in Chromium: the coordinator starts this year's plan and
 * adds actions and milestones; the lead organisation's champion records a quarterly update with
 * JavaScript off (and is told when someone else saved first); the coordinator opens the mid-year
 * review, prints the board pack and downloads the workbook, which holds the same figures.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { financialYearLabel, financialYearOf, quarterOf } from "~/modules/reporting/periods";
import { today as todayOf } from "~/modules/platform/clock.server";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { partnershipId } from "../helpers/fixtures";

// Late in the financial year (Q3), when the mid-year review can open: the app and this file run on
// one clock from there, whatever the real date.
const server = useAppServer({ template: "demo", asOf: "2026-12-04T12:00:00Z" });
const browser = useBrowser();
const today = todayOf();
const thisYear = financialYearOf(today);
const yearLabel = financialYearLabel(thisYear);
const quarterLabel = quarterOf(today).label;
const ACTION_URL = /\/p\/cleveland\/plans\/[0-9a-f-]{36}\/actions\/[0-9a-f-]{36}$/;
let planPath = "";

beforeAll(async () => {
  // Arrange: cleveland has not made this year's plan yet (the demo has one; the coordinator builds it here).
  const owner = server().db.handles.owner;
  await owner
    .deleteFrom("delivery_plans")
    .where("partnership_id", "=", await partnershipId(owner, "cleveland"))
    .where("financial_year", "=", thisYear)
    .execute();
});

/** Errors thrown in the page: a broken script shows as a page that stops responding to clicks. */
function pageErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

async function addAction(page: Page, fields: { title: string; theme: string; lead: string; weight: string }) {
  await page.getByRole("link", { name: "Add an action" }).click();
  await page.getByLabel("Action", { exact: true }).fill(fields.title);
  await page.getByLabel("Theme").selectOption({ label: fields.theme });
  await page.getByLabel("Lead organisation").selectOption({ label: fields.lead });
  await page.getByLabel("Start date").fill(`${thisYear}-04-01`);
  await page.getByLabel("Due date").fill(`${thisYear + 1}-03-31`);
  await page.getByLabel("Weight").fill(fields.weight);
  await Promise.all([page.waitForURL(ACTION_URL), page.getByRole("button", { name: "Add the action" }).click()]);
  await page.getByRole("heading", { level: 1, name: fields.title }).waitFor();
}

async function addMilestone(page: Page, title: string, due: string) {
  await page.locator("#f-milestoneTitle").fill(title);
  await page.locator("#f-milestoneDueOn").fill(due);
  await page.getByRole("button", { name: "Add the milestone" }).click();
  await page.getByText("Milestone added").waitFor();
}

describe("the coordinator", () => {
  it("starts this year's plan carrying last year's unfinished work, adds actions under three themes, and milestones", async () => {
    const { context, page } = await newPage(browser(), server().url);
    const errors = pageErrors(page);
    await signInAs(page, "coordinator@cleveland.demo.test");
    await page.getByRole("link", { name: "Delivery plan" }).click();
    await page.getByRole("heading", { level: 1, name: "Delivery plan" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Financial year").selectOption({ label: yearLabel });
    await page.getByLabel("Carry over unfinished actions from the year before").check();
    await page.getByRole("button", { name: "Start the plan" }).click();
    await page.getByRole("heading", { level: 1, name: `Delivery plan ${yearLabel}` }).waitFor();
    await expect(page.getByRole("alert").textContent()).resolves.toMatch(/started with 3 unfinished actions carried over/);
    planPath = new URL(page.url()).pathname;

    // A form sent with a mistake comes back with what was typed and says how to fix it.
    await page.getByRole("link", { name: "Add an action" }).click();
    await page.getByLabel("Theme").selectOption({ label: "5. Innovation" });
    await page.getByLabel("Weight").fill("12");
    await page.getByRole("button", { name: "Add the action" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect(page.getByRole("link", { name: "Enter a title for the action" }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole("link", { name: "Enter a weight from 1 to 10" }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Weight").inputValue()).resolves.toBe("12");
    await expect(page.getByLabel("Theme").inputValue()).resolves.not.toBe("");
    await expectAccessible(page);
    await page.goto(planPath);

    await addAction(page, { title: "Restorative circles in Hartlepool youth clubs", theme: "5. Innovation", lead: "Hartlepool Borough Council", weight: "2" });
    await expectAccessible(page);
    await page.getByRole("link", { name: "Change the action or its milestones" }).click();
    await addMilestone(page, "Youth club leaders trained", `${thisYear}-06-30`);
    await addMilestone(page, "Circles running in two clubs", `${thisYear + 1}-01-31`);
    await expectAccessible(page);
    await page.goto(planPath);
    await addAction(page, { title: "Publish a partner newsletter every quarter", theme: "1. Communication, engagement and marketing", lead: "Cleveland Police", weight: "1" });
    await page.goto(planPath);
    await addAction(page, { title: "Joint training calendar with Middlesbrough partners", theme: "6. Partnership working", lead: "Middlesbrough Council", weight: "1" });

    await page.goto(planPath);
    for (const title of ["Restorative circles in Hartlepool youth clubs", "Publish a partner newsletter every quarter", "Joint training calendar with Middlesbrough partners"]) {
      await expect(page.getByRole("link", { name: title }).isVisible(), title).resolves.toBe(true);
    }
    await expect(page.getByRole("row", { name: /5\.\d Restorative circles in Hartlepool youth clubs Hartlepool Borough Council .* Not started 0%/ }).isVisible()).resolves.toBe(
      true,
    );
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the lead organisation's champion, with JavaScript off", () => {
  it("records a quarterly update, milestones included, and sees it on the action's timeline", async () => {
    const { context, page } = await newPage(browser(), server().url, { javaScript: false });
    await signInAs(page, "champion@cleveland.demo.test");
    await page.goto(planPath);
    await expect(page.getByRole("status").textContent()).resolves.toMatch(/Showing the \d+ actions your organisation leads or supports/);
    await expect(page.getByRole("link", { name: "Publish a partner newsletter every quarter" }).count()).resolves.toBe(0);

    // Sorting is a link, so it works without JavaScript.
    await page.getByRole("link", { name: "Due", exact: true }).first().click();
    expect(new URL(page.url()).searchParams.get("sort")).toBe("due");

    await page.getByRole("link", { name: "Restorative circles in Hartlepool youth clubs" }).click();
    await page.getByRole("link", { name: "Record a quarterly update" }).click();
    await page.getByRole("heading", { level: 1, name: /Quarterly update/ }).waitFor();
    await page.getByLabel(quarterLabel).check();
    await page.getByLabel("On track").check();
    await page.getByLabel("Youth club leaders trained — done on").fill(today);
    await page.getByLabel("Commentary").fill("Six youth club leaders trained; first circle planned for next month.");
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.waitForURL(ACTION_URL);
    await expect(page.getByRole("alert").textContent()).resolves.toContain(`Update for ${quarterLabel} saved`);
    await expect(page.getByText("from milestones: 1 of 2 done").isVisible()).resolves.toBe(true);
    await expect(page.locator(".gt-timeline").textContent()).resolves.toContain("Six youth club leaders trained");
    await expect(page.locator(".gt-timeline").textContent()).resolves.toContain("Recorded by Daniel Reeve");
    await context.close();
  });

  it("is told when someone else saved first, and keeps everything typed", async () => {
    const first = await newPage(browser(), server().url, { javaScript: false });
    const second = await newPage(browser(), server().url, { javaScript: false });
    for (const { page } of [first, second]) {
      await signInAs(page, "champion@cleveland.demo.test");
      await page.goto(planPath);
      await page.getByRole("link", { name: "Restorative circles in Hartlepool youth clubs" }).click();
      await page.getByRole("link", { name: "Record a quarterly update" }).click();
    }
    await second.page.getByLabel("At risk").check();
    await second.page.getByLabel("Commentary").fill("One club has closed for refurbishment.");
    await second.page.getByRole("button", { name: "Save the update" }).click();
    await second.page.waitForURL(ACTION_URL);

    await first.page.getByLabel("Off track").check();
    await first.page.getByLabel("Commentary").fill("Typed while someone else was saving.");
    await first.page.getByRole("button", { name: "Save the update" }).click();
    await first.page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect(first.page.getByText(/Someone else changed this action while you had this page open/).isVisible()).resolves.toBe(true);
    await expect(first.page.getByText(/One club has closed for refurbishment/).isVisible()).resolves.toBe(true);
    await expect(first.page.getByLabel("Commentary").inputValue()).resolves.toBe("Typed while someone else was saving.");
    await expect(first.page.getByLabel("Off track").isChecked()).resolves.toBe(true);

    // An action another organisation leads is not theirs to update.
    const owner = server().db.handles.owner;
    const planId = planPath.split("/").at(-1)!;
    const opcc = await owner
      .selectFrom("plan_actions as a")
      .innerJoin("organisations as o", "o.id", "a.lead_organisation_id")
      .select("a.id")
      .where("a.plan_id", "=", planId)
      .where("o.name", "<>", "Hartlepool Borough Council")
      .executeTakeFirstOrThrow();
    const response = await first.page.goto(`${planPath}/actions/${opcc.id}/update`);
    expect(response?.status()).toBe(403);
    await first.context.close();
    await second.context.close();
  });

  it("sees pages that pass axe, including an update refused for a milestone not yet done", async () => {
    // axe runs in the page, so this pass has JavaScript on; the pages are the same.
    const { context, page } = await newPage(browser(), server().url);
    const errors = pageErrors(page);
    await signInAs(page, "champion@cleveland.demo.test");
    await page.goto(planPath);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Restorative circles in Hartlepool youth clubs" }).click();
    await page.getByRole("heading", { level: 2, name: "Updates" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Record a quarterly update" }).click();
    await page.getByLabel("Complete").check();
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.getByRole("link", { name: /Record every milestone as done before marking the action complete/ }).waitFor();
    await expectAccessible(page);
    // Commentary that looks like it names someone comes back as a warning to confirm, not a refusal.
    await page.getByLabel("On track").check();
    await page.getByLabel("Commentary").fill("Ask Sam on 07700 900123 about the next circle.");
    await page.getByRole("button", { name: "Save the update" }).click();
    await page.getByRole("link", { name: /Commentary contains what looks like a phone number/ }).waitFor();
    expect(await page.getByLabel("Commentary").inputValue()).toBe("Ask Sam on 07700 900123 about the next circle.");
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the mid-year review", () => {
  it("is opened by the coordinator, printed on A4 and downloaded as a workbook with the same figures", async () => {
    const { context, page } = await newPage(browser(), server().url);
    const errors = pageErrors(page);
    await signInAs(page, "coordinator@cleveland.demo.test");
    await page.goto(planPath);
    await page.getByRole("button", { name: "Open the mid-year review" }).click();
    await page.getByRole("heading", { level: 1, name: "Write the summaries for the board" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Overall summary").fill("A steady first half. Youth club circles are a new piece of work.");
    await page.getByLabel("5. Innovation").fill("Circles in youth clubs have started in Hartlepool.");
    await page.getByRole("button", { name: "Save the summaries" }).click();
    await page.getByRole("heading", { level: 1, name: `Mid-year review ${yearLabel}` }).waitFor();
    await expect(page.getByText("Circles in youth clubs have started in Hartlepool.").isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    const headline = (await page.locator(".gt-figure__value").first().textContent())!;
    const innovation = page.locator("section", { has: page.getByRole("heading", { name: "5. Innovation" }) });
    const titles = await innovation.locator("tbody td:nth-child(2)").allTextContents();
    const statuses = await innovation.locator("tbody td:nth-child(5)").allTextContents();
    expect(titles).toContain("Restorative circles in Hartlepool youth clubs");

    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("navigation", { name: /navigation/ }).isVisible()).resolves.toBe(false);
    await expect(page.getByRole("link", { name: "Download as a spreadsheet (XLSX)" }).isVisible()).resolves.toBe(false);
    const breaks = await page.locator(".gt-report-theme").evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakInside));
    expect(breaks).toEqual(Array(6).fill("avoid"));
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    await page.emulateMedia({ media: "screen" });

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download as a spreadsheet (XLSX)" }).click()]);
    expect(download.suggestedFilename()).toBe(`cleveland-mid-year-review-${yearLabel.replace("/", "-")}.xlsx`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync((await download.path())!) as unknown as Parameters<typeof book.xlsx.load>[0]);
    expect(book.worksheets).toHaveLength(7);
    const summaryRows = book.getWorksheet("Summary")!.getSheetValues().filter(Boolean) as unknown[][];
    const planProgress = summaryRows.find((r) => r[1] === "Plan progress (%)")![2] as number;
    expect(`${Math.round(planProgress)}%`).toBe(headline);
    const sheet = book.worksheets.find((s) => s.name.startsWith("5 "))!;
    const sheetRows = (sheet.getSheetValues().filter(Boolean) as unknown[][]).filter((r) => /^\d\.\d+$/.test(String(r[1])));
    expect(sheetRows.map((r) => r[2])).toEqual(titles);
    expect(sheetRows.map((r, i) => statuses[i].startsWith(String(r[9])))).toEqual(titles.map(() => true));
    expect(sheet.getCell("B3").value).toBe("Circles in youth clubs have started in Hartlepool.");
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe("the coordinator's other plan pages", () => {
  it("report every problem in an uploaded file by row and column, and pass axe", async () => {
    const { context, page } = await newPage(browser(), server().url);
    const errors = pageErrors(page);
    await signInAs(page, "coordinator@cleveland.demo.test");
    await page.goto("/p/cleveland/plans/themes");
    await expect(page.getByLabel("Theme 4").inputValue()).resolves.toBe("Information sharing");
    await expectAccessible(page);
    await page.goto(`${planPath}/upload`);
    const file = ["Reference,Action,Quarter,Status,Progress (%),Commentary", `1.1,,${quarterLabel},Nearly there,,`, `7.7,,${quarterLabel},On track,20,`].join("\n");
    await page.locator("#f-updatesFile").setInputFiles({ name: "updates.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
    await page.getByRole("button", { name: "Upload updates" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    const problems = await page.locator("#problems tbody tr").evaluateAll((rows) => rows.map((r) => [...(r as HTMLTableRowElement).cells].map((c) => c.textContent)));
    expect(problems).toEqual([
      ["2", "4 (Status)", "“Nearly there”", "“Nearly there” is not a status: enter one of Not started, On track, At risk, Off track, Complete, Dropped"],
      ["3", "1 (Reference)", "“7.7”", "There is no action 7.7 in this plan"],
    ]);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
