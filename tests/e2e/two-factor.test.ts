/**
 * Two-factor sign-in in Chromium: a board member sets it up from their account (QR code and key,
 * a wrong code refused, recovery codes shown once), then signs in with a code; a coordinator signs
 * in with JavaScript off using the code the demo shows; pages about personal data pass axe.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { codeFor } from "../helpers/two-factor";
import { machineNow } from "~/modules/platform/clock.server";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

async function submit(page: Page, button: string) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: button }).click()]);
  await page.waitForLoadState("load");
}

describe("setting up two-factor sign-in", () => {
  it("goes from the account page to a QR code, refuses a wrong code, shows recovery codes once, and then asks for a code at sign-in", async () => {
    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, "board@cleveland.demo.test");
    await page.goto("/account");
    await page.getByRole("link", { name: "Set up two-factor sign-in" }).click();
    await page.getByRole("heading", { name: "Set up two-factor sign-in" }).waitFor();
    await page.getByRole("img", { name: "QR code to add Golden Thread to an authenticator app" }).waitFor();
    await expectAccessible(page);
    const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await page.getByLabel("Code", { exact: true }).fill(codeFor(secret, 7));
    await submit(page, "Turn on two-factor sign-in");
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    expect(await page.getByTestId("totp-secret").textContent()).toContain(secret.slice(0, 4));
    await expectAccessible(page);

    await page.getByLabel("Code", { exact: true }).fill(codeFor(secret));
    await submit(page, "Turn on two-factor sign-in");
    await page.getByRole("heading", { name: "Two-factor sign-in is on" }).waitFor();
    const codes = await page.locator(".gt-recovery-codes code").allTextContents();
    expect(codes).toHaveLength(10);
    await expectAccessible(page);
    await page.getByRole("link", { name: "I have saved my recovery codes" }).click();
    await page.getByText(/On since .* 10 recovery codes left/).waitFor();
    await page.goto("/account/two-factor");
    expect(await page.locator(".gt-recovery-codes").count()).toBe(0);
    await expectAccessible(page);

    await Promise.all([page.waitForURL((u) => u.pathname === "/"), page.getByRole("button", { name: "Sign out" }).click()]);
    await page.goto("/login");
    await page.getByLabel("Email address").fill("board@cleveland.demo.test");
    await page.getByLabel("Password").fill("golden-thread-demo");
    await Promise.all([page.waitForURL((u) => u.pathname === "/login/code"), page.getByRole("button", { name: "Sign in" }).click()]);
    await expectAccessible(page);
    expect(await page.getByTestId("demo-code").count()).toBe(0);
    await page.getByLabel("Code", { exact: true }).fill("12345");
    await submit(page, "Continue");
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Code", { exact: true }).fill(codes[0]);
    await Promise.all([page.waitForURL((u) => u.pathname === "/p/cleveland"), page.getByRole("button", { name: "Continue" }).click()]);
    await page.getByText("You signed in with a recovery code. You have 9 recovery codes left.").waitFor();

    // Confirming who you are, before changing a setting, also asks for a code once enrolled.
    await page.goto("/account/confirm?redirectTo=%2Faccount%2Femail");
    await expectAccessible(page);
    await page.getByLabel("Password").fill("golden-thread-demo");
    await submit(page, "Confirm");
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expectAccessible(page);
    await page.goto("/account/email");
    await expectAccessible(page);
    await context.close();
  });
});

describe("without JavaScript", () => {
  it("signs a demo coordinator in with the code the demo shows, and changes the password after confirming it is them", async () => {
    const { context, page } = await newPage(browser(), server().url, { javaScript: false });
    await page.goto("/login");
    await page.getByLabel("Email address").fill("coordinator@hampshire.demo.test");
    await page.getByLabel("Password").fill("golden-thread-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Enter the code from your authenticator app" }).waitFor();
    const shown = (await page.getByTestId("demo-code").locator("strong").nth(1).textContent())!;
    expect(shown).toMatch(/^\d{6}$/);
    await page.getByLabel("Code", { exact: true }).fill("000000" === shown ? "111111" : "000000");
    await page.getByRole("button", { name: "Continue" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await page.getByLabel("Code", { exact: true }).fill(shown);
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((u) => u.pathname === "/p/hampshire");

    const session = (await context.cookies()).find((c) => c.name === "gt_session")!;
    await server()
      .db.handles.owner.updateTable("sessions")
      .set({ authenticated_at: new Date(machineNow().getTime() - 30 * 60_000) })
      .execute();
    await page.goto("/account");
    await page.getByRole("link", { name: "Confirm it is you to change your password" }).click();
    await page.getByLabel("Password").fill("golden-thread-demo");
    await page.getByLabel("Code from your authenticator app").fill(codeFor(undefined, 1));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByLabel("Current password").fill("golden-thread-demo");
    await page.getByLabel("New password").fill("solent ferry at dawn");
    await page.getByRole("button", { name: "Change password" }).click();
    await page.getByText("Your password has been changed").waitFor();
    expect((await context.cookies()).find((c) => c.name === "gt_session")!.value).not.toBe(session.value);
    await context.close();
  });
});

describe("personal data", () => {
  it("shows a person what is held about them, with downloads, and lets a coordinator erase a champion record", async () => {
    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, "champion@hampshire.demo.test");
    await page.goto("/account");
    await page.getByRole("link", { name: "See and download the information Golden Thread holds about you" }).click();
    await page.getByRole("heading", { name: "The information we hold about you" }).waitFor();
    const record = page.locator(".govuk-summary-list__row", { has: page.locator("dt", { hasText: "Name and job title" }) }).locator("dd");
    expect(await record.allTextContents()).toEqual(["Aisha Rahman, Mediation Coordinator"]);
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download all of it as JSON" }).click()]);
    const json = JSON.parse(await streamText(await download.createReadStream()));
    expect(json.account.email).toBe("champion@hampshire.demo.test");
    await context.close();

    const coordinator = await newPage(browser(), server().url);
    await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
    const owner = server().db.handles.owner;
    const keith = await owner.selectFrom("champions").select(["id", "organisation_id"]).where("name", "=", "Keith Barlow").executeTakeFirstOrThrow();
    await coordinator.page.goto(`/p/cleveland/orgs/${keith.organisation_id}/champions/${keith.id}`);
    await coordinator.page.getByRole("link", { name: "Erase Keith Barlow's personal data" }).click();
    await coordinator.page.getByRole("heading", { name: "Erase Keith Barlow's champion record" }).waitFor();
    await expectAccessible(coordinator.page);
    await coordinator.page.getByLabel(/To confirm, type their full name/).fill("Keith");
    await submit(coordinator.page, "Erase champion record");
    await coordinator.page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expectAccessible(coordinator.page);
    await coordinator.page.getByLabel(/To confirm, type their full name/).fill("Keith Barlow");
    await submit(coordinator.page, "Erase champion record");
    await coordinator.page.getByText("Keith Barlow's personal data has been erased").waitFor();
    const former = coordinator.page.getByRole("table", { name: "Former champions" });
    expect(await former.getByRole("row").filter({ hasText: "Erased champion" }).getByRole("cell").allTextContents()).toEqual([
      "Erased champion",
      "Erased",
      expect.any(String),
      expect.any(String),
    ]);
    expect(await former.getByText("Keith Barlow").count()).toBe(0);
    await coordinator.page.goto("/p/cleveland/audit");
    await coordinator.page.getByText("Erasure of personal data").first().waitFor();
    const board = await owner.selectFrom("users").select("id").where("email", "=", "board@cleveland.demo.test").executeTakeFirstOrThrow();
    await coordinator.page.goto(`/p/cleveland/people/${board.id}`);
    await coordinator.page.getByRole("link", { name: "Erase Gareth Lowe's personal data" }).click();
    await coordinator.page.getByRole("heading", { name: "Erase Gareth Lowe's personal data" }).waitFor();
    await expectAccessible(coordinator.page);
    await coordinator.context.close();
  });
});

async function streamText(stream: NodeJS.ReadableStream) {
  let text = "";
  for await (const chunk of stream) text += chunk.toString();
  return text;
}
