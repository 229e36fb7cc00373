/**
 * The pages of accounts, people and partnership set-up: axe finds nothing on any of them (with a
 * rejected form on show where there is one), they load without script errors, and set-up forms
 * work with JavaScript off, keeping what was typed when they are refused.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { organisationId, userId } from "../helpers/fixtures";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

/** Script errors on the page (a server-only import reaching the browser shows up here). */
function collectErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    // A refused form answers 400 on purpose; the browser reports every such response.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`${page.url()}: ${m.text()}`);
  });
  return errors;
}

async function visit(page: Page, path: string, submitFirst?: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await page.waitForFunction(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter));
  await expectAccessible(page);
  if (submitFirst) {
    await page.getByRole("button", { name: submitFirst }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expectAccessible(page);
  }
}

describe("every new page", () => {
  it("passes axe and runs without script errors, for each role that uses it", async () => {
    const owner = server().db.handles.owner;
    const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const champion = await userId(owner, "champion@cleveland.demo.test");
    const borough = (await owner.selectFrom("boroughs").select("id").where("name", "=", "Hartlepool").executeTakeFirstOrThrow()).id;
    const message = (await owner.selectFrom("outbox_messages").select(["id", "partnership_id"]).orderBy("created_at").execute()).find(Boolean)!;
    const messageSlug = (await owner.selectFrom("partnerships").select("slug").where("id", "=", message.partnership_id).executeTakeFirstOrThrow()).slug;

    const pages: Record<string, Array<[string, string?]>> = {
      "coordinator@cleveland.demo.test": [
        ["/p/cleveland/people"],
        ["/p/cleveland/people/invite", "Send invitation"],
        [`/p/cleveland/people/${champion}`, "Remove from partnership"],
        [`/p/cleveland/people/${champion}/role?role=champion&organisationId=${hartlepool}`],
        ["/p/cleveland/audit?from=2026-13-01"],
        ["/p/cleveland/audit"],
        ["/p/cleveland/settings"],
        ["/p/cleveland/boroughs", "Add borough"],
        [`/p/cleveland/boroughs/${borough}`],
        ["/p/cleveland/orgs"],
        ["/p/cleveland/orgs/new", "Add organisation"],
        [`/p/cleveland/orgs/${hartlepool}`],
        [`/p/cleveland/orgs/${hartlepool}/edit`, "Record that it has left"],
        ["/account", "Change password"],
      ],
      "orgadmin@cleveland.demo.test": [[`/p/cleveland/orgs/${hartlepool}/people`], [`/p/cleveland/orgs/${hartlepool}/people/invite`, "Send invitation"]],
      "admin@demo.test": [
        ["/admin"],
        ["/admin/partnerships/new", "Create partnership and invite coordinator"],
        ["/admin/accounts"],
        ["/admin/outbox"],
        [`/p/${messageSlug}/outbox`],
        [`/p/${messageSlug}/outbox/${message.id}`],
      ],
    };
    for (const [email, paths] of Object.entries(pages)) {
      const { context, page } = await newPage(browser(), server().url);
      const errors = collectErrors(page);
      await signInAs(page, email);
      for (const [path, submit] of paths) {
        if (path.includes("from=2026-13-01")) {
          expect((await page.goto(path))?.status()).toBe(400);
          await page.getByText("Enter the start date as a real date").first().waitFor();
          await expectAccessible(page);
        } else await visit(page, path, submit);
      }
      expect(errors.join("\n\n"), email).toBe("");
      await context.close();
    }

    const { context, page } = await newPage(browser(), server().url);
    const errors = collectErrors(page);
    await visit(page, "/forgot-password", "Send the link");
    expect((await page.goto("/reset-password/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"))?.status()).toBe(404);
    await expectAccessible(page);
    expect((await page.goto("/invitations/not-a-token"))?.status()).toBe(404);
    await expectAccessible(page);
    expect(errors.join("\n\n")).toBe("");
    await context.close();
  });
});

