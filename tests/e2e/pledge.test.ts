/**
 * The pledge as people use it in Chromium: an organisation admin signs (JavaScript on, and again
 * off), prints the certificate (checked as an A4 PDF), names a champion and invites them; the
 * champion accepts and signs in; the organisation appears on the public register; the coordinator
 * sees adoption change. axe checks every page on the way.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { installDatabases } from "~/db.server";
import { acceptInvitation } from "~/modules/people/invitations.server";
import { today } from "~/modules/platform/clock.server";
import { formatDate } from "~/modules/platform/dates";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, expectAccessible as checkAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();
const ADMIN = "orgadmin@cleveland.demo.test";
let traders = "";
let redcar = "";

beforeAll(async () => {
  const owner = server().db.handles.owner;
  installDatabases(server().db.handles);
  const cleveland = await partnershipId(owner, "cleveland");
  const admin = await userId(owner, ADMIN);
  traders = await organisationId(owner, "cleveland", "Hartlepool Marina Traders");
  redcar = await organisationId(owner, "cleveland", "Redcar and Cleveland Borough Council");
  // The demo admin also administers two prospects, so signing them changes adoption.
  for (const organisation of [traders, redcar]) {
    await owner.insertInto("organisation_members").values({ partnership_id: cleveland, organisation_id: organisation, user_id: admin, role: "org_admin" }).execute();
  }
});

async function click(page: Page, name: string | RegExp, then: string | RegExp) {
  await page.getByRole("button", { name }).click();
  await page.getByRole("heading", { level: 1, name: then }).waitFor();
}

async function adoptionFigures(page: Page) {
  await page.goto("/p/cleveland/adoption");
  const hartlepool = page.getByRole("table", { name: /Signatories by borough/ }).getByRole("row", { name: /^Hartlepool/ });
  const grid = page.getByRole("table", { name: /by borough and sector/ });
  const header = await grid.getByRole("columnheader").allInnerTexts();
  const cells = await grid
    .getByRole("row", { name: /^Hartlepool/ })
    .getByRole("cell")
    .allInnerTexts();
  return {
    signed: Number((await hartlepool.getByRole("cell").nth(1).innerText()).trim()),
    hartlepoolBusiness: cells[header.indexOf("Business") - 1].replace(/\s*\(gap\)/, "").trim(),
  };
}

/** The value a summary list gives for a key, as the reader sees it. */
const summaryValue = (page: Page, label: string) =>
  page.locator(".govuk-summary-list__row", { has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) }).locator("dd.govuk-summary-list__value");

