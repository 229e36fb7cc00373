/**
 * Access that follows the role (issue 21), over HTTP as each person would use it:
 *   - an organisation administrator keeps their organisation's name and website, and cannot
 *     change how the partnership classifies it;
 *   - without a mail server they can read (only) their own organisation's invitation emails;
 *   - a board member limited to one borough reads the plan and reviews of that borough only (ADR 0022).
 */
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { boroughId, organisationId, partnershipId, planOf, reviewOf } from "../helpers/fixtures";
import { Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
const owner = () => server().db.handles.owner;
const data = (path: string, route: string) => `${path}${path.includes("?") ? "&" : "?"}_data=${encodeURIComponent(route)}`;

let hartlepool = "";
let orgAdmin: Client;

beforeAll(async () => {
  hartlepool = await organisationId(owner(), "cleveland", "Hartlepool Borough Council");
  orgAdmin = new Client(server().url);
  await orgAdmin.signIn("orgadmin@cleveland.demo.test");
});

describe("an organisation administrator", () => {
  it("changes the organisation's name and website, but not its sector, borough or statutory status", async () => {
    const before = await owner().selectFrom("organisations").selectAll().where("id", "=", hartlepool).executeTakeFirstOrThrow();
    const page = await orgAdmin.get(`/p/cleveland/orgs/${hartlepool}/edit`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="website"');
    expect(html).not.toContain('name="sector"');

    const saved = await orgAdmin.post(`/p/cleveland/orgs/${hartlepool}/edit`, {
      intent: "save",
      name: "Hartlepool Borough Council",
      website: "https://www.hartlepool.gov.uk/restorative",
      sector: "business",
      boroughId: "county-wide",
      isStatutory: "",
    });
    expect(saved.status).toBe(302);
    const after = await owner().selectFrom("organisations").selectAll().where("id", "=", hartlepool).executeTakeFirstOrThrow();
    expect(after.website).toBe("https://www.hartlepool.gov.uk/restorative");
    expect({ sector: after.sector, borough: after.borough_id, statutory: after.is_statutory }).toEqual({
      sector: before.sector,
      borough: before.borough_id,
      statutory: before.is_statutory,
    });

    expect((await orgAdmin.post(`/p/cleveland/orgs/${hartlepool}/edit`, { intent: "leave", reason: "Merged" })).status).toBe(403);
    const other = await organisationId(owner(), "cleveland", "Middlesbrough Council");
    expect((await orgAdmin.get(`/p/cleveland/orgs/${other}/edit`)).status).toBe(403);
  });

  it("reads and passes on the invitations of their own organisation kept in the outbox, and no other email", async () => {
    const invited = await orgAdmin.post(`/p/cleveland/orgs/${hartlepool}/people/invite`, { name: "Nia Holt", email: "nia.holt@example.org", role: "champion" });
    expect(invited.status).toBe(302);

    const list = await (await orgAdmin.get(`/p/cleveland/orgs/${hartlepool}/outbox`)).text();
    expect(list).toContain("nia.holt@example.org");
    expect(list).not.toContain("tom.hughes@middlesbrough.demo.test");
    const message = await owner().selectFrom("outbox_messages").select("id").where("to_address", "=", "nia.holt@example.org").executeTakeFirstOrThrow();
    const opened = await orgAdmin.get(`/p/cleveland/orgs/${hartlepool}/outbox/${message.id}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toMatch(/\/invitations\/[\w-]+/);

    const elsewhere = await owner().selectFrom("outbox_messages").select("id").where("to_address", "=", "tom.hughes@middlesbrough.demo.test").executeTakeFirstOrThrow();
    expect((await orgAdmin.get(`/p/cleveland/orgs/${hartlepool}/outbox/${elsewhere.id}`)).status).toBe(404);
    expect((await orgAdmin.get("/p/cleveland/outbox")).status).toBe(403);
  });
});

describe("a board member limited to one borough", () => {
  let boroughBoard: Client;
  let wholeBoard: Client;
  let plan = "";
  let inHartlepool = new Set<string>();
  let elsewhere: string[] = [];

  beforeAll(async () => {
    const cleveland = await partnershipId(owner(), "cleveland");
    const borough = await boroughId(owner(), "cleveland");
    const { name } = await owner().selectFrom("boroughs").select("name").where("id", "=", borough).executeTakeFirstOrThrow();
    expect(name).toBe("Hartlepool");
    const demo = await owner().selectFrom("users").select("password_hash").where("email", "=", "board@cleveland.demo.test").executeTakeFirstOrThrow();
    const user = await owner()
      .insertInto("users")
      .values({ email: "board.hartlepool@example.org", name: "Hartlepool Board Member", password_hash: demo.password_hash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await owner().insertInto("partnership_members").values({ partnership_id: cleveland, user_id: user.id, role: "board", borough_id: borough }).execute();
    boroughBoard = new Client(server().url);
    await boroughBoard.signIn("board.hartlepool@example.org");
    wholeBoard = new Client(server().url);
    await wholeBoard.signIn("board@cleveland.demo.test");

    // This year's actions by the one rule: scoped to Hartlepool, or partnership-wide and led by a Hartlepool organisation.
    plan = await planOf(owner(), "cleveland");
    const { rows } = await sql<{ id: string; mine: boolean }>`
      select a.id,
             exists (select 1 from plan_action_boroughs b where b.partnership_id = a.partnership_id and b.action_id = a.id and b.borough_id = ${borough})
             or (not exists (select 1 from plan_action_boroughs b where b.partnership_id = a.partnership_id and b.action_id = a.id)
                 and exists (select 1 from organisations o where o.partnership_id = a.partnership_id and o.id = a.lead_organisation_id and o.borough_id = ${borough})) as mine
      from plan_actions a where a.partnership_id = ${cleveland} and a.plan_id = ${plan}`.execute(owner());
    inHartlepool = new Set(rows.filter((r) => r.mine).map((r) => r.id));
    elsewhere = rows.filter((r) => !r.mine).map((r) => r.id);
    expect(inHartlepool.size).toBeGreaterThan(0);
    expect(elsewhere.length).toBeGreaterThan(0);
  });

  type PlanPage = { plan: { actions: number }; themes: Array<{ total: number; actions: Array<{ id: string }> }> };
  const planActions = async (client: Client) => {
    const response = await client.get(data(`/p/cleveland/plans/${plan}`, "routes/p.$slug.plans.$plan._index"));
    expect(response.status).toBe(200);
    const page = (await response.json()) as PlanPage;
    return { count: page.plan.actions, ids: new Set(page.themes.flatMap((t) => t.actions.map((a) => a.id))) };
  };

  it("sees the plan's actions in their borough, counted as their borough's, and cannot open the others", async () => {
    const mine = await planActions(boroughBoard);
    expect(mine.ids).toEqual(inHartlepool);
    expect(mine.count).toBe(inHartlepool.size);
    expect((await planActions(wholeBoard)).ids.size).toBe(inHartlepool.size + elsewhere.length);

    expect((await boroughBoard.get(`/p/cleveland/plans/${plan}/actions/${elsewhere[0]}`)).status).toBe(403);
    expect((await boroughBoard.get(`/p/cleveland/plans/${plan}/actions/${[...inHartlepool][0]}`)).status).toBe(200);
    const csv = await (await boroughBoard.get(`/p/cleveland/plans/${plan}/actions.csv`)).text();
    const references = await owner().selectFrom("plan_actions").select(["id", "reference"]).where("plan_id", "=", plan).execute();
    const rows = csv.trim().split("\r\n").slice(1);
    expect(rows.length).toBe(inHartlepool.size);
    for (const r of references.filter((r) => !inHartlepool.has(r.id))) expect(rows.some((line) => line.startsWith(`${r.reference},`))).toBe(false);
  });

  it("reads a review with their borough's actions and figures only, on the page and in the spreadsheet", async () => {
    const review = await reviewOf(owner(), "cleveland");
    const response = await boroughBoard.get(data(`/p/cleveland/plans/reviews/${review}`, "routes/p.$slug.plans.reviews.$review._index"));
    expect(response.status).toBe(200);
    type Snapshot = {
      actions: Array<{ boroughs: string[] }>;
      figures: { adoption: { byBorough: Array<{ borough: string }>; bySector: unknown[] }; activity: { totals: unknown[] } };
    };
    const { review: shown } = (await response.json()) as { review: { snapshot: Snapshot } };
    expect(shown.snapshot.figures.adoption.byBorough.map((b) => b.borough)).toEqual(["Hartlepool"]);
    expect(shown.snapshot.figures.adoption.bySector).toEqual([]);
    expect(shown.snapshot.figures.activity.totals).toEqual([]);
    expect(shown.snapshot.actions.every((a) => a.boroughs.length === 0 || a.boroughs.includes("Hartlepool"))).toBe(true);

    const whole = (await (await wholeBoard.get(data(`/p/cleveland/plans/reviews/${review}`, "routes/p.$slug.plans.reviews.$review._index"))).json()) as {
      review: { snapshot: Snapshot };
    };
    expect(whole.review.snapshot.figures.adoption.byBorough.length).toBeGreaterThan(1);
    expect(shown.snapshot.actions.length).toBeLessThan(whole.review.snapshot.actions.length);

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await (await boroughBoard.get(`/p/cleveland/plans/reviews/${review}.xlsx`)).arrayBuffer());
    const cells: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value)))));
    expect(cells).toContain("Hartlepool");
    // No other borough's row (a supporting organisation from elsewhere may be named on a Hartlepool action).
    expect(cells.filter((c) => ["Middlesbrough", "Stockton-on-Tees", "Redcar and Cleveland"].includes(c))).toEqual([]);
  });
});
