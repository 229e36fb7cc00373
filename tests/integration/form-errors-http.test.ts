/**
 * A refused form as a person without JavaScript sees it (issue 21): the page title starts with
 * "Error:" (GOV.UK), and the message sits by the field it is about, linked from the summary.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { useAppServer } from "../helpers/app-server";
import { organisationId } from "../helpers/fixtures";
import { Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
let coordinator: Client;
const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];

beforeAll(async () => {
  coordinator = new Client(server().url);
  await coordinator.signIn("coordinator@cleveland.demo.test");
});

describe("a refused form", () => {
  it("has a page title starting with Error:, and only then", async () => {
    const hartlepool = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
    const page = `/p/cleveland/orgs/${hartlepool}/edit`;
    expect(title(await (await coordinator.get(page)).text())).toBe("Change Hartlepool Borough Council — Golden Thread");
    const refused = await coordinator.post(page, { intent: "save", name: "", sector: "", boroughId: "" });
    expect(refused.status).toBe(400);
    expect(title(await refused.text())).toBe("Error: Change Hartlepool Borough Council — Golden Thread");

    const invite = await coordinator.post("/p/cleveland/people/invite", { email: "not an address", role: "board" });
    expect(invite.status).toBe(400);
    expect(title(await invite.text())).toMatch(/^Error: /);
  });

  it("puts a refused returns upload's message by the file field, linked from the summary", async () => {
    const quarter = quarterOf(today()).key;
    const body = new FormData();
    body.set("quarter", quarter);
    body.set("jobId", randomUUID());
    const response = await coordinator.post(`/p/cleveland/returns/import?quarter=${quarter}`, body);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(title(html)).toMatch(/^Error: /);
    const summaryLink = /<div class="govuk-error-summary"[\s\S]*?<a href="#f-file">([^<]+)<\/a>/.exec(html);
    expect(summaryLink).not.toBeNull();
    expect(html).toMatch(
      /<p id="f-file-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:<\/span> (<!-- -->)?Choose a CSV or Excel file to upload<\/p>/,
    );
    expect(html).toMatch(/<input[^>]*id="f-file"[^>]*aria-describedby="f-file-error"/);
  });
});
