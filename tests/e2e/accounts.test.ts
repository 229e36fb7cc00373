/**
 * Accounts as people use them in Chromium: an invitation read from the outbox and accepted, a
 * link that has expired and is sent again, a forgotten password reset through the platform
 * outbox, a new partnership and its first coordinator, disabling an account, and a role change
 * that the audit trail then shows.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { codeFor } from "../helpers/two-factor";
import { epochMs } from "~/modules/platform/clock.server";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

/** Opens the newest email to `to` on a partnership's outbox page and returns the link in it. */
async function linkFromOutbox(page: Page, slug: string, to: string) {
  await page.goto(`/p/${slug}/outbox`);
  await expectAccessible(page);
  await page.getByRole("row").filter({ hasText: to }).first().getByRole("link").click();
  await page.getByRole("heading", { level: 2, name: "Message" }).waitFor();
  await expectAccessible(page);
  return page.locator(".gt-email-body a").first().getAttribute("href") as Promise<string>;
}

/** Clicks a form's button and waits for the server's answer to the post (with or without JavaScript). */
async function submit(page: Page, button: string) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: button }).click()]);
  await page.waitForLoadState("load");
}

describe("inviting someone", () => {
  it("goes from the coordinator's form to the outbox to a new account that lands in the partnership, and the link then stops working", async () => {
    const coordinator = await newPage(browser(), server().url);
    await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
    await coordinator.page.goto("/p/cleveland/people/invite");
    await expectAccessible(coordinator.page);
    await submit(coordinator.page, "Send invitation");
    await coordinator.page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expectAccessible(coordinator.page);
    await coordinator.page.getByLabel("Their full name (optional)").fill("Nadia Brooks");
    await coordinator.page.getByLabel("Their email address").fill("nadia.brooks@stockton.example.org");
    await coordinator.page.getByRole("radio", { name: "Board member" }).check();
    await coordinator.page.getByLabel("Borough (board members only)").selectOption({ label: "Stockton-on-Tees" });
    await submit(coordinator.page, "Send invitation");
    await coordinator.page.getByText("Invitation to nadia.brooks@stockton.example.org saved in the outbox").waitFor();
    expect(await coordinator.page.getByRole("row").filter({ hasText: "nadia.brooks@stockton.example.org" }).textContent()).toContain("Board member (Stockton-on-Tees only)");
    const link = await linkFromOutbox(coordinator.page, "cleveland", "nadia.brooks@stockton.example.org");
    expect(link).toMatch(new RegExp(`^${server().url}/invitations/[a-z2-7]{32}$`));

    const invitee = await newPage(browser(), server().url);
    await invitee.page.goto(link);
    await invitee.page.getByRole("heading", { name: "Join Cleveland Restorative Justice Partnership" }).waitFor();
    await expectAccessible(invitee.page);
    expect(await invitee.page.getByLabel("Create a password").getAttribute("autocomplete")).toBe("new-password");
    expect(await invitee.page.getByLabel("Full name").inputValue()).toBe("Nadia Brooks");
    await invitee.page.getByLabel("Create a password").fill("password123");
    await submit(invitee.page, "Create account and join");
    await invitee.page.getByRole("heading", { name: "There is a problem" }).waitFor();
    expect(await invitee.page.getByLabel("Full name").inputValue()).toBe("Nadia Brooks");
    await expectAccessible(invitee.page);
    await invitee.page.getByLabel("Create a password").fill("heron estuary lantern");
    await submit(invitee.page, "Create account and join");
    await invitee.page.getByText("Welcome to Golden Thread. You have joined Cleveland Restorative Justice Partnership.").waitFor();
    // A board member for Stockton-on-Tees only lands on that borough's dashboard, the welcome kept on the way.
    expect(new URL(invitee.page.url()).pathname).toMatch(/^\/p\/cleveland\/dashboard\/[0-9a-f-]{36}$/);
    await invitee.page.getByRole("heading", { name: "Stockton-on-Tees", level: 1 }).waitFor();

    const again = await invitee.page.goto(link);
    expect(again?.status()).toBe(404);
    await invitee.page.getByRole("heading", { name: "This link no longer works" }).waitFor();
    await expectAccessible(invitee.page);

    await coordinator.page.goto("/p/cleveland/people");
    expect(await coordinator.page.getByRole("row").filter({ hasText: "Nadia Brooks" }).textContent()).toContain("Board member (Stockton-on-Tees only)");
    await Promise.all([coordinator.context.close(), invitee.context.close()]);
  });

  it("refuses an expired link, and Resend sends a fresh one that works", async () => {
    const coordinator = await newPage(browser(), server().url);
    await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
    await coordinator.page.goto("/p/cleveland/orgs");
    await coordinator.page.getByRole("link", { name: "Linthorpe Homes" }).click();
    await coordinator.page.getByRole("link", { name: "People and invitations" }).click();
    await expectAccessible(coordinator.page);
    await coordinator.page.getByRole("link", { name: "Invite a champion or administrator" }).click();
    await expectAccessible(coordinator.page);
    await coordinator.page.getByLabel("Their email address").fill("late.champion@linthorpe.example.org");
    await coordinator.page.getByRole("radio", { name: "RJ champion" }).check();
    await submit(coordinator.page, "Send invitation");
    const expired = await linkFromOutbox(coordinator.page, "cleveland", "late.champion@linthorpe.example.org");
    await server()
      .db.handles.owner.updateTable("invitations")
      .set({ expires_at: new Date(epochMs() - 60_000) })
      .where("email", "=", "late.champion@linthorpe.example.org")
      .execute();

    const invitee = await newPage(browser(), server().url);
    expect((await invitee.page.goto(expired))?.status()).toBe(404);
    await invitee.page.getByRole("heading", { name: "This link no longer works" }).waitFor();

    await coordinator.page.goto("/p/cleveland/people");
    const row = coordinator.page.getByRole("row").filter({ hasText: "late.champion@linthorpe.example.org" });
    expect(await row.textContent()).toContain("Expired");
    await submit(coordinator.page, "Resend invitation to late.champion@linthorpe.example.org");
    await coordinator.page.getByText("A new link is saved in the outbox").waitFor();
    const fresh = await linkFromOutbox(coordinator.page, "cleveland", "late.champion@linthorpe.example.org");
    expect(fresh).not.toBe(expired);
    await invitee.page.goto(fresh);
    await invitee.page.getByLabel("Full name").fill("Lee Carver");
    await invitee.page.getByLabel("Create a password").fill("middlesbrough transporter bridge");
    await submit(invitee.page, "Create account and join");
    await invitee.page.getByText("You have joined Cleveland Restorative Justice Partnership").waitFor();
    await invitee.page.getByRole("heading", { name: "Linthorpe Homes" }).waitFor();
    await Promise.all([coordinator.context.close(), invitee.context.close()]);
  });

  it("adds the role to an existing account once that person signs in", async () => {
    const coordinator = await newPage(browser(), server().url);
    await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
    await coordinator.page.goto("/p/cleveland/people/invite");
    await coordinator.page.getByLabel("Their email address").fill("board@hampshire.demo.test");
    await coordinator.page.getByRole("radio", { name: "Board member" }).check();
    await submit(coordinator.page, "Send invitation");
    const link = await linkFromOutbox(coordinator.page, "cleveland", "board@hampshire.demo.test");

    const invitee = await newPage(browser(), server().url);
    await invitee.page.goto(link);
    await invitee.page.getByRole("link", { name: "Sign in with that account" }).click();
    await invitee.page.getByLabel("Email address").fill("board@hampshire.demo.test");
    await invitee.page.getByLabel("Password").fill("golden-thread-demo");
    await Promise.all([invitee.page.waitForURL((u) => u.pathname.startsWith("/invitations/")), invitee.page.getByRole("button", { name: "Sign in" }).click()]);
    await expectAccessible(invitee.page);
    await submit(invitee.page, "Accept invitation");
    await invitee.page.getByText("You have joined Cleveland Restorative Justice Partnership as Board member (whole partnership)").waitFor();
    expect(new URL(invitee.page.url()).pathname).toBe("/p/cleveland");
    await Promise.all([coordinator.context.close(), invitee.context.close()]);
  });
});

