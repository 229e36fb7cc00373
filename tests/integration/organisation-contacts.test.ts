/**
 * The organisations upload takes each organisation's contact (name and email), as a coordinator
 * posts it: added, changed, the same again reads unchanged, and a bad email quotes its cell.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { partnershipId } from "../helpers/fixtures";
import { signedIn, type Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
let coordinator: Client;
let cleveland = "";

beforeAll(async () => {
  cleveland = await partnershipId(server().db.handles.owner, "cleveland");
  coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
});

const pageText = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

async function upload(csv: string) {
  const form = new FormData();
  form.append("file", new Blob([csv]), "orgs.csv");
  const response = await coordinator.post("/p/cleveland/orgs/import", form);
  const html = response.status === 302 ? await (await coordinator.get(response.headers.get("Location")!)).text() : await response.text();
  return { status: response.status, text: pageText(html) };
}

const contactOf = async (name: string) =>
  server()
    .db.handles.owner.selectFrom("organisations")
    .select(["contact_name", "contact_email"])
    .where("partnership_id", "=", cleveland)
    .where("name", "=", name)
    .executeTakeFirstOrThrow();

describe("contacts in the organisations upload", () => {
  it("stores a contact, reads the same again as unchanged, and updates a changed one", async () => {
    const added = await upload(["Name,Sector,Contact Name,Contact e-mail", "Greatham Parish Hall,Faith,Ada Lovell,ada@greatham.example.org"].join("\r\n"));
    expect(added.text).toContain("Upload complete: 1 added, 0 updated, 0 unchanged.");
    expect(await contactOf("Greatham Parish Hall")).toEqual({
      contact_name: "Ada Lovell",
      contact_email: "ada@greatham.example.org",
    });

    const same = await upload(["name,sector,contact_name,contact_email", "Greatham Parish Hall,Faith,Ada Lovell,ada@greatham.example.org"].join("\n"));
    expect(same.text).toContain("Upload complete: 0 added, 0 updated, 1 unchanged.");

    const changed = await upload(["name,sector,contact_name,contact_email", "Greatham Parish Hall,Faith,Ada Lovell,a.lovell@greatham.example.org"].join("\n"));
    expect(changed.text).toContain("Upload complete: 0 added, 1 updated, 0 unchanged.");
    expect(await contactOf("Greatham Parish Hall")).toEqual({
      contact_name: "Ada Lovell",
      contact_email: "a.lovell@greatham.example.org",
    });

    // A file without the contact columns leaves the contact as it was.
    const without = await upload(["name,sector", "Greatham Parish Hall,Faith"].join("\n"));
    expect(without.text).toContain("0 added, 0 updated, 1 unchanged.");
    expect((await contactOf("Greatham Parish Hall")).contact_email).toBe("a.lovell@greatham.example.org");
  });

  it("refuses a bad email, quoting it and its row, and uploads nothing", async () => {
    const page = await upload(
      ["name,sector,contact_email", "Elwick Allotments,Voluntary and community,ok@elwick.example.org", "Dalton Piercy Club,Business,not an email"].join("\n"),
    );
    expect(page.status).toBe(400);
    expect(page.text).toContain("3 contact_email “not an email” “not an email” is not an email address");
    const stored = await server()
      .db.handles.owner.selectFrom("organisations")
      .select("name")
      .where("partnership_id", "=", cleveland)
      .where("name", "in", ["Elwick Allotments", "Dalton Piercy Club"])
      .execute();
    expect(stored).toEqual([]);
  });

  it("gives a coordinator's download the contact columns, so it uploads back unchanged", async () => {
    const csv = await (await coordinator.get("/p/cleveland/orgs.csv")).text();
    const [header] = csv.replace(/^\ufeff/, "").split("\r\n");
    expect(header).toBe("name,sector,borough,statutory,website,pledge_status,contact_name,contact_email");
    expect(csv).toContain("Greatham Parish Hall,Faith,County-wide,no,,Prospect,Ada Lovell,a.lovell@greatham.example.org");
    const form = new FormData();
    form.append("file", new Blob([csv]), "orgs.csv");
    const again = await coordinator.post("/p/cleveland/orgs/import", form);
    const text = pageText(await (await coordinator.get(again.headers.get("Location")!)).text());
    expect(text).toMatch(/0 added, 0 updated, \d+ unchanged/);
  });
});
