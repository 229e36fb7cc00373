/**
 * One-time notices ("Criteria saved") are shown once: on the page the person lands on after
 * saving, and not again on the pages they go to next, with JavaScript on (client-side navigation
 * keeps the root's data) and off.
 */
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { newPage, signInAs, useBrowser } from "../helpers/browser";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

describe("a notice after saving", () => {
  for (const javaScript of [true, false]) {
    it(`is shown on the page saved to and not on the next (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser(), server().url, { javaScript });
      try {
        await signInAs(page, "coordinator@cleveland.demo.test");
        await page.goto("/p/cleveland/restorative-borough");
        await page.getByRole("button", { name: "Save criteria" }).click();
        const banner = page.getByRole("alert").filter({ hasText: "Restorative-borough criteria saved" });
        await banner.waitFor();
        await page.getByRole("link", { name: "Organisations" }).first().click();
        await page.waitForURL((url) => url.pathname === "/p/cleveland/orgs");
        await page.getByRole("heading", { level: 1 }).waitFor();
        expect(await page.getByText("Restorative-borough criteria saved").count()).toBe(0);
      } finally {
        await context.close();
      }
    });
  }
});
