/**
 * The calendar: the demo loaded, and the date rules read, on the days that break naive date code —
 * the last and first day of each quarter (31 March / 1 April is also the financial year, 31 December
 * / 1 January the calendar year), a deadline day, the last day of grace and the day after, both
 * changes of the clocks at 00:30 and 01:30 UK time, 29 February 2028, and today. On each: the day and
 * quarter the app works in, what the champion's returns page says about last quarter (due when,
 * locked or not), which return reminder the job sends to a champion who has not sent theirs, and
 * that the demo still tells its whole story. The expected values are worked out by hand from
 * the demo's settings (due 30 days after the quarter, locked 30 days after that).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Transaction } from "kysely";
import type { Database } from "../../db/types";
import { DEMO_PASSWORD } from "../../db/seed/accounts";
import { seedDemo, type DemoStep } from "../../db/seed/demo";
import { installDatabases } from "~/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { completenessQuarter } from "~/modules/dashboards/county.server";
import { parseFilters } from "~/modules/dashboards/filters";
import { runReminders } from "~/modules/notify/reminders.server";
import { APP_DEMO_STEPS } from "~/modules/platform/app-demo-steps.server";
import { clockReading, setClock, today } from "~/modules/platform/clock.server";
import { ukInstant } from "~/modules/platform/dates";
import { expectedToReport } from "~/modules/pledge/status.server";
import { previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { reportingSettings } from "~/modules/returns/form-page.server";
import { organisationQuarters } from "~/modules/returns/overview.server";
import { countsForFigures } from "~/modules/returns/status";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { createTestDatabase, dropTestDatabase, type TestDatabase } from "../helpers/database";
import { demoStoryProblems } from "../helpers/demo-story";
import { organisationId, partnershipId } from "../helpers/fixtures";
import { startAppServer } from "../helpers/app-server";
import { Client } from "../helpers/http-client";
import { codeFor } from "../helpers/two-factor";

type Reminder = "due-in-7-days" | "due-today" | "overdue" | null;
interface Day {
  /** UK wall-clock time (a time the clocks skip is read as the hour after), or an instant in UTC. */
  uk?: string;
  utc?: string;
  why: string;
  today: string;
  current: string;
  last: { quarter: string; dueOn: string; locked: boolean };
  reminder: Reminder;
}

