/**
 * Dashboards as a board member of cleveland uses them in Chromium: the county dashboard, filtered
 * by quarter range and sector through the form; the chart, the table and the downloaded CSV hold
 * the same numbers; on to a borough's dashboard with the same filters, and to an organisation's.
 * The same tables sort and download with JavaScript off. Every dashboard, the criteria page and
 * the public page pass axe.
 */
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";

// The filters name quarters (2025/26 Q1 to 2026/27 Q2): the app and this file run as of a day those
// quarters are in the demo's range, whatever the real date.
const server = useAppServer({ template: "demo", asOf: "2026-12-04T12:00:00Z" });
const browser = useBrowser();

/** A captioned table as text, as a reader sees it: a dash for "no figure" reads as an empty cell. */
async function readTable(table: Locator) {
  return table.evaluate((t) => {
    const text = (cell: Element) => {
      const copy = cell.cloneNode(true) as HTMLElement;
      copy.querySelectorAll(".govuk-visually-hidden, [aria-hidden='true']").forEach((e) => e.remove());
      return (copy.textContent ?? "").trim();
    };
    return [...t.querySelectorAll("tr")].map((tr) => [...tr.querySelectorAll("th, td")].map(text));
  });
}

const tableCaptioned = (page: Page, caption: string | RegExp) => page.locator("table").filter({ has: page.locator("caption", { hasText: caption }) });

async function downloadCsv(page: Page, caption: string) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: `Download CSV of ${caption}` }).click()]);
  return parse(fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "")) as string[][];
}

/**
 * The bars of a server-drawn chart, by series: recharts draws each with its height, all on one
 * scale. Each series' bars, scaled, are exactly the table column's positive numbers.
 */
async function expectChartMatches(figure: Locator, table: string[][], columns: Record<string, string>) {
  const bars = await figure
    .locator("path.recharts-rectangle")
    .evaluateAll((paths) => paths.map((p) => ({ series: p.getAttribute("name") ?? "", height: Number(p.getAttribute("height")) })));
  const header = table[0];
  const values = (column: string) => table.slice(1).map((r) => Number(r[header.indexOf(column)].replace(/,/g, "")) || 0);
  const all = Object.values(columns).flatMap(values);
  const scale = Math.max(...bars.map((b) => b.height)) / Math.max(...all);
  expect(all.some((v) => v > 0)).toBe(true);
  for (const [series, column] of Object.entries(columns)) {
    const drawn = bars.filter((b) => b.series === series && b.height > 0).map((b) => Math.round(b.height / scale));
    expect(
      drawn.sort((a, b) => a - b),
      series,
    ).toEqual(
      values(column)
        .filter((v) => v > 0)
        .sort((a, b) => a - b),
    );
  }
}

