/**
 * Pages reflow at 320 CSS pixels (WCAG 1.4.10; also what 200 % zoom of a 640 px window is): the
 * page itself never scrolls sideways, and a wide table scrolls inside its own box instead.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { newPage, signInAs, useBrowser } from "../helpers/browser";
import { organisationId, planOf, reviewOf } from "../helpers/fixtures";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

async function pageWidth(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  return page.evaluate(() => document.documentElement.scrollWidth);
}

describe("at 320 pixels wide", () => {
  it("the board review, the plan and an organisation's champions fit, their tables scrolling in place", async () => {
    const owner = server().db.handles.owner;
    const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const wide: string[] = [];
    for (const [email, paths] of [
      [
        "board@cleveland.demo.test",
        [`/p/cleveland/plans/reviews/${await reviewOf(owner, "cleveland")}`, `/p/cleveland/plans/${await planOf(owner, "cleveland")}`, "/p/cleveland/plans"],
      ],
      ["orgadmin@cleveland.demo.test", [`/p/cleveland/orgs/${hartlepool}/champions`, `/p/cleveland/orgs/${hartlepool}`, `/p/cleveland/orgs/${hartlepool}/people`]],
    ] as const) {
      const { context, page } = await newPage(browser(), server().url);
      await signInAs(page, email);
      await page.setViewportSize({ width: 320, height: 640 });
      for (const path of paths) {
        const width = await pageWidth(page, path);
        if (width > 320) wide.push(`${path}: ${width} px`);
      }
      await context.close();
    }
    expect(wide).toEqual([]);
  });
});