describe("with JavaScript off", () => {
  it("adds a borough, keeping what was typed when the ONS code is wrong", async () => {
    const { context, page } = await newPage(browser(), server().url, { javaScript: false });
    await signInAs(page, "coordinator@cleveland.demo.test");
    await page.goto("/p/cleveland/boroughs");
    await page.getByLabel("Name").fill("Darlington");
    await page.getByLabel("ONS code").fill("E6000005");
    await page.getByRole("button", { name: "Add borough" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    expect(await page.getByRole("link", { name: "Enter an ONS code of one letter (E, W, S or N) and 8 digits, like E06000001" }).count()).toBe(1);
    expect(await page.getByLabel("Name").inputValue()).toBe("Darlington");
    expect(await page.getByLabel("ONS code").inputValue()).toBe("E6000005");

    await page.getByLabel("ONS code").fill("e06000002");
    await page.getByRole("button", { name: "Add borough" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    expect(await page.getByRole("link", { name: /Middlesbrough already has the ONS code E06000002/ }).count()).toBe(1);

    await page.getByLabel("ONS code").fill("e06000005");
    await page.getByRole("button", { name: "Add borough" }).click();
    await page.getByText("Darlington added").waitFor();
    expect(await page.getByRole("row").filter({ hasText: "Darlington" }).textContent()).toContain("E06000005");
    await context.close();
  });

  it("adds a prospect, records that it left the programme, and saves settings", async () => {
    const { context, page } = await newPage(browser(), server().url, { javaScript: false });
    await signInAs(page, "coordinator@cleveland.demo.test");
    await page.goto("/p/cleveland/orgs");
    await page.getByRole("link", { name: "Add an organisation" }).click();
    await page.getByLabel("Name").fill("Hartlepool Borough Council");
    await page.getByLabel("Website (optional)").fill("hartlepool");
    await page.getByRole("button", { name: "Add organisation" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    const problems = await page.locator(".govuk-error-summary__list a").allTextContents();
    expect(problems).toEqual([
      "Choose the organisation's sector",
      "Choose its borough, or county-wide",
      "Enter a full web address starting with https://, like https://www.hartlepool.gov.uk",
    ]);
    await page.getByLabel("Sector").selectOption({ label: "Faith" });
    await page.getByLabel("Borough").selectOption({ label: "Hartlepool" });
    await page.getByLabel("Website (optional)").fill("https://stmarys.example.org");
    await page.getByRole("button", { name: "Add organisation" }).click();
    await page.getByText("There is already an organisation called Hartlepool Borough Council", { exact: false }).first().waitFor();
    await page.getByLabel("Name").fill("St Mary's Church, Hartlepool");
    await page.getByRole("button", { name: "Add organisation" }).click();
    await page.getByText("St Mary's Church, Hartlepool added as a prospect").waitFor();

    await page.getByRole("link", { name: "Change organisation details" }).click();
    await page.getByRole("button", { name: "Record that it has left" }).click();
    await page.getByText("Enter why the organisation left").first().waitFor();
    await page.getByLabel("Why it left").fill("The congregation merged with another parish");
    await page.getByRole("button", { name: "Record that it has left" }).click();
    await page.getByText("Recorded that St Mary's Church, Hartlepool has left the programme").waitFor();
    await page.goto("/p/cleveland/orgs");
    expect(await page.getByRole("row").filter({ hasText: "St Mary's Church, Hartlepool" }).textContent()).toContain("Withdrawn");

    await page.goto("/p/cleveland/settings");
    await page.getByLabel("Smallest count of people shown in published figures").fill("2");
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("link", { name: "Enter the smallest count that may be published between 3 and 50" }).waitFor();
    expect(await page.getByLabel("Smallest count of people shown in published figures").inputValue()).toBe("2");
    await page.getByLabel("Smallest count of people shown in published figures").fill("4");
    await page.getByLabel("Headline figures, with small counts hidden").uncheck();
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved").waitFor();
    expect(await page.getByLabel("Smallest count of people shown in published figures").inputValue()).toBe("4");
    expect(await page.getByLabel("Headline figures, with small counts hidden").isChecked()).toBe(false);
    await context.close();
  });
});