describe("dashboards in Chromium", () => {
  it("a board member filters the county dashboard, and its chart, table and CSV agree; then a borough's and an organisation's", async () => {
    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, "board@cleveland.demo.test");
    await page.goto("/p/cleveland");
    await page.getByRole("heading", { name: "Cleveland Restorative Justice Partnership" }).waitFor();
    await expectAccessible(page);

    await page.getByLabel("From", { exact: true }).selectOption({ label: "2025/26 Q1" });
    await page.getByLabel("To", { exact: true }).selectOption({ label: "2026/27 Q2" });
    await page.getByLabel("Sector", { exact: true }).selectOption({ label: "Local authority" });
    await page.getByLabel("Measure", { exact: true }).selectOption({ label: "Staff given RJ awareness briefings" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/from=2025Q1&to=2026Q2&borough=all&sector=local_authority&metric=staff_briefed/);
    await page.getByText("2025/26 Q1 to 2026/27 Q2, Local authority organisations only").waitFor();

    const caption = "Staff given RJ awareness briefings by quarter (each quarter's total)";
    const trend = await readTable(tableCaptioned(page, caption));
    expect(trend.map((r) => r[0])).toEqual(["Quarter", "2025/26 Q1", "2025/26 Q2", "2025/26 Q3", "2025/26 Q4", "2026/27 Q1", "2026/27 Q2"]);
    const boroughs = ["Hartlepool", "Middlesbrough", "Redcar and Cleveland", "Stockton-on-Tees", "County-wide"];
    await expectChartMatches(page.locator("figure").filter({ hasText: caption }), trend, Object.fromEntries(boroughs.map((b) => [b, b])));
    expect(await downloadCsv(page, caption)).toEqual(trend);

    // On to Hartlepool's dashboard: the same filters travel with the link.
    await tableCaptioned(page, "Adoption by borough").getByRole("link", { name: "Hartlepool" }).click();
    await page.getByRole("heading", { name: "Hartlepool", level: 1 }).waitFor();
    expect(page.url()).toMatch(/\/p\/cleveland\/dashboard\/[0-9a-f-]{36}\?from=2025Q1&to=2026Q2&sector=local_authority&metric=staff_briefed$/);
    await expectAccessible(page);
    const boroughTrend = await readTable(tableCaptioned(page, caption));
    await expectChartMatches(page.locator("figure").filter({ hasText: caption }), boroughTrend, { Hartlepool: "Hartlepool" });
    // The borough's column is the county table's Hartlepool column.
    expect(boroughTrend.slice(1).map((r) => r[1])).toEqual(trend.slice(1).map((r) => r[1]));
    expect(await downloadCsv(page, caption)).toEqual(boroughTrend);

    await page.getByLabel("Sector", { exact: true }).selectOption({ label: "All sectors" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/sector=all/);
    // With JavaScript the address changes as the new data arrives: wait for the whole borough's organisations.
    await tableCaptioned(page, "Its organisations").locator("tbody tr").nth(3).waitFor();
    const organisations = await readTable(tableCaptioned(page, "Its organisations"));
    expect(organisations.length).toBeGreaterThan(3);
    expect(await downloadCsv(page, "Its organisations")).toEqual(organisations);

    await tableCaptioned(page, "Its organisations").getByRole("link", { name: "Hartlepool Borough Council" }).click();
    await page.getByRole("heading", { name: "Hartlepool Borough Council", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Its returns" }).waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it("sorts, filters and downloads the tables with JavaScript off", async () => {
    const { context, page } = await newPage(browser(), server().url, { javaScript: false });
    await signInAs(page, "board@cleveland.demo.test");
    await page.goto("/p/cleveland?from=2025Q1&to=2026Q2");
    await page.getByLabel("Sector", { exact: true }).selectOption({ label: "Housing" });
    await Promise.all([page.waitForURL(/sector=housing/), page.getByRole("button", { name: "Apply filters" }).click()]);

    const caption = "Activity over the range (flows added up; stocks at the latest quarter with a figure)";
    await tableCaptioned(page, caption)
      .getByRole("link", { name: /^County\s*, sort/ })
      .click();
    await page.waitForURL(/activity-sort=total&activity-dir=asc/);
    const activity = await readTable(tableCaptioned(page, caption));
    const county = activity[0].indexOf("County");
    const totals = activity
      .slice(1)
      .map((r) => r[county])
      .filter((v) => v !== "")
      .map(Number);
    expect(totals.length).toBeGreaterThan(5);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(page.url()).toContain("sector=housing");
    expect(await downloadCsv(page, caption)).toEqual(activity);
    // The chart is in the page itself: no script draws it.
    expect(await page.locator("figure svg.recharts-surface").count()).toBeGreaterThan(4);
    await context.close();
  });

  it("the coordinator sets the restorative-borough criteria and the county ranking follows; the champion's organisation dashboard and the public page pass axe", async () => {
    const coordinator = await newPage(browser(), server().url);
    await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
    await coordinator.page.goto("/p/cleveland/restorative-borough");
    await expectAccessible(coordinator.page);
    await coordinator.page.getByLabel("At least this many organisations signed").fill("");
    await coordinator.page.getByLabel("Signatories from at least this many sectors").fill("two");
    await coordinator.page.getByRole("button", { name: "Save criteria" }).click();
    await coordinator.page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expectAccessible(coordinator.page);
    await coordinator.page.getByLabel("Signatories from at least this many sectors").fill("3");
    await coordinator.page.getByRole("button", { name: "Save criteria" }).click();
    await coordinator.page.getByText("Restorative-borough criteria saved").waitFor();
    const ranking = await readTable(tableCaptioned(coordinator.page, "Progress towards restorative-borough status"));
    expect(ranking[0]).toContain("Signatories from at least 3 sectors");
    expect(ranking[0]).not.toContain("At least 5 organisations signed");
    await coordinator.context.close();

    const champion = await newPage(browser(), server().url);
    await signInAs(champion.page, "champion@cleveland.demo.test");
    await champion.page.getByRole("link", { name: /^Dashboard: its figures/ }).click();
    await champion.page.getByRole("heading", { name: "Its figures" }).waitFor();
    await expectAccessible(champion.page);
    await champion.context.close();

    const visitor = await newPage(browser(), server().url);
    await visitor.page.goto("/public/cleveland");
    await visitor.page.getByRole("heading", { name: /Restorative justice activity in/ }).waitFor();
    await expectAccessible(visitor.page);
    await visitor.context.close();
  });
});
