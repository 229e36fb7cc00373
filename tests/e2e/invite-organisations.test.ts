/**
 * A partnership's first day in Chromium, with JavaScript and without: the coordinator uploads the
 * organisations with their contacts, invites every organisation without an administrator, sees
 * the summary, and three contacts accept from the links in the outbox.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

// axe runs in the page, so it checks the pages with JavaScript on; the markup is the same without.
async function submit(page: Page, button: string) {
  await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: button }).click()]);
  await page.waitForLoadState("load");
}

async function linkFromOutbox(page: Page, to: string) {
  await page.goto("/p/cleveland/outbox");
  await page.getByRole("row").filter({ hasText: to }).first().getByRole("link").click();
  await page.getByRole("heading", { level: 2, name: "Message" }).waitFor();
  return (await page.locator(".gt-email-body a").first().getAttribute("href"))!;
}

describe.each([
  ["with JavaScript", true],
  ["without JavaScript", false],
])("inviting every organisation without an administrator, %s", (how, javaScript) => {
  it("uploads contacts, invites them all, and three accept from the outbox", async () => {
    const tag = javaScript ? "js" : "nojs";
    const contacts = [1, 2, 3].map((i) => ({
      org: `Day One ${tag} Partner ${i}`,
      name: `Contact ${tag} ${i}`,
      email: `contact${i}@${tag}.day-one.example.org`,
    }));
    const coordinator = await newPage(browser(), server().url, {
      javaScript,
    });
    coordinator.page.setDefaultTimeout(20_000);
    await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
    await coordinator.page.goto("/p/cleveland/orgs/import");
    const csv = ["name,sector,contact_name,contact_email", ...contacts.map((c) => `${c.org},Business,${c.name},${c.email}`), `Day One ${tag} No Contact,Faith,,`].join("\r\n");
    await coordinator.page.getByLabel("CSV or Excel file").setInputFiles({
      name: "first-day.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(csv),
    });
    await submit(coordinator.page, "Upload");
    await coordinator.page.getByText("Upload complete: 4 added, 0 updated, 0 unchanged.").waitFor();

    await coordinator.page.getByLabel("Name").fill(`Day One ${tag}`);
    await coordinator.page.getByRole("button", { name: "Apply filters" }).click();
    await coordinator.page.getByText("4 organisations matching the filters").waitFor();
    if (javaScript) await expectAccessible(coordinator.page);

    await coordinator.page
      .getByRole("link", {
        name: "Invite every organisation without an administrator",
      })
      .click();
    await coordinator.page
      .getByRole("heading", {
        level: 1,
        name: "Invite every organisation without an administrator",
      })
      .waitFor();
    if (javaScript) await expectAccessible(coordinator.page);
    await submit(coordinator.page, "Invite every organisation without an administrator");
    const summary = coordinator.page.locator("#invite-summary h2");
    await summary.waitFor({ timeout: 20_000 });
    expect(await summary.textContent()).toMatch(/^Invited 3; \d+ have no contact email; 0 failed$/);
    expect(await coordinator.page.locator("#no-contact").textContent()).toContain(`Day One ${tag} No Contact`);
    if (javaScript) await expectAccessible(coordinator.page);

    for (const c of contacts) {
      const link = await linkFromOutbox(coordinator.page, c.email);
      expect(link).toMatch(new RegExp(`^${server().url}/invitations/[a-z2-7]{32}$`));
      const invitee = await newPage(browser(), server().url, { javaScript });
      invitee.page.setDefaultTimeout(20_000);
      await invitee.page.goto(link);
      expect(await invitee.page.getByLabel("Full name").inputValue()).toBe(c.name);
      await invitee.page.getByLabel("Create a password").fill("heron estuary lantern");
      await submit(invitee.page, "Create account and join");
      await invitee.page.getByText("Welcome to Golden Thread. You have joined Cleveland Restorative Justice Partnership.").waitFor();
      await invitee.context.close();
    }
    const admins = await server()
      .db.handles.owner.selectFrom("organisation_members as om")
      .innerJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "om.partnership_id").onRef("o.id", "=", "om.organisation_id"))
      .select("o.name")
      .where("om.role", "=", "org_admin")
      .where("o.name", "like", `Day One ${tag} %`)
      .execute();
    expect(admins.map((a) => a.name).sort()).toEqual(contacts.map((c) => c.org));
    await coordinator.context.close();
  });
});