const DAYS: Day[] = [
  {
    uk: "2026-12-31 12:00",
    why: "the last day of a quarter and of the calendar year",
    today: "2026-12-31",
    current: "2026Q3",
    last: { quarter: "2026Q2", dueOn: "2026-10-30", locked: true },
    reminder: null,
  },
  {
    uk: "2027-01-01 00:30",
    why: "the first day of a quarter and of the calendar year",
    today: "2027-01-01",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: false },
    reminder: null,
  },
  {
    uk: "2027-01-23 09:00",
    why: "a week before a deadline",
    today: "2027-01-23",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: false },
    reminder: "due-in-7-days",
  },
  {
    uk: "2027-01-30 23:30",
    why: "a deadline day, late in the evening",
    today: "2027-01-30",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: false },
    reminder: "due-today",
  },
  {
    uk: "2027-01-31 00:30",
    why: "the day after a deadline",
    today: "2027-01-31",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: false },
    reminder: "overdue",
  },
  {
    uk: "2027-03-01 12:00",
    why: "the last day of grace",
    today: "2027-03-01",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: false },
    reminder: "overdue",
  },
  {
    uk: "2027-03-02 00:30",
    why: "the day after grace ends",
    today: "2027-03-02",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: true },
    reminder: null,
  },
  {
    uk: "2027-03-28 00:30",
    why: "the clocks go forward: 00:30 GMT",
    today: "2027-03-28",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: true },
    reminder: null,
  },
  {
    uk: "2027-03-28 01:30",
    why: "the clocks go forward: 01:30 does not happen (02:30 BST)",
    today: "2027-03-28",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: true },
    reminder: null,
  },
  {
    uk: "2027-03-31 23:30",
    why: "the last evening of the financial year, in BST",
    today: "2027-03-31",
    current: "2026Q4",
    last: { quarter: "2026Q3", dueOn: "2027-01-30", locked: true },
    reminder: null,
  },
  {
    uk: "2027-04-01 00:30",
    why: "the first day of the financial year, in BST (still 31 March in UTC)",
    today: "2027-04-01",
    current: "2027Q1",
    last: { quarter: "2026Q4", dueOn: "2027-04-30", locked: false },
    reminder: null,
  },
  {
    uk: "2027-06-30 12:00",
    why: "the last day of the first quarter",
    today: "2027-06-30",
    current: "2027Q1",
    last: { quarter: "2026Q4", dueOn: "2027-04-30", locked: true },
    reminder: null,
  },
  {
    uk: "2027-07-01 00:30",
    why: "the first day of the second quarter (still 30 June in UTC)",
    today: "2027-07-01",
    current: "2027Q2",
    last: { quarter: "2027Q1", dueOn: "2027-07-30", locked: false },
    reminder: null,
  },
  {
    uk: "2027-09-30 23:30",
    why: "the last evening of the second quarter",
    today: "2027-09-30",
    current: "2027Q2",
    last: { quarter: "2027Q1", dueOn: "2027-07-30", locked: true },
    reminder: null,
  },
  {
    uk: "2027-10-01 00:30",
    why: "the first day of the third quarter (still 30 September in UTC)",
    today: "2027-10-01",
    current: "2027Q3",
    last: { quarter: "2027Q2", dueOn: "2027-10-30", locked: false },
    reminder: null,
  },
  {
    uk: "2027-10-31 00:30",
    why: "the clocks go back: 00:30 BST, the day after a deadline (still its deadline day in UTC)",
    today: "2027-10-31",
    current: "2027Q3",
    last: { quarter: "2027Q2", dueOn: "2027-10-30", locked: false },
    reminder: "overdue",
  },
  {
    uk: "2027-10-31 01:30",
    why: "the clocks go back: the first 01:30, in BST",
    today: "2027-10-31",
    current: "2027Q3",
    last: { quarter: "2027Q2", dueOn: "2027-10-30", locked: false },
    reminder: "overdue",
  },
  {
    utc: "2027-10-31T01:30:00Z",
    why: "the clocks go back: the second 01:30, in GMT",
    today: "2027-10-31",
    current: "2027Q3",
    last: { quarter: "2027Q2", dueOn: "2027-10-30", locked: false },
    reminder: "overdue",
  },
  {
    uk: "2028-01-01 00:30",
    why: "the first day of a quarter in a leap year",
    today: "2028-01-01",
    current: "2027Q4",
    last: { quarter: "2027Q3", dueOn: "2028-01-30", locked: false },
    reminder: null,
  },
  {
    uk: "2028-02-29 12:00",
    why: "29 February: the last day of grace in a leap year",
    today: "2028-02-29",
    current: "2027Q4",
    last: { quarter: "2027Q3", dueOn: "2028-01-30", locked: false },
    reminder: "overdue",
  },
  {
    uk: "2028-03-01 00:30",
    why: "the day after grace ends in a leap year",
    today: "2028-03-01",
    current: "2027Q4",
    last: { quarter: "2027Q3", dueOn: "2028-01-30", locked: true },
    reminder: null,
  },
];

const instantOf = (day: Pick<Day, "uk" | "utc">) => (day.utc ? new Date(day.utc) : ukInstant(day.uk!.slice(0, 10), day.uk!.slice(11)));

/** A champion at every Cleveland organisation expected to report last quarter that has not (yet), so reminders have someone to go to. */
const CHAMPION = "calendar.champion@example.org";
const championOfUnsent: DemoStep = async (tx: Transaction<Database>, ctx) => {
  if (ctx.partnership.slug !== "cleveland") return;
  const last = previousQuarter(quarterOf(ctx.today));
  const expected = await expectedToReport(tx, { partnershipId: ctx.partnershipId, quarter: last });
  const returns = await tx
    .selectFrom("quarterly_returns")
    .select(["organisation_id", "status"])
    .where("partnership_id", "=", ctx.partnershipId)
    .where("quarter", "=", last.key)
    .execute();
  const counted = new Set(returns.filter((r) => countsForFigures(r.status)).map((r) => r.organisation_id));
  const unsent = expected.filter((id) => !counted.has(id));
  if (unsent.length === 0) throw new Error(`Every Cleveland organisation has sent its ${last.key} return: nobody to remind`);
  const { id: userId } = await tx.insertInto("users").values({ email: CHAMPION, name: "Calendar Champion" }).returning("id").executeTakeFirstOrThrow();
  await tx
    .insertInto("organisation_members")
    .values(unsent.map((organisation_id) => ({ partnership_id: ctx.partnershipId, organisation_id, user_id: userId, role: "champion" as const })))
    .execute();
};

let passwordHash = "";
beforeAll(async () => {
  passwordHash = await hashPassword(DEMO_PASSWORD);
});
afterEach(() => setClock(null));

