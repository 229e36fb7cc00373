/**
 * A partnership's first day, in the browser: the coordinator uploads the 300 organisations of
 * their spreadsheet as the .xlsx itself, then the same rows as Excel on Windows saves a CSV
 * (Windows-1252, semicolons) — which changes nothing — and a file with a mistake, which is listed
 * with its cell quoted. With JavaScript on and off; every page passes axe.
 */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";
import { partnershipId } from "../helpers/fixtures";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

const SECTORS = ["Voluntary and community", "Faith", "Business", "Housing", "Education"];
const PLACES = ["Hartlepool", "Stockton-on-Tees", "County-wide"];
const HEADER = ["Name", "Sector", "Borough", "Statutory", "Notes"];
const ROWS = Array.from({ length: 300 }, (_, i) => {
  const n = String(i + 1).padStart(3, "0");
  const name = i % 3 === 0 ? `St Mary’s Café ${n}` : i % 3 === 1 ? `Tees – Wear Partners ${n}` : `Café Nova ${n}`;
  return [name, SECTORS[i % SECTORS.length], PLACES[i % PLACES.length], i % 7 === 0 ? "yes" : "no", "from the old spreadsheet"];
});

async function workbook() {
  const book = new ExcelJS.Workbook();
  book.addWorksheet("Organisations").addRows([HEADER, ...ROWS]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const windows1252Csv = (rows: string[][]) => iconv.encode(rows.map((r) => r.join(";")).join("\r\n") + "\r\n", "windows-1252");

async function uploadFile(page: Page, name: string, buffer: Buffer) {
  await page.goto("/p/cleveland/orgs/import");
  await page.getByLabel("CSV or Excel file").setInputFiles({ name, mimeType: "application/octet-stream", buffer });
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: "Upload", exact: true }).click()]);
}

describe("a coordinator's first uploads", () => {
  it("takes 300 organisations as an .xlsx, then reads them back unchanged from a Windows-1252 CSV", async () => {
    const owner = server().db.handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const count = async () =>
      Number(
        (
          await owner
            .selectFrom("organisations")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("partnership_id", "=", cleveland)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();

    const withJs = await newPage(browser(), server().url);
    await signInAs(withJs.page, "coordinator@cleveland.demo.test");
    await withJs.page.goto("/p/cleveland/orgs/import");
    await expectAccessible(withJs.page);
    await uploadFile(withJs.page, "organisations.xlsx", await workbook());
    await withJs.page
      .getByText("Upload complete: 300 added, 0 updated, 0 unchanged. Read the first worksheet, “Organisations”, of the Excel workbook. Ignored columns: Notes.")
      .waitFor();
    await expectAccessible(withJs.page);
    expect(await count()).toBe(before + 300);

    const mistake = ROWS.map((r, i) => (i === 41 ? [r[0], "Shipping", ...r.slice(2)] : r));
    await uploadFile(withJs.page, "organisations.csv", windows1252Csv([HEADER, ...mistake]));
    await withJs.page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await withJs.page.getByText("Read as Windows-1252, separated by semicolons. Ignored columns: Notes.").waitFor();
    const problems = await withJs.page.locator("#upload-problems tbody tr").allInnerTexts();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^43\s+sector\s+“Shipping”\s+“Shipping” is not a sector/);
    await expectAccessible(withJs.page);
    await withJs.context.close();

    // Without JavaScript the form posts as it is, and the same rows saved as Excel on Windows saves a CSV change nothing.
    const noJs = await newPage(browser(), server().url, { javaScript: false });
    await signInAs(noJs.page, "coordinator@cleveland.demo.test");
    await uploadFile(noJs.page, "organisations.csv", windows1252Csv([HEADER, ...ROWS]));
    await noJs.page.getByText("Upload complete: 0 added, 0 updated, 300 unchanged. Read as Windows-1252, separated by semicolons. Ignored columns: Notes.").waitFor();
    expect(await count()).toBe(before + 300);
    await noJs.context.close();
  });
});
