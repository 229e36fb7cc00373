/**
 * A bad day in Chromium: people are filling in forms when PostgreSQL stops. Each submission comes
 * back saying nothing was saved, with everything typed (but no password or code) and a Try again
 * button; once the database is back, Try again saves it, without restarting the app. With
 * JavaScript on (a Remix data request, shown by the root ErrorBoundary) and off (the server's own
 * 503 page). The app runs on a PostgreSQL server of its own, which this file stops and starts.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { startPgServer, type PgServer } from "../../scripts/lib/pg-server";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { createStandaloneDemoDatabase } from "../helpers/database";
import { organisationId } from "../helpers/fixtures";

let pg: PgServer;
let app: AppServer;
const browser = useBrowser();
const quarter = quarterOf(today());
const UNAVAILABLE = "Sorry, the service is unavailable";

beforeAll(async () => {
  pg = await startPgServer();
  const db = await createStandaloneDemoDatabase(pg.url);
  app = await startAppServer({ db });
});

afterAll(async () => {
  await app?.stop();
  await app?.db.handles.close();
  pg?.stop();
});

async function hydrated(page: Page) {
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
}

/** Submits with the button; with JavaScript on, checks it went as a Remix data request. */
async function submit(page: Page, button: string, javaScript: boolean) {
  const sent = page.waitForResponse((r) => r.request().method() === "POST");
  await page.getByRole("button", { name: button, exact: true }).click();
  const response = await sent;
  expect(new URL(response.url()).searchParams.has("_data"), response.url()).toBe(javaScript);
  await page.getByRole("heading", { name: UNAVAILABLE }).waitFor();
  return response;
}

/** The outage page as a person reads it: the message, each value typed, and nothing secret. */
async function expectKept(page: Page, typed: string[]) {
  const main = page.locator("main");
  await expect.poll(() => main.innerText()).toContain("nothing was saved");
  const text = await main.innerText();
  for (const value of typed) expect(text, value).toContain(value);
  expect(await page.getByRole("button", { name: "Try again" }).count()).toBe(1);
}

async function tryAgain(page: Page) {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Try again" }).click()]);
}

describe("when PostgreSQL stops while people save forms", () => {
  for (const javaScript of [true, false]) {
    it(`keeps what was typed and saves it on Try again once it is back, JavaScript ${javaScript ? "on" : "off"}`, { timeout: 180_000 }, async () => {
      const owner = app.db.handles.owner;
      const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
      const other = await owner
        .selectFrom("organisations as o")
        .innerJoin("partnerships as p", "p.id", "o.partnership_id")
        .select(["o.id", "o.name"])
        .where("p.slug", "=", "cleveland")
        .where("o.id", "!=", hartlepool)
        .orderBy("o.name")
        .executeTakeFirstOrThrow();
      const mode = javaScript ? "script" : "plain";
      const referrals = javaScript ? "17" : "18";
      const highlights = `Two conferences in Redcar, typed as the database went away (${mode}).\nA second line.`;
      const newName = `${other.name.replace(/ \((script|plain)\)$/, "")} (${mode})`;
      const website = `https://www.example.org/${mode}-outage`;

      // A champion at the quarterly return form, a coordinator at an organisation's details.
      const champion = await newPage(browser(), app.url, { javaScript });
      await signInAs(champion.page, "champion@cleveland.demo.test");
      const returnForm = `/p/cleveland/orgs/${hartlepool}/returns/${quarter.key}`;
      await champion.page.goto(returnForm);
      if (javaScript) await hydrated(champion.page);
      await champion.page.getByLabel("Referrals made to RJ services", { exact: true }).fill(referrals);
      await champion.page.getByRole("checkbox", { name: "Not applicable for Victims offered RJ" }).check();
      await champion.page.getByLabel("Highlights").fill(highlights);

      const coordinator = await newPage(browser(), app.url, { javaScript });
      await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
      await coordinator.page.goto(`/p/cleveland/orgs/${other.id}/edit`);
      if (javaScript) await hydrated(coordinator.page);
      await coordinator.page.getByLabel("Name", { exact: true }).fill(newName);
      await coordinator.page.getByLabel("Website (optional)").fill(website);

      pg.halt();
      try {
        await submit(champion.page, "Save draft", javaScript);
        await expectKept(champion.page, [referrals, "Ticked", "Two conferences in Redcar, typed as the database went away", "A second line."]);
        await submit(coordinator.page, "Save details", javaScript);
        await expectKept(coordinator.page, [newName, website]);
        if (javaScript) {
          await expectAccessible(champion.page);
          // Try again while it is still down: the server's own 503 page, which keeps it all again.
          await tryAgain(champion.page);
          await expectKept(champion.page, [referrals, "Ticked", "A second line."]);
          await expectAccessible(champion.page);
        }
        // A page loaded during the outage says so plainly.
        const home = await coordinator.context.newPage();
        const response = await home.goto(`${app.url}/p/cleveland/orgs`);
        expect(response?.status()).toBe(503);
        expect(await home.locator("main").innerText()).toContain("Try again in a few minutes");
        if (javaScript) await expectAccessible(home);
        await home.close();
      } finally {
        pg.resume();
      }

      await tryAgain(champion.page);
      await champion.page.getByText("Draft saved").first().waitFor();
      await champion.page.goto(returnForm);
      expect(await champion.page.getByLabel("Referrals made to RJ services", { exact: true }).inputValue()).toBe(referrals);
      expect(await champion.page.getByRole("checkbox", { name: "Not applicable for Victims offered RJ" }).isChecked()).toBe(true);
      expect(await champion.page.getByLabel("Highlights").inputValue()).toBe(highlights);

      await tryAgain(coordinator.page);
      await coordinator.page.getByText(`${newName} saved`).first().waitFor();
      const stored = await owner.selectFrom("organisations").select(["name", "website"]).where("id", "=", other.id).executeTakeFirstOrThrow();
      expect(stored).toEqual({ name: newName, website });

      await champion.context.close();
      await coordinator.context.close();
    });
  }

  it("never echoes a password: a sign-in during the outage keeps the email address only", async () => {
    const { page, context } = await newPage(browser(), app.url, { javaScript: false });
    await page.goto("/login");
    await page.getByLabel("Email address").fill("board@cleveland.demo.test");
    await page.getByLabel("Password").fill("a-password-typed-in-the-outage");
    pg.halt();
    try {
      await submit(page, "Sign in", false);
      const html = await page.content();
      expect(html).toContain("board@cleveland.demo.test");
      expect(html).not.toContain("a-password-typed-in-the-outage");
      expect(await page.locator("main").innerText()).toMatch(/not kept.*Password/);
    } finally {
      pg.resume();
    }
    await context.close();
  });
});
