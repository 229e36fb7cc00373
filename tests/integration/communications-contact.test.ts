/**
 * The communications contact (issue 21): choosing another says whom it replaces, and the notice
 * names both; a contact who leaves, or whose account is disabled, becomes a to-do on the
 * organisation's and the coordinator's pages, and an email to the organisation's admins and the
 * coordinators through the outbox.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { now } from "~/modules/platform/clock.server";
import { today } from "~/modules/platform/clock.server";
import { useAppServer } from "../helpers/app-server";
import { organisationId, partnershipId } from "../helpers/fixtures";
import { signedIn, type Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
let coordinator: Client;
let hartlepool: string;

const champion = (name: string) =>
  server().db.handles.owner.selectFrom("champions").selectAll().where("organisation_id", "=", hartlepool).where("name", "=", name).executeTakeFirstOrThrow();
const contact = async () =>
  (await server().db.handles.owner.selectFrom("champions").select("name").where("organisation_id", "=", hartlepool).where("is_contact", "=", true).executeTakeFirst())?.name ??
  null;

async function detailsForm(c: Awaited<ReturnType<typeof champion>>, fields: Record<string, string>) {
  const page = await (await coordinator.get(`/p/cleveland/orgs/${hartlepool}/champions/${c.id}`)).text();
  const revision = /name="revision"[^>]*value="([^"]+)"/.exec(page)![1];
  const [y, m, d] = c.since.split("-");
  return {
    page,
    fields: {
      intent: "save",
      revision,
      name: c.name,
      email: c.email,
      jobTitle: c.job_title,
      "since-day": d,
      "since-month": m,
      "since-year": y,
      training: c.training,
      ...fields,
    },
  };
}

beforeAll(async () => {
  coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
  hartlepool = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
});

describe("the communications contact", () => {
  it("is replaced only when the form said whom it replaces, and the notice names both", async () => {
    const amira = await champion("Amira Collins");
    const daniel = await champion("Daniel Reeve");
    const amiraForm = await detailsForm({ ...amira, accreditation_expires_on: amira.accreditation_expires_on }, {});
    expect(amiraForm.page).toContain("Communications single point of contact, instead of Daniel Reeve");
    const [ey, em, ed] = amira.accreditation_expires_on!.split("-");
    const fields = {
      ...amiraForm.fields,
      "accreditationExpiresOn-day": ed,
      "accreditationExpiresOn-month": em,
      "accreditationExpiresOn-year": ey,
      isContact: "on",
    };

    // A form that showed nobody as the contact does not silently replace Daniel.
    const unseen = await coordinator.post(`/p/cleveland/orgs/${hartlepool}/champions/${amira.id}`, { ...fields, contactShown: "" });
    expect(unseen.status).toBe(409);
    const unseenHtml = await unseen.text();
    expect(unseenHtml.match(/govuk-error-summary.{0,600}/s)?.[0]).toContain("Daniel Reeve is the communications contact now");
    expect(await contact()).toBe("Daniel Reeve");

    const replaced = await coordinator.post(`/p/cleveland/orgs/${hartlepool}/champions/${amira.id}`, { ...fields, contactShown: daniel.id });
    expect(replaced.status).toBe(302);
    const next = await (await coordinator.get(replaced.headers.get("Location")!)).text();
    expect(next).toContain("Amira Collins is now the communications contact, instead of Daniel Reeve");
    expect(await contact()).toBe("Amira Collins");
  });

  it("leaving makes a to-do on the organisation's and the coordinator's pages, and an email to admins and coordinators", async () => {
    const owner = server().db.handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const current = await champion((await contact())!);
    const [y, m, d] = today().split("-");
    const left = await coordinator.post(`/p/cleveland/orgs/${hartlepool}/champions/${current.id}`, { intent: "leave", "leftOn-day": d, "leftOn-month": m, "leftOn-year": y });
    expect(left.status).toBe(302);

    const todo = `No communications contact since ${current.name} left`;
    expect(await (await coordinator.get(`/p/cleveland/orgs/${hartlepool}`)).text()).toContain(todo);
    expect(await (await coordinator.get(`/p/cleveland`)).text()).toContain(`Hartlepool Borough Council: ${todo}`);
    const emails = await owner
      .selectFrom("outbox_messages")
      .select(["to_address", "subject", "body_text"])
      .where("partnership_id", "=", cleveland)
      .orderBy("created_at", "desc")
      .limit(50)
      .execute();
    const told = emails.filter((e) => e.subject === "Hartlepool Borough Council has no communications contact");
    expect(told.map((e) => e.to_address).sort()).toEqual(expect.arrayContaining(["coordinator@cleveland.demo.test", "orgadmin@cleveland.demo.test"]));
    expect(told[0].body_text).toContain(todo);
    expect(told[0].body_text).toContain(`/p/cleveland/orgs/${hartlepool}/champions`);

    // Choosing someone else clears the to-do.
    const other = await champion(current.name === "Amira Collins" ? "Daniel Reeve" : "Amira Collins");
    expect(other.left_on).toBeNull();
    await owner.updateTable("champions").set({ is_contact: true }).where("id", "=", other.id).execute();
    expect(await (await coordinator.get(`/p/cleveland/orgs/${hartlepool}`)).text()).not.toContain("No communications contact since");
  });

  it("a contact whose account is disabled is a to-do too", async () => {
    const owner = server().db.handles.owner;
    const daniel = await champion("Daniel Reeve");
    await owner.updateTable("users").set({ disabled_at: now() }).where("email", "=", "champion@cleveland.demo.test").execute();
    expect(daniel.user_id).not.toBeNull();
    expect(await (await coordinator.get(`/p/cleveland/orgs/${hartlepool}`)).text()).toContain("No communications contact since Daniel Reeve left");
  });
});
