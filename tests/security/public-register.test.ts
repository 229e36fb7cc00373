/**
 * The public register needs no login, so tenant isolation there is the partnership's choice to
 * publish: an unpublished register does not exist (404, nothing of it in the answer), and a
 * published one shows current signatories and the published pledge only.
 */
import { announceEverythingChanged } from "~/modules/platform/partnership-changes.server";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { partnershipId } from "../helpers/fixtures";
import { Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });

describe("the public register", () => {
  it("shows current signatories with the date signed and the pledge text, and no prospect, lapsed or withdrawn organisation", async () => {
    const response = await new Client(server().url).get("/public/cleveland");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Register of signatories");
    expect(html).toContain("Hartlepool Borough Council");
    expect(html).toContain("The Cleveland Restorative Pledge");
    expect(html).toContain("Work with partners to join up local priorities");
    for (const hidden of ["Hartlepool Marina Traders", "Redcar and Cleveland Borough Council", "Guisborough Youth Forum", "Yarm Faith Network"])
      expect(html, hidden).not.toContain(hidden);
    // People are not published: no signatory or champion names.
    for (const name of ["Daniel Reeve", "Amira Collins", "Chief Executive"]) expect(html, name).not.toContain(name);
  });

  it("never shows a draft of the next pledge version", async () => {
    const owner = server().db.handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    await owner
      .insertInto("pledge_versions")
      .values({ partnership_id: cleveland, title: "Secret draft title", introduction: "Not yet agreed", commitments: JSON.stringify(["Draft commitment"]) })
      .execute();
    const html = await (await new Client(server().url).get("/public/cleveland")).text();
    expect(html).not.toContain("Secret draft title");
    expect(html).not.toContain("Draft commitment");
  });

  it("does not exist while the partnership has not published it: 404, with none of its data, for page and data requests", async () => {
    const owner = server().db.handles.owner;
    await owner.updateTable("partnerships").set({ publish_register: false }).where("slug", "=", "hampshire").execute();
    // Changed behind the app's back, as an operator would: say so, as the operations guide asks (ADR 0017).
    await announceEverythingChanged(owner);
    const visitor = new Client(server().url);
    await expect.poll(async () => (await visitor.get("/public/hampshire")).status).toBe(404);
    for (const path of ["/public/hampshire", "/public/hampshire?_data=routes%2Fpublic.%24slug._index", "/public/no-such-partnership", "/public/NOT_A_SLUG"]) {
      const response = await visitor.get(path);
      const text = await response.text();
      expect(response.status, path).toBe(404);
      expect(text, path).not.toMatch(/Southampton|Hampshire and Isle of Wight|Portsmouth/);
    }
    const signedIn = new Client(server().url);
    await signedIn.signIn("coordinator@hampshire.demo.test");
    expect((await signedIn.get("/public/hampshire")).status).toBe(404);
  });

  it("appears and disappears when the coordinator switches it, and only the coordinator can", async () => {
    const board = new Client(server().url);
    await board.signIn("board@hampshire.demo.test");
    expect((await board.post("/p/hampshire/pledge?index", { intent: "publish-register" })).status).toBe(403);
    const coordinator = new Client(server().url);
    await coordinator.signIn("coordinator@hampshire.demo.test");
    expect((await coordinator.post("/p/hampshire/pledge?index", { intent: "publish-register" })).status).toBe(302);
    expect((await new Client(server().url).get("/public/hampshire")).status).toBe(200);
    expect((await coordinator.post("/p/hampshire/pledge?index", { intent: "unpublish-register" })).status).toBe(302);
    expect((await new Client(server().url).get("/public/hampshire")).status).toBe(404);
  });
});