describe("a forgotten password", () => {
  it("is reset from a link in the platform outbox, and every other session ends", async () => {
    const elsewhere = await newPage(browser(), server().url);
    await signInAs(elsewhere.page, "board@cleveland.demo.test");

    const person = await newPage(browser(), server().url);
    await person.page.goto("/login");
    await person.page.getByRole("link", { name: "Forgotten your password?" }).click();
    await expectAccessible(person.page);
    await person.page.getByLabel("Email address").fill("board@cleveland.demo.test");
    await submit(person.page, "Send the link");
    await person.page.getByRole("heading", { name: "Check your email" }).waitFor();
    await expectAccessible(person.page);

    const admin = await newPage(browser(), server().url);
    await signInAs(admin.page, "admin@demo.test");
    await admin.page.goto("/admin/outbox");
    await expectAccessible(admin.page);
    await admin.page.getByText("Reset your Golden Thread password — to board@cleveland.demo.test").click();
    const link = (await admin.page.locator(".gt-email-body a").first().getAttribute("href"))!;
    expect(link).toMatch(/\/reset-password\/[a-z2-7]{32}$/);

    await person.page.goto(link);
    await expectAccessible(person.page);
    expect(await person.page.getByLabel("New password").getAttribute("autocomplete")).toBe("new-password");
    await person.page.getByLabel("New password").fill("short");
    await submit(person.page, "Set new password");
    await person.page.getByText("Enter a password of at least 10 characters").first().waitFor();
    await expectAccessible(person.page);
    await person.page.getByLabel("New password").fill("gannet over the tees");
    await submit(person.page, "Set new password");
    await person.page.getByText("Your password has been changed").waitFor();
    expect(new URL(person.page.url()).pathname).toBe("/p/cleveland");

    await elsewhere.page.goto("/p/cleveland");
    expect(new URL(elsewhere.page.url()).pathname).toBe("/login");
    expect((await person.page.goto(link))?.status()).toBe(404);
    await Promise.all([elsewhere.context.close(), person.context.close(), admin.context.close()]);
  });
});

