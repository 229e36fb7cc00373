/**
 * `npm run jobs:reminders` for pledges and champions: run twice on the same day it sends nothing
 * new; each reminder goes once to each of the organisation's admins, through the outbox and over
 * a real (loopback) SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REMINDER_RULES, runReminders as runAll } from "~/modules/notify/reminders.server";
import { PLEDGE_REMINDER_RULES } from "~/modules/pledge/reminders.server";
import { addDays } from "~/modules/reporting/periods";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";
import { startSmtpServer } from "../helpers/smtp";
import { today } from "~/modules/platform/clock.server";
import { reloadConfig } from "~/modules/platform/config.server";

const db = useTestDatabase("demo");
const ORIGIN = "https://golden-thread.example.org";
/** The job with only the pledge's rules, so other capabilities' reminders do not mix in. */
const runReminders = (options: { today: string; origin: string }) => runAll({ ...options, rules: PLEDGE_REMINDER_RULES });

async function hartlepool() {
  const owner = db().handles.owner;
  const cleveland = await partnershipId(owner, "cleveland");
  const council = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
  const signature = await owner
    .selectFrom("pledge_signatures")
    .select(["id", "expires_on"])
    .where("organisation_id", "=", council)
    .orderBy("signed_on", "desc")
    .executeTakeFirstOrThrow();
  const accreditation = await owner.selectFrom("champions").select(["id", "accreditation_expires_on"]).where("name", "=", "Amira Collins").executeTakeFirstOrThrow();
  return { owner, cleveland, council, signature, accreditation };
}

async function sentTo(email: string) {
  const rows = await db()
    .handles.owner.selectFrom("outbox_messages")
    .select(["kind", "dedupe_key", "subject", "body_text", "status"])
    .where("to_address", "=", email)
    .where("kind", "like", "reminder:%")
    .orderBy("created_at")
    .execute();
  return rows;
}

describe("pledge and champion reminders, kept in the outbox", () => {
  beforeAll(() => {
    delete process.env.SMTP_URL;
    reloadConfig();
  });

  it("are part of npm run jobs:reminders", () => {
    expect(REMINDER_RULES).toEqual(expect.arrayContaining(PLEDGE_REMINDER_RULES));
  });

  it("reminds the admin of an accreditation expiring within 60 days, once however often the job runs", async () => {
    const { accreditation } = await hartlepool();
    const day = addDays(accreditation.accreditation_expires_on!, -50);
    await runReminders({ today: day, origin: ORIGIN });
    await runReminders({ today: day, origin: ORIGIN });
    const messages = await sentTo("orgadmin@cleveland.demo.test");
    expect(messages.map((m) => m.kind)).toEqual(["reminder:accreditation"]);
    expect(messages[0].body_text).toContain("Amira Collins's RJC accreditation expires on");
    expect(messages[0].status).toBe("kept");
  });

  it("sends renewal reminders two months and two weeks before the lapse, then a lapse notice, each once", async () => {
    const { signature, council } = await hartlepool();
    const until = signature.expires_on;
    for (const day of [addDays(until, -40), addDays(until, -39), addDays(until, -5), addDays(until, -4), addDays(until, 1), addDays(until, 2)]) {
      await runReminders({ today: day, origin: ORIGIN });
      await runReminders({ today: day, origin: ORIGIN });
    }
    const renewals = (await sentTo("orgadmin@cleveland.demo.test")).filter((m) => m.kind !== "reminder:accreditation");
    expect(renewals.map((m) => m.kind)).toEqual(["reminder:renewal", "reminder:renewal", "reminder:lapsed"]);
    expect(renewals.map((m) => m.subject)).toEqual([
      "Hartlepool Borough Council's restorative pledge is due for renewal",
      "Two weeks left to renew Hartlepool Borough Council's restorative pledge",
      "Hartlepool Borough Council's restorative pledge has lapsed",
    ]);
    expect(renewals[0].body_text).toContain(`${ORIGIN}/p/cleveland/orgs/${council}`);
    // Nobody else is written to about Hartlepool: the champion is not an admin.
    expect(await sentTo("champion@cleveland.demo.test")).toEqual([]);
  });

  it("tells an organisation's admins once that its last champion has left, and again only after the next one leaves", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const yjs = await organisationId(owner, "cleveland", "Hartlepool Youth Justice Service");
    const admin = await userId(owner, "orgadmin@cleveland.demo.test");
    await owner.insertInto("organisation_members").values({ partnership_id: cleveland, organisation_id: yjs, user_id: admin, role: "org_admin" }).execute();
    await runReminders({ today: today(), origin: ORIGIN });
    await runReminders({ today: today(), origin: ORIGIN });
    const vacancies = (await sentTo("orgadmin@cleveland.demo.test")).filter((m) => m.kind === "reminder:vacancy");
    expect(vacancies.map((m) => m.subject)).toEqual(["Hartlepool Youth Justice Service has no RJ champion"]);
  });
});

