/**
 * "Invite every organisation without an administrator" over HTTP, as a coordinator runs it on a
 * partnership's first day: 300 organisations from one upload, each invited once to its contact,
 * a second run sending nobody new, sending again reaching those who have not accepted, and the
 * organisations without a contact email named in the summary.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { partnershipId } from "../helpers/fixtures";
import { signedIn, type Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
let coordinator: Client;
let cleveland = "";
const COUNT = 300;
const name = (i: number) => `First Day Partner ${String(i).padStart(3, "0")}`;
const email = (i: number) => `contact${i}@partner${i}.example.org`;

const pageText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

beforeAll(async () => {
  cleveland = await partnershipId(server().db.handles.owner, "cleveland");
  coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
  const rows = ["name,sector,contact_name,contact_email"];
  for (let i = 1; i <= COUNT; i++) rows.push(`${name(i)},Business,Contact ${i},${email(i)}`);
  rows.push("No Contact Alpha,Faith,,", "No Contact Beta,Faith,,");
  const form = new FormData();
  form.append("file", new Blob([rows.join("\n")]), "first-day.csv");
  const uploaded = await coordinator.post("/p/cleveland/orgs/import", form);
  expect(uploaded.status).toBe(302);
});

/** Posts the form the page offers and follows the job until its summary shows, as the page's refresh does. */
async function run(intent: "invite" | "resend", jobId = crypto.randomUUID()) {
  const posted = await coordinator.post("/p/cleveland/orgs/invite", {
    jobId,
    intent,
  });
  expect(posted.status).toBe(302);
  const location = posted.headers.get("Location")!;
  for (let i = 0; i < 600; i++) {
    const html = await (await coordinator.get(location)).text();
    if (!html.includes('http-equiv="refresh"')) return { location, text: pageText(html) };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the invitations never finished");
}

const invitationsTo = async (address: string) =>
  server()
    .db.handles.owner.selectFrom("outbox_messages")
    .select(["body_text", "kind"])
    .where("partnership_id", "=", cleveland)
    .where("to_address", "=", address)
    .where("kind", "=", "invitation")
    .execute();

const pendingInvitations = async () =>
  Number(
    (
      await server()
        .db.handles.owner.selectFrom("invitations as i")
        .innerJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "i.partnership_id").onRef("o.id", "=", "i.organisation_id"))
        .select((eb) => eb.fn.countAll().as("n"))
        .where("i.partnership_id", "=", cleveland)
        .where("o.name", "like", "First Day Partner %")
        .where("i.role", "=", "org_admin")
        .where("i.accepted_at", "is", null)
        .where("i.cancelled_at", "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("inviting every organisation without an administrator", () => {
  it("invites each of 300 organisations once, to its contact, with a working link, and names those without a contact", async () => {
    const jobId = crypto.randomUUID();
    // A double click: the same form posted twice is one job.
    const first = coordinator.post("/p/cleveland/orgs/invite", {
      jobId,
      intent: "invite",
    });
    const done = await run("invite", jobId);
    expect((await first).headers.get("Location")).toBe(done.location);
    expect(done.text).toMatch(/Invited 300; \d+ have no contact email; 0 failed/);
    expect(done.text).toContain("No Contact Alpha");
    expect(done.text).toContain("No Contact Beta");
    for (const i of [1, 150, COUNT]) {
      const messages = await invitationsTo(email(i));
      expect(messages).toHaveLength(1);
      expect(messages[0].body_text).toContain(`Dear Contact ${i},`);
      expect(messages[0].body_text).toContain(`Organisation administrator, ${name(i)}`);
      const link = messages[0].body_text.match(/(https?:\/\/\S+\/invitations\/\S+)/)![1];
      expect(new URL(link).origin).toBe(new URL(server().url).origin);
      expect((await fetch(link)).status).toBe(200);
    }
    expect(await pendingInvitations()).toBe(COUNT);
    const jobs = await server().db.handles.owner.selectFrom("import_jobs").select("id").where("partnership_id", "=", cleveland).where("kind", "=", "invite-all").execute();
    expect(jobs).toHaveLength(1);
  });

  it("invites nobody new when run again, and sends again to those who have not accepted when asked", async () => {
    const again = await run("invite");
    expect(again.text).toMatch(/Invited 0; \d+ have no contact email; 0 failed/);
    expect(again.text).toContain(`${COUNT} already had an invitation waiting`);
    expect(await invitationsTo(email(7))).toHaveLength(1);

    const resent = await run("resend");
    expect(resent.text).toMatch(/Invited 300; \d+ have no contact email; 0 failed/);
    expect(await invitationsTo(email(7))).toHaveLength(2);
    // The earlier link lapses: one pending invitation per organisation.
    expect(await pendingInvitations()).toBe(COUNT);
  });

  it("is for coordinators: a board member is refused", async () => {
    const board = await signedIn(server().url, "board@cleveland.demo.test");
    expect((await board.get("/p/cleveland/orgs/invite")).status).toBe(403);
  });
});
