/**
 * In Chromium, as a champion whose session ends while the return is open: with JavaScript on and
 * off, saving sends them to sign in with the reason, and after signing in what they typed is on
 * screen and saved with one press. With JavaScript, the page warns before the session ends and
 * "Stay signed in" extends it; leaving a changed form by a link asks first.
 */
import type { Page } from "playwright-core";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { today } from "~/modules/platform/clock.server";
import { quarterOf } from "~/modules/reporting/periods";
import { LEAVE_QUESTION } from "~/ui/UnsavedChanges";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { organisationId, userId } from "../helpers/fixtures";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();
const owner = () => server().db.handles.owner;
const quarter = quarterOf(today());
const CHAMPION = "champion@cleveland.demo.test";

async function setSessionEnd(email: string, at: ReturnType<typeof sql<Date>>) {
  await owner()
    .updateTable("sessions")
    .set({ expires_at: at })
    .where("user_id", "=", await userId(owner(), email))
    .execute();
}

async function openReturn(page: Page) {
  const org = await organisationId(owner(), "cleveland", "Hartlepool Borough Council");
  await page.goto(`/p/cleveland/orgs/${org}/returns/${quarter.key}`);
  await page.getByLabel("Highlights").waitFor();
}

describe("when the session ends with a return open", () => {
  for (const javaScript of [true, false]) {
    it(`keeps what was typed over signing in again (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const { context, page } = await newPage(browser(), server().url, { javaScript });
      try {
        await signInAs(page, CHAMPION);
        await openReturn(page);
        const highlights = `Circle held with the tenants' group (${javaScript ? "js" : "no js"})`;
        await page.getByLabel("Highlights").fill(highlights);
        await page.getByLabel("Referrals made to RJ services", { exact: true }).fill("11");
        await setSessionEnd(CHAMPION, sql<Date>`now() - interval '1 second'`);
        await page.getByRole("button", { name: "Save draft" }).click();
        await page.waitForURL((url) => url.pathname === "/login");
        await page.getByText("What you were sending has been kept").waitFor();
        if (javaScript) await expectAccessible(page);

        await page.getByLabel("Email address").fill(CHAMPION);
        await page.getByLabel("Password").fill("golden-thread-demo");
        await page.getByRole("button", { name: "Sign in" }).click();
        await page.waitForURL((url) => url.pathname === "/resume");
        await page.getByText(highlights).waitFor();
        if (javaScript) await expectAccessible(page);
        await page.getByRole("button", { name: "Send it now" }).click();
        await page.getByText("Draft saved").first().waitFor();
        expect(await page.getByLabel("Highlights").inputValue()).toBe(highlights);
        expect(await page.getByLabel("Referrals made to RJ services", { exact: true }).inputValue()).toBe("11");
      } finally {
        await context.close();
      }
    });
  }
});

describe("with JavaScript", () => {
  it("warns before the session ends, and Stay signed in extends it", async () => {
    const { context, page } = await newPage(browser(), server().url);
    try {
      await signInAs(page, CHAMPION);
      await openReturn(page);
      await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
      // As if the page had been left alone for 56 minutes: the person comes back to the tab.
      await setSessionEnd(CHAMPION, sql<Date>`now() + interval '4 minutes'`);
      await page.evaluate(() => window.dispatchEvent(new Event("focus")));
      const warning = page.getByRole("alert").filter({ hasText: "You will be signed out soon" });
      await warning.waitFor();
      await expectAccessible(page);
      await page.getByRole("button", { name: "Stay signed in" }).click();
      const champion = await userId(owner(), CHAMPION);
      const secondsLeft = async () =>
        // The latest of the champion's sessions: the other tests here left theirs behind.
        Number(
          (
            await owner()
              .selectFrom("sessions")
              .select(sql<number>`extract(epoch from max(expires_at) - now())`.as("left"))
              .where("user_id", "=", champion)
              .executeTakeFirstOrThrow()
          ).left,
        );
      await expect.poll(secondsLeft, { timeout: 15_000 }).toBeGreaterThan(50 * 60);
      await warning.waitFor({ state: "detached" });
      expect(
        await page
          .getByRole("alert")
          .filter({ hasText: /signed out/ })
          .count(),
      ).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("asks before a link leaves a changed form, and stays when told to", async () => {
    const { context, page } = await newPage(browser(), server().url);
    try {
      await signInAs(page, CHAMPION);
      await openReturn(page);
      await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
      const here = page.url();
      await page.getByLabel("Highlights").fill("Not saved yet");
      const asked: string[] = [];
      page.once("dialog", (dialog) => {
        asked.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByRole("link", { name: "Your account" }).first().click();
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toBe(LEAVE_QUESTION);
      expect(page.url()).toBe(here);
      expect(await page.getByLabel("Highlights").inputValue()).toBe("Not saved yet");

      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("link", { name: "Your account" }).first().click();
      await page.waitForURL((url) => url.pathname === "/account");
    } finally {
      await context.close();
    }
  });
});