describe("the platform administrator", () => {
  it("creates a partnership whose first coordinator accepts from its outbox", async () => {
    const admin = await newPage(browser(), server().url);
    await signInAs(admin.page, "admin@demo.test");
    await admin.page.goto("/admin/partnerships/new");
    await expectAccessible(admin.page);
    await admin.page.getByLabel("Partnership name").fill("Durham Restorative Justice Partnership");
    await admin.page.getByLabel("Area it covers").fill("County Durham and Darlington");
    await admin.page.getByLabel("Web address").fill("Cleveland");
    await admin.page.getByLabel("Full name").fill("Owen Pritchard");
    await admin.page.getByLabel("Email address").fill("owen.pritchard@durham.example.org");
    await submit(admin.page, "Create partnership and invite coordinator");
    await admin.page.getByText("There is already a partnership at /p/cleveland").first().waitFor();
    expect(await admin.page.getByLabel("Partnership name").inputValue()).toBe("Durham Restorative Justice Partnership");
    await admin.page.getByLabel("Web address").fill("durham");
    await submit(admin.page, "Create partnership and invite coordinator");
    await admin.page.getByText("Durham Restorative Justice Partnership created").waitFor();

    const link = await linkFromOutbox(admin.page, "durham", "owen.pritchard@durham.example.org");
    const coordinator = await newPage(browser(), server().url);
    await coordinator.page.goto(link);
    await coordinator.page.getByLabel("Create a password").fill("wear valley viaduct");
    // A coordinator must use two-factor sign-in: set-up comes before the partnership's pages.
    await Promise.all([
      coordinator.page.waitForURL((u) => u.pathname === "/account/two-factor"),
      coordinator.page.getByRole("button", { name: "Create account and join" }).click(),
    ]);
    await coordinator.page.getByRole("heading", { name: "Set up two-factor sign-in" }).waitFor();
    await expectAccessible(coordinator.page);
    const secret = (await coordinator.page.getByTestId("totp-secret").textContent())!;
    await coordinator.page.getByLabel("Code", { exact: true }).fill(codeFor(secret));
    await submit(coordinator.page, "Turn on two-factor sign-in");
    await Promise.all([coordinator.page.waitForURL((u) => u.pathname === "/p/durham"), coordinator.page.getByRole("link", { name: "I have saved my recovery codes" }).click()]);
    await coordinator.page.getByRole("link", { name: "People" }).click();
    await coordinator.page.getByRole("cell", { name: "owen.pritchard@durham.example.org" }).waitFor();
    await Promise.all([admin.context.close(), coordinator.context.close()]);
  });

  it("disables an account: its sessions end and it cannot sign in, until enabled again", async () => {
    const person = await newPage(browser(), server().url);
    await signInAs(person.page, "champion@hampshire.demo.test");
    const admin = await newPage(browser(), server().url);
    await signInAs(admin.page, "admin@demo.test");
    await admin.page.goto("/admin/accounts?q=champion%40hampshire");
    await expectAccessible(admin.page);
    await submit(admin.page, "Disable the account of Aisha Rahman");
    await admin.page.getByText("Aisha Rahman's account is disabled and signed out everywhere").waitFor();

    await person.page.reload();
    expect(new URL(person.page.url()).pathname).toBe("/login");
    await person.page.getByLabel("Email address").fill("champion@hampshire.demo.test");
    await person.page.getByLabel("Password").fill("golden-thread-demo");
    await submit(person.page, "Sign in");
    await person.page.getByText("Enter a correct email address and password").first().waitFor();

    await submit(admin.page, "Enable the account of Aisha Rahman");
    await signInAs(person.page, "champion@hampshire.demo.test");
    await Promise.all([admin.context.close(), person.context.close()]);
  });
});

describe("roles and the audit trail", () => {
  it("shows who changed a role, from what to what", async () => {
    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, "coordinator@cleveland.demo.test");
    await page.goto("/p/cleveland/people");
    await page.getByRole("link", { name: "Daniel Reeve" }).click();
    await expectAccessible(page);
    await page.getByRole("link", { name: "Change role RJ champion, Hartlepool Borough Council" }).click();
    await expectAccessible(page);
    await page.getByLabel("Organisation administrator").check();
    await submit(page, "Change role");
    await page.getByText("Role changed").waitFor();

    await page.getByRole("link", { name: "Audit trail" }).click();
    await page.getByLabel("Person").selectOption({ label: "Daniel Reeve" });
    await Promise.all([page.waitForURL((u) => u.searchParams.has("person")), page.getByRole("button", { name: "Show changes" }).click()]);
    const row = page.getByRole("row").filter({ hasText: "Changed organisation role" }).first();
    expect(await row.textContent()).toMatch(/Priya Shah.*Daniel Reeve, Hartlepool Borough Council.*Role: was RJ champion\s*→\s*now Organisation administrator/);
    await expectAccessible(page);
    await context.close();
  });
});
