/**
 * Free text others read is checked for personal data the way a return is: the form comes back with
 * the text kept and a warning naming what looks like personal data, and saves once the person
 * confirms. Proposed pledge activity and action-update commentary, over HTTP.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { today } from "~/modules/platform/clock.server";
import { financialYearOf, quarterOf } from "~/modules/reporting/periods";
import { useAppServer } from "../helpers/app-server";
import { organisationId, partnershipId } from "../helpers/fixtures";
import { signedIn, type Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
const TEXT = "Call Sam on 07700 900123 or sam.jones@example.com, TS24 7AB";
let coordinator: Client;
let orgAdmin: Client;

beforeAll(async () => {
  coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
  orgAdmin = await signedIn(server().url, "orgadmin@cleveland.demo.test");
});

describe("personal data in free text", () => {
  it("is flagged in an action update's commentary, kept on screen, and saved once confirmed", async () => {
    const owner = server().db.handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const action = await owner
      .selectFrom("plan_actions as a")
      .innerJoin("delivery_plans as p", "p.id", "a.plan_id")
      .select(["a.id", "a.plan_id", "a.version"])
      .where("a.partnership_id", "=", cleveland)
      .where("p.financial_year", "=", financialYearOf(today()))
      .orderBy("a.reference")
      .executeTakeFirstOrThrow();
    const url = `/p/cleveland/plans/${action.plan_id}/actions/${action.id}/update`;
    const fields = {
      version: String(action.version),
      quarter: quarterOf(today()).key,
      status: "on_track",
      progress: "40",
      commentary: TEXT,
    };
    const commentary = () =>
      owner.selectFrom("plan_action_updates").select("commentary").where("action_id", "=", action.id).where("quarter", "=", fields.quarter).executeTakeFirst();
    const before = await commentary();

    const warned = await coordinator.post(url, fields);
    const html = await warned.text();
    expect(warned.status).toBe(200);
    expect(html).toContain("Commentary contains what looks like a phone number (“07700 900123”)");
    expect(html).toContain("an email address (“sam.jones@example.com”)");
    expect(html).toContain("a postcode (“TS24 7AB”)");
    expect(html).toContain("I have checked: this text does not identify anyone");
    expect(html).toContain(TEXT);
    expect(await commentary()).toEqual(before);

    const saved = await coordinator.post(url, {
      ...fields,
      confirmNoPersonalData: "on",
    });
    expect(saved.status).toBe(302);
    expect(await commentary()).toEqual({ commentary: TEXT });
  });

  it("is flagged in the proposed activity of a pledge signing, and saved once confirmed", async () => {
    const owner = server().db.handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const org = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const version = await owner
      .selectFrom("pledge_versions")
      .select("id")
      .where("partnership_id", "=", cleveland)
      .where("state", "=", "published")
      .orderBy("version", "desc")
      .executeTakeFirstOrThrow();
    await owner.deleteFrom("pledge_signing_drafts").where("organisation_id", "=", org).execute();
    const draft = await owner
      .insertInto("pledge_signing_drafts")
      .values({
        partnership_id: cleveland,
        organisation_id: org,
        pledge_version_id: version.id,
        signatory_name: "Helen Carr",
        signatory_title: "Chief Executive",
        commitments: [1],
      })
      .returning("revision")
      .executeTakeFirstOrThrow();
    const url = `/p/cleveland/orgs/${org}/pledge/sign/activity`;
    const fields = {
      revision: String(draft.revision),
      "activity-communication": `Briefings led by Sam, born 12/03/1985 — ${TEXT}`,
    };

    const warned = await orgAdmin.post(url, fields);
    const html = await warned.text();
    expect(warned.status).toBe(200);
    expect(html).toContain("contains what looks like a date of birth (“12/03/1985”)");
    expect(html).toContain("I have checked: this text does not identify anyone");
    expect((await owner.selectFrom("pledge_signing_drafts").select("activity").where("organisation_id", "=", org).executeTakeFirstOrThrow()).activity).toBeNull();

    const saved = await orgAdmin.post(url, {
      ...fields,
      confirmNoPersonalData: "on",
    });
    expect(saved.status).toBe(302);
    expect((await owner.selectFrom("pledge_signing_drafts").select("activity").where("organisation_id", "=", org).executeTakeFirstOrThrow()).activity).toMatchObject({
      communication: fields["activity-communication"],
    });
  });

  it("is flagged in a reason for leaving the pledge, which the coordinator and board read", async () => {
    const owner = server().db.handles.owner;
    const org = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const withdrawals = () => owner.selectFrom("pledge_withdrawals").select("id").where("organisation_id", "=", org).execute();
    const before = await withdrawals();
    const warned = await orgAdmin.post(`/p/cleveland/orgs/${org}/pledge/withdraw`, { reason: `Ask ${TEXT}` });
    const html = await warned.text();
    expect(warned.status).toBe(200);
    expect(html).toContain("The reason contains what looks like an email address (“sam.jones@example.com”)");
    expect(await withdrawals()).toEqual(before);
  });

  it("is flagged in a review's summaries for the board, and saved once confirmed", async () => {
    const owner = server().db.handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const review = await owner.selectFrom("plan_reviews").select(["id", "version", "summary"]).where("partnership_id", "=", cleveland).executeTakeFirstOrThrow();
    const url = `/p/cleveland/plans/reviews/${review.id}/summary`;
    const fields = {
      version: String(review.version),
      summary: `Thanks to ${TEXT}`,
    };
    const warned = await coordinator.post(url, fields);
    expect(warned.status).toBe(200);
    expect(await warned.text()).toContain("The overall summary contains what looks like a phone number (“07700 900123”)");
    expect((await owner.selectFrom("plan_reviews").select("summary").where("id", "=", review.id).executeTakeFirstOrThrow()).summary).toBe(review.summary);
    const saved = await coordinator.post(url, {
      ...fields,
      confirmNoPersonalData: "on",
    });
    expect(saved.status).toBe(302);
    expect((await owner.selectFrom("plan_reviews").select("summary").where("id", "=", review.id).executeTakeFirstOrThrow()).summary).toBe(fields.summary);
  });

  it("is flagged in a returned return's reason and in the reason an organisation left, and nothing changes until confirmed", async () => {
    const owner = server().db.handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const submitted = await owner
      .selectFrom("quarterly_returns")
      .select(["organisation_id", "quarter", "version", "status"])
      .where("partnership_id", "=", cleveland)
      .where("status", "in", ["submitted", "resubmitted"])
      .executeTakeFirstOrThrow();
    const returned = await coordinator.post(`/p/cleveland/orgs/${submitted.organisation_id}/returns/${submitted.quarter}/review`, {
      intent: "return",
      baseVersion: String(submitted.version),
      reason: `Ring ${TEXT}`,
    });
    expect(returned.status).toBe(200);
    expect(await returned.text()).toContain("What needs changing contains what looks like a phone number (“07700 900123”)");
    const after = await owner
      .selectFrom("quarterly_returns")
      .select("status")
      .where("organisation_id", "=", submitted.organisation_id)
      .where("quarter", "=", submitted.quarter)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe(submitted.status);

    const org = await organisationId(owner, "cleveland", "Linthorpe Homes");
    const left = await coordinator.post(`/p/cleveland/orgs/${org}/edit`, {
      intent: "leave",
      reason: `Contact ${TEXT}`,
    });
    expect(left.status).toBe(200);
    expect(await left.text()).toContain("Why it left contains what looks like an email address (“sam.jones@example.com”)");
    expect((await owner.selectFrom("organisations").select("withdrawn_at").where("id", "=", org).executeTakeFirstOrThrow()).withdrawn_at).toBeNull();
  });
});
