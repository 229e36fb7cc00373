/**
 * The coordinator's corrections, in the browser: a pledge signed on paper is recorded and reads
 * as signed, marked as recorded from a paper form; an organisation added by mistake is deleted
 * after a confirmation page, and one with history explains why it cannot be. Pages pass axe.
 */
import { describe, expect, it } from "vitest";
import { addDays } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { formatDate } from "~/modules/platform/dates";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { organisationId, partnershipId } from "../helpers/fixtures";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

async function addOrganisation(name: string) {
  const owner = server().db.handles.owner;
  const cleveland = await partnershipId(owner, "cleveland");
  return (await owner.insertInto("organisations").values({ partnership_id: cleveland, name, sector: "faith" }).returning("id").executeTakeFirstOrThrow()).id;
}

describe("a coordinator's corrections", () => {
  it("records a paper signature, deletes a mistaken organisation, and explains why one with history stays", async () => {
    const paperOrg = await addOrganisation("St Cuthbert’s Church, Stockton");
    const mistake = await addOrganisation("Tees Valey Mediation");
    const { context, page } = await newPage(browser(), server().url);
    await signInAs(page, "coordinator@cleveland.demo.test");

    await page.goto(`/p/cleveland/orgs/${paperOrg}/pledge`);
    await page.getByRole("link", { name: "Record a signature made on a paper form" }).click();
    await page.getByRole("heading", { name: "Record a signature made on a paper form" }).waitFor();
    await expectAccessible(page);
    const signed = addDays(today(), -3);
    await page.getByLabel("Name of the person who signed").fill("Revd Alan Hope");
    await page.getByLabel("Their job title").fill("Vicar");
    await page.getByLabel("Day").fill(String(Number(signed.slice(8))));
    await page.getByLabel("Month").fill(String(Number(signed.slice(5, 7))));
    await page.getByLabel("Year").fill(addDays(today(), 400).slice(0, 4));
    await page.getByRole("checkbox").first().check();
    await page.getByRole("button", { name: "Record the signature" }).click();
    await page.getByRole("link", { name: "The date it was signed must be today or in the past" }).waitFor();
    await expectAccessible(page);
    await page.getByLabel("Year").fill(signed.slice(0, 4));
    await page.getByRole("button", { name: "Record the signature" }).click();
    await page.getByText(`Recorded the paper signature of St Cuthbert’s Church, Stockton, signed on ${formatDate(signed)}`).waitFor();
    await page.getByText(`on ${formatDate(today())} from a paper form`).waitFor();
    expect(await page.locator("p", { hasText: "Status today:" }).innerText()).toBe("Status today: Signed");
    await expectAccessible(page);

    await page.goto(`/p/cleveland/orgs/${mistake}/edit`);
    await page.getByRole("button", { name: "Delete this organisation" }).click();
    await page.getByRole("heading", { name: "Are you sure you want to delete Tees Valey Mediation?" }).waitFor();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Delete organisation" }).click();
    await page.getByText("Deleted Tees Valey Mediation").waitFor();
    expect(await page.getByRole("link", { name: "Tees Valey Mediation" }).count()).toBe(0);

    const council = await organisationId(server().db.handles.owner, "cleveland", "Hartlepool Borough Council");
    await page.goto(`/p/cleveland/orgs/${council}/edit`);
    expect(await page.locator("#delete-not-offered").innerText()).toMatch(/^It cannot be deleted because it has .*quarterly returns.*: its history is kept/);
    expect(await page.getByRole("button", { name: "Delete this organisation" }).count()).toBe(0);
    await page.goto(`/p/cleveland/orgs/${council}/delete`);
    await page.getByRole("heading", { name: "This organisation cannot be deleted" }).waitFor();
    await expectAccessible(page);
    await context.close();
  });
});