describe("pledge reminders over SMTP", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    reloadConfig();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    reloadConfig();
    await smtp.close();
  });

  it("delivers each new reminder once to a real mail server, however often the job runs", async () => {
    // The Isle of Wight Council is in its renewal window and has never named a champion; give it an admin.
    const owner = db().handles.owner;
    const hampshire = await partnershipId(owner, "hampshire");
    const iow = await organisationId(owner, "hampshire", "Isle of Wight Council");
    const admin = await userId(owner, "board@hampshire.demo.test");
    await owner.insertInto("organisation_members").values({ partnership_id: hampshire, organisation_id: iow, user_id: admin, role: "org_admin" }).execute();
    const first = await runReminders({ today: today(), origin: ORIGIN });
    const second = await runReminders({ today: today(), origin: ORIGIN });
    expect(first["pledge and champions"]).toBeGreaterThanOrEqual(2);
    expect(second["pledge and champions"]).toBe(0);
    const toAdmin = smtp.received.filter((m) => m.to.includes("board@hampshire.demo.test"));
    expect(toAdmin.map((m) => /Subject: (.*)/.exec(m.raw)?.[1]).sort()).toEqual([
      "Isle of Wight Council has no RJ champion",
      "Isle of Wight Council's restorative pledge is due for renewal",
    ]);
    const statuses = await owner.selectFrom("outbox_messages").select("status").where("to_address", "=", "board@hampshire.demo.test").execute();
    expect(statuses.map((s) => s.status)).toEqual(["sent", "sent"]);
  });
});

describe("pledge reminders to an organisation with no account yet", () => {
  it("reach it through its contact email, once", async () => {
    delete process.env.SMTP_URL;
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const { id } = await owner
      .insertInto("organisations")
      .values({ partnership_id: cleveland, name: "Billingham Bowls Club", sector: "voluntary_community", contact_name: "Tom Hale", contact_email: "tom@billingham.example.org" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const version = await owner.selectFrom("pledge_versions").select("id").where("partnership_id", "=", cleveland).where("state", "=", "published").executeTakeFirstOrThrow();
    const signed = await owner
      .insertInto("pledge_signatures")
      .values({
        partnership_id: cleveland,
        organisation_id: id,
        pledge_version_id: version.id,
        signed_on: addDays(today(), -200),
        signatory_name: "Tom Hale",
        signatory_title: "Secretary",
        activity: "{}",
      })
      .returning("expires_on")
      .executeTakeFirstOrThrow();
    const day = addDays(signed.expires_on, -10);
    await runReminders({ today: day, origin: ORIGIN });
    await runReminders({ today: day, origin: ORIGIN });
    const renewals = (await sentTo("tom@billingham.example.org")).filter((m) => m.kind === "reminder:renewal");
    expect(renewals).toHaveLength(1);
    expect(renewals[0].body_text).toContain(`${ORIGIN}/p/cleveland/orgs/${id}`);
  });
});