async function signThrough(page: Page, options: { name: string; title: string; javaScript: boolean }) {
  // axe runs as a script in the page, so it checks these pages on the run with JavaScript.
  const expectAccessible = options.javaScript ? checkAccessible : async () => undefined;
  await page.getByRole("link", { name: "Sign the pledge" }).click();
  await page.getByRole("heading", { level: 1, name: "Sign the pledge" }).waitFor();
  await expectAccessible(page);
  await click(page, "Start now", "Who is signing for the organisation?");
  await expectAccessible(page);
  if (!options.javaScript) {
    // An empty answer comes back with a message by the field, and what was typed kept.
    await page.getByLabel("Full name").fill(options.name);
    await click(page, "Save and continue", "Who is signing for the organisation?");
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    expect(await page.getByLabel("Full name").inputValue()).toBe(options.name);
    await expectAccessible(page);
  }
  await page.getByLabel("Full name").fill(options.name);
  await page.getByLabel("Job title").fill(options.title);
  await click(page, "Save and continue", "Which commitments does your organisation take on?");
  await expectAccessible(page);
  await page.getByLabel(/^1\. /).check();
  await page.getByLabel(/^3\. /).check();
  await click(page, "Save and continue", "What do you propose to do this year?");
  await expectAccessible(page);
  await page.getByLabel("Communication, engagement and marketing").fill("Restorative justice leaflets in every shop window on the marina.");
  await click(page, "Save and continue", /Check your answers/);
  await expectAccessible(page);
  expect(await summaryValue(page, "Full name").allTextContents()).toEqual([options.name]);
  expect(await summaryValue(page, "Job title").allTextContents()).toEqual([options.title]);
  // Back to the task list, every task done, and on to checking again.
  await page.getByRole("link", { name: "Back", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Sign the pledge" }).waitFor();
  expect(await page.getByText("Completed").count()).toBe(3);
  await expectAccessible(page);
  await page.getByRole("link", { name: "Check your answers and sign" }).click();
  await page.getByRole("heading", { level: 1, name: /Check your answers/ }).waitFor();
  if (!options.javaScript) {
    await click(page, "Sign the pledge", /Check your answers/);
    await page.getByText("Confirm that the signatory has agreed").first().waitFor();
  }
  await page.getByLabel(/has agreed to sign the pledge/).check();
  await page.getByRole("button", { name: "Sign the pledge" }).click();
  await page.getByText("Pledge signed: thank you").waitFor();
  // The organisation's page: the pledge's status is Signed, signed today.
  expect(await summaryValue(page, "Status").allTextContents()).toEqual(["Signed"]);
  expect((await summaryValue(page, "Signed").textContent())?.startsWith(`${formatDate(today())}, valid until`)).toBe(true);
}

describe("the restorative pledge, end to end", () => {
  it("an admin signs with JavaScript, prints the certificate, names and invites a champion who accepts; the register and adoption change", async () => {
    const coordinator = await newPage(browser(), server().url);
    await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
    const before = await adoptionFigures(coordinator.page);
    expect(before.hartlepoolBusiness).toBe("0 of 1");
    await expectAccessible(coordinator.page);
    const register = await coordinator.page.context().newPage();
    await register.goto("/public/cleveland");
    expect(await register.getByText("Hartlepool Marina Traders").count()).toBe(0);

    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, ADMIN);
    await page.goto(`/p/cleveland/orgs/${traders}`);
    await signThrough(page, { name: "Tom Hadley", title: "Chair of the Traders", javaScript: true });

    // The certificate, printed: one A4 page with nothing of the site's chrome.
    await page.getByRole("link", { name: "Print the certificate" }).click();
    await page.getByRole("heading", { level: 1, name: "Certificate of signature" }).waitFor();
    await expectAccessible(page);
    expect(await page.getByText("Tom Hadley, Chair of the Traders").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Print this page" }).isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("header.gt-header").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Print this page" }).isVisible()).toBe(false);
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    const pdfPath = path.join(os.tmpdir(), `gt-certificate-${process.pid}.pdf`);
    fs.writeFileSync(pdfPath, pdf);
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
    await page.emulateMedia({ media: "screen" });

    // A champion, named and invited.
    await page.goto(`/p/cleveland/orgs/${traders}`);
    await page.getByText("Name an RJ champion: the organisation has none").waitFor();
    await page.getByRole("link", { name: "Name and manage champions" }).click();
    await page.getByRole("heading", { level: 1, name: "RJ champions" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Name a champion" }).click();
    await page.getByRole("heading", { level: 1, name: "Name an RJ champion" }).waitFor();
    await page.getByLabel("Full name").fill("Nadia Kowalski");
    await page.getByLabel("Work email address").fill("nadia.kowalski@marina-traders.example.org");
    await page.getByLabel("Job title").fill("Harbour Manager");
    const since = page.getByRole("group", { name: "Champion since" });
    await since.getByLabel("Day").fill("3");
    await since.getByLabel("Month").fill("4");
    await since.getByLabel("Year").fill("2026");
    await page.getByLabel("RJC accredited practitioner").check();
    await click(page, "Save champion", "Name an RJ champion");
    await page.getByRole("link", { name: "Enter the date their accreditation expires" }).waitFor();
    await expectAccessible(page);
    expect(await page.getByLabel("Job title").inputValue()).toBe("Harbour Manager");
    const expiry = page.getByRole("group", { name: /accreditation expire/ });
    await expiry.getByLabel("Day").fill("31");
    await expiry.getByLabel("Month").fill("3");
    await expiry.getByLabel("Year").fill("2028");
    await page.getByLabel("Communications single point of contact").check();
    await click(page, "Save champion", "Nadia Kowalski");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Invite Nadia Kowalski to sign in" }).click();
    await page.getByText("Invitation to nadia.kowalski@marina-traders.example.org saved in Invitation emails").waitFor();

    // The champion accepts: through the invitation page where it exists, else the invitation API.
    const email = await server()
      .db.handles.owner.selectFrom("outbox_messages")
      .select("body_text")
      .where("to_address", "=", "nadia.kowalski@marina-traders.example.org")
      .executeTakeFirstOrThrow();
    const link = /https?:\/\/\S+\/invitations\/[\w-]+/.exec(email.body_text)![0];
    const champion = await newPage(browser(), server().url);
    const invitationPage = await champion.page.goto(new URL(link).pathname);
    if (invitationPage?.status() === 404) {
      expect(await acceptInvitation(link.split("/").at(-1)!, { kind: "new-account", name: "Nadia Kowalski", password: "harbour lights at dusk" })).toMatchObject({ ok: true });
      await signInAs(champion.page, "nadia.kowalski@marina-traders.example.org", "harbour lights at dusk");
    } else {
      // Accepting creates the account and signs the champion in.
      await champion.page.getByLabel("Password", { exact: false }).first().fill("harbour lights at dusk");
      await champion.page.getByRole("button", { name: /Accept|Create/ }).click();
      await champion.page.waitForURL((url) => !url.pathname.startsWith("/invitations"));
    }
    expect(new URL(champion.page.url()).pathname).toBe(`/p/cleveland/orgs/${traders}`);
    await champion.page.getByRole("heading", { level: 1, name: "Hartlepool Marina Traders" }).waitFor();
    await champion.context.close();
    await page.goto(`/p/cleveland/orgs/${traders}/champions`);
    expect(
      await page
        .getByRole("row", { name: /Nadia Kowalski/ })
        .getByRole("cell")
        .last()
        .innerText(),
    ).toBe("Yes");

    // The public register lists it, with the date signed; the coordinator sees adoption move.
    await register.reload();
    await register.getByRole("rowheader", { name: "Hartlepool Marina Traders" }).waitFor();
    await expectAccessible(register);
    const after = await adoptionFigures(coordinator.page);
    expect(after).toEqual({ signed: before.signed + 1, hartlepoolBusiness: "1 of 1" });
    await context.close();
    await coordinator.context.close();
  });

  it("signs with JavaScript off, with mistakes coming back as messages, and withdraws with a reason", async () => {
    const { context, page } = await newPage(browser(), server().url, { javaScript: false });
    await signInAs(page, ADMIN);
    await page.goto(`/p/cleveland/orgs/${redcar}`);
    await page.getByRole("heading", { level: 1, name: "Redcar and Cleveland Borough Council" }).waitFor();
    await signThrough(page, { name: "Fatima Noor", title: "Chief Executive", javaScript: false });
    expect(await page.getByText("Print this page").count()).toBe(0);

    await page.getByRole("link", { name: "Withdraw from the pledge" }).click();
    await page.getByRole("heading", { level: 1, name: "Withdraw from the pledge" }).waitFor();
    await click(page, "Withdraw from the pledge", "Withdraw from the pledge");
    await page.getByRole("link", { name: "Enter the reason for withdrawing" }).waitFor();
    expect(await page.getByLabel("Why is the organisation withdrawing?").inputValue()).toBe("");
    await page.getByLabel("Why is the organisation withdrawing?").fill("The council is reorganising its community safety team.");
    await page.getByRole("button", { name: "Withdraw from the pledge" }).click();
    await page.getByText("Withdrawal recorded").waitFor();
    await page.getByRole("link", { name: "Pledge history" }).click();
    await page.getByRole("heading", { level: 1, name: "Pledge history" }).waitFor();
    expect(await page.getByRole("heading", { name: /^Withdrew on/ }).count()).toBe(1);
    expect(await page.getByRole("heading", { name: /^Signed on/ }).count()).toBe(1);
    await context.close();

    // The same pages with JavaScript, for axe: the withdrawal form with its error, and the history.
    const scripted = await newPage(browser(), server().url);
    await signInAs(scripted.page, ADMIN);
    await scripted.page.goto(`/p/cleveland/orgs/${traders}/pledge/withdraw`);
    await click(scripted.page, "Withdraw from the pledge", "Withdraw from the pledge");
    await scripted.page.getByRole("link", { name: "Enter the reason for withdrawing" }).waitFor();
    await expectAccessible(scripted.page);
    await scripted.page.goto(`/p/cleveland/orgs/${redcar}/pledge`);
    await expectAccessible(scripted.page);
    await scripted.context.close();
  });
});

describe("the coordinator's pages", () => {
  it("drafts, previews and publishes the next pledge version, and every page passes axe", async () => {
    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, "coordinator@cleveland.demo.test");
    await page.goto("/p/cleveland/pledge");
    await expectAccessible(page);
    await click(page, "Start a new draft", "Edit the pledge");
    await expectAccessible(page);
    await click(page, "Add another commitment", "Edit the pledge");
    await page.getByLabel("Commitment 7").fill("Offer observer places to senior leaders, with everyone's consent.");
    await click(page, "Save and preview", "Check the pledge before publishing");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Publish as version 3" }).click();
    await page.getByText("Version 3 is published").waitFor();
    await page.getByRole("link", { name: "Version 3" }).first().click();
    await page.getByText("Offer observer places to senior leaders").waitFor();
    await expectAccessible(page);

    const hartlepool = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
    // A table's CSV download holds what the page shows, in the order shown.
    await page.goto("/p/cleveland/adoption?by-sector-sort=organisations&by-sector-dir=desc");
    const firstSector = (await page.getByRole("table", { name: "Signatories by sector" }).getByRole("rowheader").first().innerText()).trim();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV of Signatories by sector" }).click()]);
    const csv = fs.readFileSync((await download.path())!, "utf8");
    expect(download.suggestedFilename()).toMatch(/^cleveland-adoption-\d{4}-\d{2}-\d{2}-by-sector\.csv$/);
    expect(csv.split("\r\n")[1].startsWith(`${firstSector},`)).toBe(true);

    for (const url of [
      "/p/cleveland/adoption?by-sector-sort=signed&by-sector-dir=desc",
      "/p/cleveland/orgs",
      `/p/cleveland/orgs/${hartlepool}`,
      `/p/cleveland/orgs/${hartlepool}/pledge`,
      `/p/cleveland/orgs/${hartlepool}/champions`,
    ]) {
      await page.goto(url);
      await expectAccessible(page);
    }
    await page.goto(`/p/cleveland/orgs/${hartlepool}/champions`);
    await page.getByRole("link", { name: "Amira Collins" }).click();
    await page.getByRole("heading", { level: 1, name: "Amira Collins" }).waitFor();
    await expectAccessible(page);

    await page.goto("/p/cleveland/orgs/import");
    await expectAccessible(page);
    await page.getByLabel("CSV or Excel file").setInputFiles({ name: "orgs.csv", mimeType: "text/csv", buffer: Buffer.from("name,sector\nTees Food Bank,charity\n") });
    await click(page, "Upload", "Upload organisations and prospects");
    await page.getByRole("table", { name: "Problems in the file" }).waitFor();
    expect(await page.getByRole("row", { name: /^2 sector/ }).count()).toBe(1);
    await expectAccessible(page);
    await page
      .getByLabel("CSV or Excel file")
      .setInputFiles({ name: "orgs.csv", mimeType: "text/csv", buffer: Buffer.from("name,sector,borough\nTees Food Bank,Voluntary and community,Stockton-on-Tees\n") });
    await page.getByRole("button", { name: "Upload" }).click();
    await page.getByText("Upload complete: 1 added, 0 updated, 0 unchanged").waitFor();
    expect(await page.getByRole("link", { name: "Tees Food Bank" }).count()).toBe(1);
    await context.close();
  });
});
