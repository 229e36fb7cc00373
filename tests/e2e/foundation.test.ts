/**
 * The first rooms, as people use them in Chromium: each demo role signs in and lands where its
 * work is, the pages pass axe (WCAG 2.2 AA), and sign-in works with JavaScript off.
 */
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { organisationId } from "../helpers/fixtures";
import { codeFor } from "../helpers/two-factor";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

describe("signing in", () => {
  it("takes each demo role to the place its work is", async () => {
    const hartlepoolCouncil = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
    const southamptonMediation = await organisationId(server().db.handles.owner, "hampshire", "Southampton Mediation Service");
    const landings: Record<string, string> = {
      "admin@demo.test": "/admin",
      "coordinator@cleveland.demo.test": "/p/cleveland",
      "board@cleveland.demo.test": "/p/cleveland",
      "orgadmin@cleveland.demo.test": `/p/cleveland/orgs/${hartlepoolCouncil}`,
      "champion@cleveland.demo.test": `/p/cleveland/orgs/${hartlepoolCouncil}`,
      "coordinator@hampshire.demo.test": "/p/hampshire",
      "board@hampshire.demo.test": "/p/hampshire",
      "champion@hampshire.demo.test": `/p/hampshire/orgs/${southamptonMediation}`,
    };
    for (const [email, path] of Object.entries(landings)) {
      const { context, page } = await newPage(browser(), server().url);
      await signInAs(page, email);
      expect(new URL(page.url()).pathname, email).toBe(path);
      await context.close();
    }
  });

  it("shows a coordinator their partnership's boroughs, and another partnership's page does not exist for them", async () => {
    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, "coordinator@cleveland.demo.test");
    await page.getByRole("heading", { level: 1, name: "Cleveland Restorative Justice Partnership" }).waitFor();
    // The county dashboard lists the boroughs, each linking to its own dashboard.
    const boroughLinks = await page.getByRole("link", { name: "Hartlepool", exact: true }).evaluateAll((links) => links.map((a) => a.getAttribute("href")));
    expect(boroughLinks.length).toBeGreaterThan(0);
    for (const href of boroughLinks) expect(href).toMatch(/^\/p\/cleveland\/dashboard\/[0-9a-f-]{36}(\?|$)/);
    const response = await page.goto("/p/hampshire");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" }).isVisible()).resolves.toBe(true);
    await context.close();
  });

  it("works with JavaScript turned off, including a wrong password coming back with the email kept", async () => {
    const { context, page } = await newPage(browser(), server().url, { javaScript: false });
    await page.goto("/login");
    await page.getByLabel("Email address").fill("board@cleveland.demo.test");
    await page.getByLabel("Password").fill("not the right one");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForLoadState();
    await expect(page.getByRole("heading", { name: "There is a problem" }).isVisible()).resolves.toBe(true);
    await expect(page.getByLabel("Email address").inputValue()).resolves.toBe("board@cleveland.demo.test");
    await expect(page.getByLabel("Password").inputValue()).resolves.toBe("");
    await signInAs(page, "board@cleveland.demo.test");
    expect(new URL(page.url()).pathname).toBe("/p/cleveland");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    const back = await page.goto("/p/cleveland");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(back?.status()).toBe(200);
    await context.close();
  });

  it("returns a signed-out visitor to the page they asked for after signing in", async () => {
    const { context, page } = await newPage(browser(), server().url);
    await page.goto("/p/cleveland/orgs");
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.getByLabel("Email address").fill("coordinator@cleveland.demo.test");
    await page.getByLabel("Password").fill("golden-thread-demo");
    // The page asked for survives the code step of two-factor sign-in.
    await Promise.all([page.waitForURL("**/login/code"), page.getByRole("button", { name: "Sign in" }).click()]);
    await page.getByLabel("Code", { exact: true }).fill(codeFor());
    await Promise.all([page.waitForURL("**/p/cleveland/orgs"), page.getByRole("button", { name: "Continue" }).click()]);
    await context.close();
  });
});

describe("accessibility (axe, WCAG 2.2 AA)", () => {
  it("finds nothing on the public pages, the sign-in errors and the signed-in pages", async () => {
    const { context, page } = await newPage(browser(), server().url);
    for (const path of ["/", "/login", "/privacy", "/accessibility", "/no-such-page"]) {
      await page.goto(path);
      await expectAccessible(page);
    }
    await page.goto("/login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expectAccessible(page);

    const org = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
    const pagesByAccount: Record<string, string[]> = {
      "coordinator@cleveland.demo.test": ["/p/cleveland", "/p/cleveland/orgs", `/p/cleveland/orgs/${org}`, "/account", "/home"],
      "admin@demo.test": ["/admin"],
    };
    for (const [email, paths] of Object.entries(pagesByAccount)) {
      const signed = await newPage(browser(), server().url);
      await signInAs(signed.page, email);
      for (const path of paths) {
        await signed.page.goto(path);
        await expectAccessible(signed.page);
      }
      await signed.context.close();
    }
    await context.close();
  });
});
