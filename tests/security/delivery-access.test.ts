/**
 * The delivery plan's rules beyond the route matrix: an organisation updates only the actions it
 * leads and sees only those it leads or supports — in pages, posts and CSV downloads alike.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { auditCount, ledAction, organisationId, partnershipId, planOf } from "../helpers/fixtures";
import { signedIn, type Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
let champion: Client;
let plan = "";
let own = "";
let othersAction = "";
let unrelatedAction = "";

beforeAll(async () => {
  const owner = server().db.handles.owner;
  champion = await signedIn(server().url, "champion@cleveland.demo.test");
  plan = await planOf(owner, "cleveland");
  own = await ledAction(owner, "cleveland", "Hartlepool Borough Council");
  othersAction = await ledAction(owner, "cleveland", "Office of the Cleveland Police and Crime Commissioner");
  const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
  const supported = await owner.selectFrom("plan_action_supporters").select("action_id").where("organisation_id", "=", hartlepool).execute();
  if (!supported.some((s) => s.action_id === othersAction)) throw new Error("The demo's OPCC-led action should have Hartlepool Borough Council as a supporter");
  const unrelated = await owner
    .selectFrom("plan_actions")
    .select("id")
    .where("plan_id", "=", plan)
    .where("lead_organisation_id", "<>", hartlepool)
    .where(
      "id",
      "not in",
      supported.map((s) => s.action_id),
    )
    .executeTakeFirstOrThrow();
  unrelatedAction = unrelated.id;
});

const path = (action: string, rest = "") => `/p/cleveland/plans/${plan}/actions/${action}${rest}`;

describe("a champion", () => {
  it("may update the actions their organisation leads", async () => {
    const response = await champion.get(path(own, "/update"));
    expect(response.status).toBe(200);
  });

  it("may read, but not update, an action their organisation supports; and the post changes nothing", async () => {
    const owner = server().db.handles.owner;
    const before = await auditCount(owner, await partnershipId(owner, "cleveland"));
    expect((await champion.get(path(othersAction))).status).toBe(200);
    expect((await champion.get(path(othersAction, "/update"))).status).toBe(403);
    const post = await champion.post(path(othersAction, "/update"), { version: "1", quarter: "2026Q3", status: "complete", progress: "100", commentary: "Not ours" });
    expect(post.status).toBe(403);
    expect(await auditCount(owner, await partnershipId(owner, "cleveland"))).toBe(before);
  });

  it("cannot open an action their organisation neither leads nor supports", async () => {
    expect((await champion.get(path(unrelatedAction))).status).toBe(403);
  });

  it("downloads only the actions their organisation leads or supports", async () => {
    const csv = await (await champion.get(`/p/cleveland/plans/${plan}/actions.csv`)).text();
    const owner = server().db.handles.owner;
    const unrelated = await owner.selectFrom("plan_actions").select("title").where("id", "=", unrelatedAction).executeTakeFirstOrThrow();
    const mine = await owner.selectFrom("plan_actions").select("title").where("id", "=", own).executeTakeFirstOrThrow();
    expect(csv).toContain(mine.title);
    expect(csv).not.toContain(unrelated.title);
  });
});

describe("a refused upload", () => {
  it("leaves the connection usable for the next request, though its body was never read", async () => {
    const upload = await champion.post(`/p/cleveland/plans/${plan}/upload`, new URLSearchParams({ intent: "upload-actions", file: "x".repeat(1_500_000) }));
    expect(upload.status).toBe(403);
    await upload.arrayBuffer();
    expect((await champion.get("/healthz")).status).toBe(200);
  });
});
