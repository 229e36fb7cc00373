/**
 * Two browsers editing the same return: the second save is refused with its input kept and what
 * changed marked, and saving again keeps it. A coordinator's CSV upload in the browser, with and
 * without JavaScript: unchanged → nothing changes; bad cells → nothing changes, each one listed.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { auditCount, organisationId, partnershipId } from "../helpers/fixtures";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

async function click(page: Page, name: string) {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name, exact: true }).click()]);
}

describe("two people editing one return", () => {
  it("refuses the second save with everything typed kept, marks what changed, and keeps it on saving again", async () => {
    const org = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
    const form = `/p/cleveland/orgs/${org}/returns/${quarterOf(today()).key}`;
    const first = await newPage(browser(), server().url, { javaScript: false });
    const second = await newPage(browser(), server().url);
    await signInAs(first.page, "champion@cleveland.demo.test");
    await signInAs(second.page, "orgadmin@cleveland.demo.test");
    await first.page.goto(form);
    await second.page.goto(form);

    await first.page.getByLabel("Referrals made to RJ services", { exact: true }).fill("11");
    await click(first.page, "Save draft");
    await first.page.getByText("Draft saved").waitFor();

    await second.page.getByLabel("Staff completing facilitator training", { exact: true }).fill("4");
    await second.page.getByLabel("Barriers").fill("Waiting lists for training places.");
    await click(second.page, "Save draft");
    await second.page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await second.page.getByText(/changed this return while you were editing it/).waitFor();
    expect(await second.page.getByLabel("Staff completing facilitator training", { exact: true }).inputValue()).toBe("4");
    expect(await second.page.getByLabel("Barriers").inputValue()).toBe("Waiting lists for training places.");
    await second.page.getByText("Changed meanwhile by Daniel Reeve:").waitFor();
    expect(await second.page.locator(".gt-conflict").innerText()).toContain("now 11");
    await expectAccessible(second.page);

    await click(second.page, "Save draft");
    await second.page.getByText("Draft saved").waitFor();
    expect(await second.page.getByLabel("Staff completing facilitator training", { exact: true }).inputValue()).toBe("4");
    expect(await second.page.getByLabel("Barriers").inputValue()).toBe("Waiting lists for training places.");

    await first.page.reload();
    expect(await first.page.getByLabel("Staff completing facilitator training", { exact: true }).inputValue()).toBe("4");
    await first.context.close();
    await second.context.close();
  });
});

describe("uploading a quarter's values", () => {
  for (const javaScript of [true, false]) {
    it(`checks the whole file and changes nothing unless all of it is good (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const owner = server().db.handles.owner;
      const cleveland = await partnershipId(owner, "cleveland");
      const quarter = previousQuarter(quarterOf(today()));
      const { context, page } = await newPage(browser(), server().url, { javaScript });
      await signInAs(page, "coordinator@cleveland.demo.test");
      const csv = await (await page.request.get(`/p/cleveland/returns/${quarter.key}/values.csv`)).text();
      const before = await auditCount(owner, cleveland);

      await page.goto(`/p/cleveland/returns/import?quarter=${quarter.key}`);
      await page.getByLabel("CSV or Excel file").setInputFiles({ name: "values.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
      await click(page, "Upload and check");
      await page.getByText("Nothing changed: every value matched what was already stored.").waitFor();
      if (javaScript) await expectAccessible(page);
      expect(await auditCount(owner, cleveland)).toBe(before);

      const lines = csv
        .replace(/^\ufeff/, "")
        .trimEnd()
        .split(/\r?\n/);
      const header = lines[0].split(",");
      const cells = lines[1].split(",");
      cells[header.indexOf("referrals_made")] = "lots";
      const bad = [lines[0], cells.join(","), ...lines.slice(2)].join("\n");
      await page.getByLabel("CSV or Excel file").setInputFiles({ name: "bad.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
      await click(page, "Upload and check");
      await page.getByText("The file was not uploaded: nothing has changed").waitFor();
      const row = page.locator("#upload-problems tbody tr").first();
      expect(await row.innerText()).toMatch(/^2\s+referrals_made\s+“lots”\s+“lots” is not a whole number/);
      if (javaScript) await expectAccessible(page);
      expect(await auditCount(owner, cleveland)).toBe(before);
      await context.close();
    });
  }
});
