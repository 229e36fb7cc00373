/**
 * Return reminders in `npm run jobs:reminders`: due in 7 days, due today and overdue, to the
 * organisation's champions and admins, once each, and only while the return does not count.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runReminders } from "~/modules/notify/reminders.server";
import { addDays, dueDate, previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { returnReminderRule } from "~/modules/returns/reminders.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId } from "../helpers/fixtures";
import { reloadConfig } from "~/modules/platform/config.server";

const db = useTestDatabase("demo");
const quarter = previousQuarter(quarterOf(today()));
const due = dueDate(quarter, 30);
let hampshire = "";
let southampton = "";

beforeAll(async () => {
  delete process.env.SMTP_URL;
  reloadConfig();
  const owner = db().handles.owner;
  hampshire = await partnershipId(owner, "hampshire");
  southampton = await organisationId(owner, "hampshire", "Southampton Mediation Service");
  // Southampton Mediation Service signed before last quarter ended, and has not started its return.
  const version = await owner.selectFrom("pledge_versions").select("id").where("partnership_id", "=", hampshire).where("state", "=", "published").executeTakeFirstOrThrow();
  await owner
    .insertInto("pledge_signatures")
    .values({
      partnership_id: hampshire,
      organisation_id: southampton,
      pledge_version_id: version.id,
      signed_on: quarter.start,
      signatory_name: "Test Signatory",
      signatory_title: "Chair",
      activity: "{}",
    })
    .execute();
  await owner.deleteFrom("quarterly_returns").where("partnership_id", "=", hampshire).where("organisation_id", "=", southampton).where("quarter", "=", quarter.key).execute();
});

const run = (day: string) => runReminders({ today: day, origin: "https://gt.example.org", rules: [returnReminderRule] });
const messagesTo = (email: string) =>
  db()
    .handles.owner.selectFrom("outbox_messages")
    .select(["kind", "subject", "body_text"])
    .where("to_address", "=", email)
    .where("kind", "like", "reminder:return-%")
    .orderBy("created_at")
    .execute();

describe("return reminders", () => {
  it("remind a champion 7 days before, on the day and when overdue, once each, with a link to the return", async () => {
    await run(addDays(due, -8));
    expect(await messagesTo("champion@hampshire.demo.test")).toEqual([]);
    await run(addDays(due, -7));
    await run(addDays(due, -6));
    await run(due);
    await run(due);
    await run(addDays(due, 1));
    await run(addDays(due, 20));
    const messages = await messagesTo("champion@hampshire.demo.test");
    expect(messages.map((m) => m.kind)).toEqual(["reminder:return-due-in-7-days", "reminder:return-due-today", "reminder:return-overdue"]);
    expect(messages[0].subject).toBe(
      `Southampton Mediation Service: your ${quarter.label} return is due on ${new Date(`${due}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}`,
    );
    expect(messages[2].body_text).toContain(`https://gt.example.org/p/hampshire/orgs/${southampton}/returns/${quarter.key}`);
  });

  it("say nothing about a return that counts, or once the quarter has locked", async () => {
    // Hartlepool Borough Council's last return is submitted in the demo.
    await run(addDays(due, 2));
    expect((await messagesTo("champion@cleveland.demo.test")).filter((m) => m.subject.includes(quarter.label))).toEqual([]);
    const before = (await messagesTo("champion@hampshire.demo.test")).length;
    await run(addDays(due, 31));
    expect(await messagesTo("champion@hampshire.demo.test")).toHaveLength(before);
  });
});

describe("return reminders to an organisation with no account yet", () => {
  it("reach it through its contact email, once each", async () => {
    const owner = db().handles.owner;
    const { id } = await owner
      .insertInto("organisations")
      .values({ partnership_id: hampshire, name: "Eastleigh Tenants Forum", sector: "housing", contact_name: "Rosa Quinn", contact_email: "rosa@eastleigh.example.org" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const version = await owner.selectFrom("pledge_versions").select("id").where("partnership_id", "=", hampshire).where("state", "=", "published").executeTakeFirstOrThrow();
    await owner
      .insertInto("pledge_signatures")
      .values({
        partnership_id: hampshire,
        organisation_id: id,
        pledge_version_id: version.id,
        signed_on: quarter.start,
        signatory_name: "Rosa Quinn",
        signatory_title: "Chair",
        activity: "{}",
      })
      .execute();
    await run(due);
    await run(due);
    const messages = await messagesTo("rosa@eastleigh.example.org");
    expect(messages.map((m) => m.kind)).toEqual(["reminder:return-due-today"]);
    expect(messages[0].body_text).toContain(`https://gt.example.org/p/hampshire/orgs/${id}/returns/${quarter.key}`);
  });
});
