/**
 * Quarterly returns as people use them in Chromium: a champion fills a return, saves a draft,
 * comes back and submits; the coordinator returns it with a reason; the champion corrects and
 * resubmits; the coordinator accepts. The same with JavaScript off. Every page passes axe.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { organisationId } from "../helpers/fixtures";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();
const quarter = quarterOf(today());

async function click(page: Page, name: string) {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name, exact: true }).click()]);
}

async function visible(page: Page, text: string | RegExp) {
  await page.getByText(text).first().waitFor();
}

/** The lifecycle for one organisation, with JavaScript on or off. */
async function lifecycle(options: { javaScript: boolean; slug: string; org: string; orgName: string; champion: string; coordinator: string }) {
  const { slug, org, javaScript } = options;
  // axe runs inside the page, so it needs JavaScript: the JavaScript run checks the same pages.
  const axe = (page: Page) => (javaScript ? expectAccessible(page) : Promise.resolve());
  const form = `/p/${slug}/orgs/${org}/returns/${quarter.key}`;

  const champ = await newPage(browser(), server().url, { javaScript });
  await signInAs(champ.page, options.champion);
  // The champion lands on the organisation's page, which says what is due.
  await champ.page.getByRole("heading", { name: /Quarterly returns/ }).waitFor();
  await axe(champ.page);
  await champ.page.goto(`/p/${slug}/orgs/${org}/returns`);
  await axe(champ.page);
  await champ.page.getByRole("link", { name: quarter.label, exact: true }).click();
  await champ.page.waitForURL(`**${form}`);
  await axe(champ.page);

  await champ.page.getByLabel("Referrals made to RJ services", { exact: true }).fill("3");
  await champ.page.getByLabel("Staff given RJ awareness briefings", { exact: true }).fill("0");
  await champ.page.getByRole("checkbox", { name: "Not applicable for Victims offered RJ" }).check();
  await champ.page.getByLabel("Highlights").fill("A restorative approaches session for the neighbourhood team.");
  await click(champ.page, "Save draft");
  await visible(champ.page, "Draft saved");

  // Coming back later: everything is as it was left.
  await champ.page.goto(`/p/${slug}/orgs/${org}`);
  await champ.page.getByRole("link", { name: `${quarter.label} return` }).click();
  await champ.page.waitForURL(`**${form}`);
  expect(await champ.page.getByLabel("Referrals made to RJ services", { exact: true }).inputValue()).toBe("3");
  expect(await champ.page.getByLabel("Staff given RJ awareness briefings", { exact: true }).inputValue()).toBe("0");
  expect(await champ.page.getByRole("checkbox", { name: "Not applicable for Victims offered RJ" }).isChecked()).toBe(true);
  expect(await champ.page.getByLabel("Awareness sessions and events held", { exact: true }).inputValue()).toBe("");

  // A typo comes back with what was typed and a message by the field.
  await champ.page.getByLabel("Awareness sessions and events held", { exact: true }).fill("2.5");
  await click(champ.page, "Submit return");
  await visible(champ.page, "There is a problem");
  expect(await champ.page.getByLabel("Awareness sessions and events held", { exact: true }).inputValue()).toBe("2.5");
  await axe(champ.page);
  await champ.page.getByLabel("Awareness sessions and events held", { exact: true }).fill("2");
  // Figures left blank (and, in the current quarter, a quarter not yet ended) are asked about first.
  await click(champ.page, "Submit return");
  await visible(champ.page, "Check these before you submit:");
  await visible(champ.page, "figures are blank");
  await axe(champ.page);
  await champ.page.getByLabel("I have checked the warnings above").check();
  await click(champ.page, "Submit return");
  await visible(champ.page, `${quarter.label} return submitted`);
  await axe(champ.page);

  const coord = await newPage(browser(), server().url, { javaScript });
  await signInAs(coord.page, options.coordinator);
  await coord.page.goto(`/p/${slug}/returns?quarter=${quarter.key}&status=awaiting`);
  await axe(coord.page);
  await coord.page.getByRole("link", { name: options.orgName }).click();
  await coord.page.waitForURL(`**${form}/review`);
  await axe(coord.page);
  await coord.page.getByLabel("What needs changing").fill("Please add the staff you briefed this quarter.");
  await click(coord.page, "Return for changes");
  await visible(coord.page, `Returned the ${quarter.label} return`);

  await champ.page.goto(form);
  await visible(champ.page, "Please add the staff you briefed this quarter.");
  await axe(champ.page);
  // One: never "more than three times" the organisation's earlier quarters, whatever the demo's figures are.
  await champ.page.getByLabel("Staff given RJ awareness briefings", { exact: true }).fill("1");
  await champ.page.getByLabel("I have checked the warnings above").check();
  await click(champ.page, "Submit return");
  await visible(champ.page, `${quarter.label} return resubmitted`);

  await coord.page.goto(`${form}/review`);
  await visible(coord.page, "Resubmitted");
  await click(coord.page, "Accept return");
  await visible(coord.page, `Accepted the ${quarter.label} return`);

  await champ.page.goto(form);
  await champ.page.getByText("Accepted", { exact: true }).first().waitFor();
  expect(await champ.page.getByRole("button", { name: "Submit return" }).count()).toBe(0);
  await champ.page.goto(`${form}/history`);
  await axe(champ.page);
  await visible(champ.page, "2 submitted versions");
  await champ.context.close();
  await coord.context.close();
}

describe("a quarterly return from draft to accepted", () => {
  it("works in Chromium with JavaScript", async () => {
    const org = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
    await lifecycle({
      javaScript: true,
      slug: "cleveland",
      org,
      orgName: "Hartlepool Borough Council",
      champion: "champion@cleveland.demo.test",
      coordinator: "coordinator@cleveland.demo.test",
    });
  });

  it("works with JavaScript off", async () => {
    const org = await organisationId(server().db.handles.owner, "hampshire", "Southampton Mediation Service");
    await lifecycle({
      javaScript: false,
      slug: "hampshire",
      org,
      orgName: "Southampton Mediation Service",
      champion: "champion@hampshire.demo.test",
      coordinator: "coordinator@hampshire.demo.test",
    });
  });
});

describe("the coordinator's pages (axe, WCAG 2.2 AA)", () => {
  it("finds nothing on the overview, completeness, metrics and upload pages", async () => {
    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, "coordinator@cleveland.demo.test");
    for (const path of ["/p/cleveland/returns", "/p/cleveland/returns/completeness", "/p/cleveland/metrics", "/p/cleveland/metrics/new", "/p/cleveland/returns/import"]) {
      await page.goto(path);
      await expectAccessible(page);
    }
    await page.goto("/p/cleveland/metrics");
    await page.getByRole("link", { name: "Edit Referrals received" }).click();
    await page.getByRole("heading", { name: "Counting rules" }).waitFor();
    await expectAccessible(page);
    // A locked quarter's review page offers the coordinator an exception for the organisation.
    const org = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
    await page.goto(`/p/cleveland/orgs/${org}/returns/${previousQuarter(previousQuarter(quarter)).key}/review`);
    await page.getByRole("heading", { name: "Quarter locked" }).waitFor();
    await expectAccessible(page);
    await page.goto("/p/cleveland/metrics/new");
    await click(page, "Add metric");
    await visible(page, "There is a problem");
    await expectAccessible(page);
    await context.close();
  });
});
