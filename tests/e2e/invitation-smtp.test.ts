/**
 * With SMTP_URL set, an invitation goes to a real SMTP server on loopback, and the person accepts
 * it from that email in a browser with JavaScript off.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { newPage, signInAs, useBrowser } from "../helpers/browser";
import { startSmtpServer } from "../helpers/smtp";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const env: Record<string, string> = { MAIL_FROM: "Cleveland RJ <rj@cleveland.example.org>" };
// Registered before the app server's hook, so SMTP_URL is known when the server starts.
beforeAll(async () => {
  smtp = await startSmtpServer();
  env.SMTP_URL = smtp.url;
});
afterAll(async () => {
  await smtp?.close();
});
const server = useAppServer({ template: "demo", env });
const browser = useBrowser();

/** The message as a reader sees it: quoted-printable soft breaks and escapes undone. */
const decoded = (raw: string) =>
  raw
    .replace(/\r?\n[ \t]+/g, " ")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

async function mailTo(address: string) {
  for (let i = 0; i < 200; i++) {
    const mail = smtp.received.find((m) => m.to.includes(address));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No email reached the SMTP server for ${address}`);
}

describe("an invitation over SMTP", () => {
  it("is delivered by the mail server and accepted from the email with JavaScript off", async () => {
    const orgAdmin = await newPage(browser(), server().url);
    await signInAs(orgAdmin.page, "orgadmin@cleveland.demo.test");
    await orgAdmin.page.getByRole("link", { name: "People and invitations" }).click();
    await orgAdmin.page.getByRole("link", { name: "Invite a champion or administrator" }).click();
    await orgAdmin.page.getByLabel("Their full name (optional)").fill("Imran Qureshi");
    await orgAdmin.page.getByLabel("Their email address").fill("imran.qureshi@hartlepool.example.org");
    await orgAdmin.page.getByRole("radio", { name: "RJ champion" }).check();
    await orgAdmin.page.getByRole("button", { name: "Send invitation" }).click();
    await orgAdmin.page.getByText("Invitation sent to imran.qureshi@hartlepool.example.org").waitFor();

    const mail = decoded((await mailTo("imran.qureshi@hartlepool.example.org")).raw);
    expect(mail).toContain("From: Cleveland RJ <rj@cleveland.example.org>");
    expect(mail).toContain("Subject: You are invited to Cleveland Restorative Justice Partnership on Golden Thread");
    expect(mail).toContain("Janet Atkinson has invited you");
    const link = new RegExp(`${server().url}/invitations/[a-z2-7]{32}`).exec(mail)![0];

    const invitee = await newPage(browser(), server().url, { javaScript: false });
    // axe needs JavaScript; this page is checked with it on in accounts.test.ts.
    await invitee.page.goto(link);
    expect(await invitee.page.getByLabel("Full name").inputValue()).toBe("Imran Qureshi");
    await invitee.page.getByLabel("Full name").fill("");
    await invitee.page.getByLabel("Create a password").fill("headland lighthouse walk");
    await invitee.page.getByRole("button", { name: "Create account and join" }).click();
    await invitee.page.getByRole("link", { name: "Enter your full name" }).waitFor();
    expect(await invitee.page.getByLabel("Create a password").inputValue()).toBe("");
    await invitee.page.getByLabel("Full name").fill("Imran Qureshi");
    await invitee.page.getByLabel("Create a password").fill("headland lighthouse walk");
    await invitee.page.getByRole("button", { name: "Create account and join" }).click();
    await invitee.page.getByText("Welcome to Golden Thread. You have joined Cleveland Restorative Justice Partnership.").waitFor();
    await invitee.page.getByRole("heading", { name: "Hartlepool Borough Council" }).waitFor();

    await orgAdmin.page.goto(new URL(orgAdmin.page.url()).pathname);
    await orgAdmin.page.getByRole("cell", { name: "imran.qureshi@hartlepool.example.org" }).waitFor();
    expect(await orgAdmin.page.getByText("There are no invitations waiting to be accepted.").count()).toBe(1);

    const coordinator = await newPage(browser(), server().url);
    await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
    await coordinator.page.goto("/p/cleveland/outbox");
    expect(await coordinator.page.getByRole("row").filter({ hasText: "imran.qureshi@hartlepool.example.org" }).textContent()).toContain("Sent");
    await Promise.all([orgAdmin.context.close(), invitee.context.close(), coordinator.context.close()]);
  });
});
