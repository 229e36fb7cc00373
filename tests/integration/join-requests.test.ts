/**
 * "Ask to join" over HTTP: offered only where a partnership opened it; a request reaches the
 * coordinator and nobody else; approving creates the organisation as a prospect and invites its
 * contact; declining tells the contact why; a honeypot and per-address limit bound abuse.
 */
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { Client, signedIn } from "../helpers/http-client";

const server = useAppServer({ template: "demo", env: { TRUST_PROXY: "1" } });
const owner = () => server().db.handles.owner;
let address = 0;
const from = () => ({ "X-Forwarded-For": `203.0.113.${100 + ++address}` });

const request = (name: string, extra: Record<string, string> = {}) => ({
  organisationName: name,
  sector: "voluntary_community",
  boroughId: "county-wide",
  contactName: "Sam Okafor",
  contactEmail: `sam+${name.replace(/\W+/g, "").toLowerCase()}@example.org`,
  message: "We would like to sign.",
  ...extra,
});

describe("asking to join", () => {
  it("is offered only where the partnership has opened it", async () => {
    const visitor = new Client(server().url);
    expect(await (await visitor.get("/public/cleveland")).text()).toContain("Ask to join");
    expect(await (await visitor.get("/public/hampshire")).text()).not.toContain("Ask to join");
    expect((await visitor.get("/public/hampshire/join")).status).toBe(404);
    expect((await visitor.post("/public/hampshire/join", request("Winchester Mediation"), from())).status).toBe(404);
  });

  it("reaches the coordinator only, and approving creates a prospect and invites its contact", async () => {
    const visitor = new Client(server().url);
    const sent = await visitor.post("/public/cleveland/join", request("Tees Valley Tenants Forum"), from());
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe("/public/cleveland/join?sent=1");
    expect(await (await visitor.get("/public/cleveland")).text()).not.toContain("Tees Valley Tenants Forum");
    expect((await visitor.get("/p/cleveland/join-requests")).status).toBe(302);
    const board = await signedIn(server().url, "board@cleveland.demo.test");
    expect((await board.get("/p/cleveland/join-requests")).status).toBe(403);

    const coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
    expect(await (await coordinator.get("/p/cleveland/join-requests")).text()).toContain("Tees Valley Tenants Forum");
    const row = await owner().selectFrom("join_requests").select("id").where("organisation_name", "=", "Tees Valley Tenants Forum").executeTakeFirstOrThrow();
    const approved = await coordinator.post("/p/cleveland/join-requests", { intent: "approve", requestId: row.id });
    expect(approved.status).toBe(302);
    const organisation = await owner().selectFrom("organisations").select(["id", "sector", "borough_id"]).where("name", "=", "Tees Valley Tenants Forum").executeTakeFirstOrThrow();
    expect(organisation).toMatchObject({ sector: "voluntary_community", borough_id: null });
    const invitation = await owner()
      .selectFrom("invitations")
      .select(["role", "organisation_id"])
      .where("email", "=", "sam+teesvalleytenantsforum@example.org")
      .executeTakeFirstOrThrow();
    expect(invitation).toEqual({ role: "org_admin", organisation_id: organisation.id });
    const mail = await owner().selectFrom("outbox_messages").select("body_text").where("to_address", "=", "sam+teesvalleytenantsforum@example.org").executeTakeFirstOrThrow();
    expect(mail.body_text).toMatch(/\/invitations\/[a-z2-7]{32}/);
    // Decided once: a second approval changes nothing.
    expect((await coordinator.post("/p/cleveland/join-requests", { intent: "approve", requestId: row.id })).status).toBe(409);
  });

  it("declines with a reason the contact is told, and asks for the reason", async () => {
    const visitor = new Client(server().url);
    await visitor.post("/public/cleveland/join", request("Not Really A Charity"), from());
    const row = await owner().selectFrom("join_requests").select("id").where("organisation_name", "=", "Not Really A Charity").executeTakeFirstOrThrow();
    const coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
    expect((await coordinator.post("/p/cleveland/join-requests", { intent: "decline", requestId: row.id, reason: "" })).status).toBe(400);
    expect((await coordinator.post("/p/cleveland/join-requests", { intent: "decline", requestId: row.id, reason: "It works outside Cleveland." })).status).toBe(302);
    const mail = await owner().selectFrom("outbox_messages").select("body_text").where("to_address", "=", "sam+notreallyacharity@example.org").executeTakeFirstOrThrow();
    expect(mail.body_text).toContain("It works outside Cleveland.");
    expect(await owner().selectFrom("organisations").select("id").where("name", "=", "Not Really A Charity").execute()).toEqual([]);
  });

  it("drops a form that fills the hidden field, refuses bad input with a message, and limits each address", async () => {
    const visitor = new Client(server().url);
    const bot = await visitor.post("/public/cleveland/join", request("Cheap Pills Ltd", { homepage: "http://spam.example" }), from());
    expect(bot.headers.get("Location")).toBe("/public/cleveland/join?sent=1");
    expect(await owner().selectFrom("join_requests").select("id").where("organisation_name", "=", "Cheap Pills Ltd").execute()).toEqual([]);

    const bad = await visitor.post("/public/cleveland/join", request("Bad Email Trust", { contactEmail: "not-an-email" }), from());
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter an email address in the correct format");

    const one = from();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await visitor.post("/public/cleveland/join", request(`Repeat Sender ${i}`), one)).status);
    expect(statuses.slice(0, 5)).toEqual([302, 302, 302, 302, 302]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    expect(await owner().selectFrom("join_requests").select("id").where("organisation_name", "like", "Repeat Sender %").execute()).toHaveLength(5);
  });
});