/** A database with the demo loaded at `at`, installed for the module code under test. */
async function demoLoadedAt(at: Date | null): Promise<TestDatabase> {
  const db = await createTestDatabase("empty");
  installDatabases(db.handles);
  if (at) setClock(at);
  await seedDemo(db.handles.owner, { hashPassword: async () => passwordHash, ...clockReading(), steps: [...APP_DEMO_STEPS, championOfUnsent] });
  return db;
}

async function whatTheChampionSees(db: TestDatabase) {
  const owner = db.handles.owner;
  const cleveland = await partnershipId(owner, "cleveland");
  const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
  const partnership = await owner.selectFrom("partnerships").select(["deadline_days", "grace_days"]).where("id", "=", cleveland).executeTakeFirstOrThrow();
  const rows = await withPartnership(cleveland, null, (tx) =>
    organisationQuarters(tx, { partnershipId: cleveland, organisationId: hartlepool, settings: reportingSettings(partnership), today: today(), count: 1 }),
  );
  await runReminders({ today: today(), origin: "https://gt.example.org" });
  const sent = await owner.selectFrom("outbox_messages").select("kind").where("to_address", "=", CHAMPION).execute();
  const reminders = [...new Set(sent.map((m) => m.kind.replace("reminder:return-", "")))];
  return { rows, reminders };
}

describe("the calendar", () => {
  for (const day of DAYS) {
    it(`${day.uk ?? day.utc}: ${day.why}`, async () => {
      const db = await demoLoadedAt(instantOf(day));
      try {
        expect(today()).toBe(day.today);
        expect(quarterOf(today()).key).toBe(day.current);
        expect(completenessQuarter(parseFilters(new URLSearchParams(), today()).filters, today()).key).toBe(day.last.quarter);

        const { rows, reminders } = await whatTheChampionSees(db);
        expect(rows.map((r) => ({ quarter: r.quarter, ended: r.ended, locked: r.locked }))[0]).toEqual({ quarter: day.current, ended: false, locked: false });
        expect({ quarter: rows[1].quarter, dueOn: rows[1].dueOn, locked: rows[1].locked }).toEqual(day.last);
        expect(reminders).toEqual(day.reminder ? [day.reminder] : []);
        expect(await demoStoryProblems(db.handles.owner, clockReading())).toEqual([]);
      } finally {
        await dropTestDatabase(db);
      }
    });
  }

  it("today: the demo tells the whole story, and last quarter is the one the champion is asked about", async () => {
    const db = await demoLoadedAt(null);
    try {
      const { rows } = await whatTheChampionSees(db);
      expect(rows.map((r) => r.quarter)).toEqual([quarterOf(today()).key, previousQuarter(quarterOf(today())).key]);
      expect(await demoStoryProblems(db.handles.owner, clockReading())).toEqual([]);
    } finally {
      await dropTestDatabase(db);
    }
  });
});

describe("the app under GT_CLOCK", () => {
  it("shows a champion the day's quarters and a coordinator the day's code, at 00:30 BST on 31 October 2027", { timeout: 60_000 }, async () => {
    const at = ukInstant("2027-10-31", "00:30");
    const db = await demoLoadedAt(at);
    const server = await startAppServer({ db, env: { GT_CLOCK: at.toISOString() } });
    try {
      const champion = new Client(server.url);
      await champion.signIn("champion@cleveland.demo.test");
      const hartlepool = await organisationId(db.handles.owner, "cleveland", "Hartlepool Borough Council");
      const page = await (await champion.get(`/p/cleveland/orgs/${hartlepool}/returns`)).text();
      const rows = [...page.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
        m[1]
          .replace(/<[^>]+>/g, " ")
          .replace(/\s+/g, " ")
          .trim(),
      );
      expect(rows[1]).toMatch(/^2027\/28 Q3 30 January 2028 Draft/);
      expect(rows[2]).toMatch(/^2027\/28 Q2 30 October 2027 Submitted On time$/);

      // The code page shows the code of the app's clock, and signing in with it works.
      const coordinator = new Client(server.url);
      const login = await coordinator.post("/login", { email: "coordinator@cleveland.demo.test", password: DEMO_PASSWORD });
      expect(login.headers.get("Location")).toBe("/login/code");
      const shown = /Its code now is <strong[^>]*>(\d{6})<\/strong>/.exec(await (await coordinator.get("/login/code")).text())?.[1];
      // This process's clock is stopped at `at`; the app's has run on from it for a few seconds.
      expect([0, 1].map((steps) => codeFor(undefined, steps))).toContain(shown);
      expect((await coordinator.post("/login/code", { code: shown! })).status).toBe(302);
    } finally {
      await server.stop();
      await dropTestDatabase(db);
    }
  });
});
