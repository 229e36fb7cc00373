/**
 * Every upload takes what Excel makes, over HTTP as a coordinator posts it: CSV in UTF-8 with or
 * without a byte order mark, "Unicode text" (UTF-16 LE, tabs) and Windows-1252; commas,
 * semicolons or tabs; headers in any case, spacing and order, with columns of the coordinator's
 * own named and skipped; and the .xlsx itself. How the file was read is said on the page, every
 * problem quotes its cell, and the same rows uploaded again, however saved, change nothing.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { financialYearOf, previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { useAppServer } from "../helpers/app-server";
import { auditCount, partnershipId } from "../helpers/fixtures";
import { signedIn, type Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
let coordinator: Client;
let cleveland = "";
let plan = "";
const quarter = previousQuarter(previousQuarter(quarterOf(today())));

beforeAll(async () => {
  const owner = server().db.handles.owner;
  cleveland = await partnershipId(owner, "cleveland");
  plan = (
    await owner.selectFrom("delivery_plans").select("id").where("partnership_id", "=", cleveland).where("financial_year", "=", financialYearOf(today())).executeTakeFirstOrThrow()
  ).id;
  coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
});

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
/** What Excel's "Unicode text" writes: UTF-16 LE after a byte order mark. */
function utf16le(text: string) {
  const units = `\ufeff${text}`;
  const bytes = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    bytes[2 * i] = units.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = units.charCodeAt(i) >> 8;
  }
  return bytes;
}
/** What Excel on Windows writes for "CSV (comma delimited)": the few characters these files use, by hand. */
function windows1252(text: string) {
  const table: Record<string, number> = { é: 0xe9, "’": 0x92, "–": 0x96, "£": 0xa3 };
  return new Uint8Array([...text].map((c) => table[c] ?? (c.charCodeAt(0) < 0x80 ? c.charCodeAt(0) : Number.NaN)));
}
async function xlsx(rows: unknown[][], sheetName = "Sheet1") {
  const book = new ExcelJS.Workbook();
  book.addWorksheet(sheetName).addRows(rows);
  return new Uint8Array((await book.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Posts a file as the form does, and answers with the page the person then sees. */
async function upload(path: string, bytes: Uint8Array, name: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  const response = await coordinator.post(path, form);
  const status = response.status;
  const html = status === 302 ? await (await coordinator.get(response.headers.get("Location")!)).text() : await response.text();
  const text = html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
  return { status, text };
}

const organisationsNamed = async (...names: string[]) =>
  (await server().db.handles.owner.selectFrom("organisations").select("name").where("partnership_id", "=", cleveland).where("name", "in", names).execute())
    .map((o) => o.name)
    .sort();

describe("uploading organisations as Excel saves them", () => {
  const header = ["name", "sector", "borough"];
  const rows = [
    ["Café Nova", "Business", "Hartlepool"],
    ["St Mary’s Church – Stockton", "Faith", "Stockton-on-Tees"],
  ];
  const csv = (separator: string) => [header, ...rows].map((r) => r.join(separator)).join("\r\n") + "\r\n";

  it("adds the rows once, and reads them back unchanged from every encoding, separator and the workbook", async () => {
    const files: Array<[string, Uint8Array, string, string]> = [
      ["UTF-8", utf8(csv(",")), "orgs.csv", "Upload complete: 2 added, 0 updated, 0 unchanged. Read as UTF-8, separated by commas."],
      ["UTF-8 with a byte order mark", withBom(csv(";")), "orgs.csv", "Upload complete: 0 added, 0 updated, 2 unchanged. Read as UTF-8, separated by semicolons."],
      ["Unicode text", utf16le(csv("\t")), "orgs.txt", "Upload complete: 0 added, 0 updated, 2 unchanged. Read as UTF-16 LE, separated by tabs."],
      ["Windows-1252", windows1252(csv(",")), "orgs.csv", "Upload complete: 0 added, 0 updated, 2 unchanged. Read as Windows-1252, separated by commas."],
      ["Windows-1252 with semicolons", windows1252(csv(";")), "orgs.csv", "Upload complete: 0 added, 0 updated, 2 unchanged. Read as Windows-1252, separated by semicolons."],
      [
        "an Excel workbook",
        await xlsx([header, ...rows], "Partners"),
        "orgs.xlsx",
        "Upload complete: 0 added, 0 updated, 2 unchanged. Read the first worksheet, “Partners”, of the Excel workbook.",
      ],
    ];
    for (const [what, bytes, name, notice] of files) {
      const page = await upload("/p/cleveland/orgs/import", bytes, name);
      expect.soft(page.status, what).toBe(302);
      expect.soft(page.text, what).toContain(notice);
    }
    expect(await organisationsNamed("Café Nova", "St Mary’s Church – Stockton")).toEqual(["Café Nova", "St Mary’s Church – Stockton"]);
  });

  it("finds an organisation whose name was saved with a straight apostrophe, a decomposed accent or other capitals", async () => {
    await upload("/p/cleveland/orgs/import", utf8("name,sector\nSt Aidan’s Youth Café,Faith\n"), "first.csv");
    const again = ["name,sector", "st aidan's youth cafe\u0301,Faith"].join("\n");
    const page = await upload("/p/cleveland/orgs/import", utf8(again), "again.csv");
    expect(page.text).toContain("Upload complete: 0 added, 0 updated, 1 unchanged.");
    expect(await organisationsNamed("St Aidan’s Youth Café", "st aidan's youth cafe\u0301")).toEqual(["St Aidan’s Youth Café"]);
  });

  it("matches headers in any case, spacing and order, and names the columns it ignored", async () => {
    const file = ["Sector , NAME,Notes,Pledge Status,Contact e-mail", "Housing,Headland Tenants’ Forum,met in May,Prospect,x@example.org"].join("\r\n");
    const page = await upload("/p/cleveland/orgs/import", windows1252(file), "orgs.csv");
    expect(page.status).toBe(302);
    expect(page.text).toContain("Upload complete: 1 added, 0 updated, 0 unchanged. Read as Windows-1252, separated by commas. Ignored columns: Notes.");
  });

  it("quotes the bad cell and its row in every problem, and changes nothing", async () => {
    const before = await auditCount(server().db.handles.owner, cleveland);
    const file = ["name;sector;borough;statutory;website;notes", "Tees Valley Café;Business;Hartlepool;yes;;", "Nowhere Trust;Shipping;Atlantis;maybe;ftp://x;ok"].join("\r\n");
    const page = await upload("/p/cleveland/orgs/import", windows1252(file), "orgs.csv");
    expect(page.status).toBe(400);
    expect(page.text).toContain("Read as Windows-1252, separated by semicolons. Ignored columns: notes.");
    for (const [column, cell, message] of [
      ["sector", "“Shipping”", "“Shipping” is not a sector"],
      ["borough", "“Atlantis”", "“Atlantis” is not a borough of this partnership"],
      ["statutory", "“maybe”", "“maybe” is not yes or no"],
      ["website", "“ftp://x”", "“ftp://x” is not a website address"],
    ]) {
      expect.soft(page.text).toContain(`3 ${column} ${cell} ${message}`);
    }
    expect(await auditCount(server().db.handles.owner, cleveland)).toBe(before);
  });
});

describe("uploading quarterly values as Excel saves them", () => {
  const path = () => `/p/cleveland/returns/import?quarter=${quarter.key}`;
  const fields = () => ({ quarter: quarter.key, jobId: crypto.randomUUID() });
  const download = async () => parse(await (await coordinator.get(`/p/cleveland/returns/${quarter.key}/values.csv`)).text(), { bom: true }) as string[][];

  it("reads the download back unchanged as Windows-1252 with semicolons, headers retyped, and as a workbook", async () => {
    const before = await auditCount(server().db.handles.owner, cleveland);
    const rows = await download();
    const retyped = [
      ["Quarter", "Organisation ID", "Organisation", "Status", ...rows[0].slice(4).map((k) => k.replace(/_/g, " ").toUpperCase()), "Notes"],
      ...rows.slice(1).map((r) => [...r.map((c) => c.replace(/[^\x20-\x7e]/g, "")), "Café visit – £0"]),
    ];
    const text = retyped.map((r) => r.map((c) => (c.includes(";") ? `"${c}"` : c)).join(";")).join("\r\n");
    const page = await upload(path(), windows1252(text), "values.csv", fields());
    expect(page.status).toBe(302);
    expect(page.text).toContain("Upload complete: nothing needed changing. Read as Windows-1252, separated by semicolons. Ignored columns: Notes.");

    const numbers = rows.map((r, i) => (i === 0 ? r : r.map((c, j) => (j >= 4 && /^\d+$/.test(c) ? Number(c) : c))));
    const book = await upload(path(), await xlsx(numbers), "values.xlsx", fields());
    expect(book.status).toBe(302);
    expect(book.text).toContain("Upload complete: nothing needed changing. Read the first worksheet");
    expect(await auditCount(server().db.handles.owner, cleveland)).toBe(before);
  });
});

describe("uploading plan actions and updates as Excel saves them", () => {
  const path = () => `/p/cleveland/plans/${plan}/upload`;

  it("reads the actions download back unchanged from a workbook with real dates, other capitals and a notes column", async () => {
    const before = await auditCount(server().db.handles.owner, cleveland);
    const rows = parse(await (await coordinator.get(`/p/cleveland/plans/${plan}/actions.csv`)).text(), { bom: true }) as string[][];
    const date = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const sheet = [
      [...rows[0].map((h) => h.toLowerCase()), "My notes"],
      ...rows.slice(1).map((r) => [...r.map((c, i) => (i === 7 || i === 8 ? date(c) : i === 10 ? Number(c) : c)), "check with Sam"]),
    ];
    const page = await upload(path(), await xlsx(sheet), "actions.xlsx", { intent: "upload-actions" });
    expect(page.status).toBe(302);
    expect(page.text).toContain(
      `Actions uploaded: 0 added, 0 changed, ${rows.length - 1} unchanged. Read the first worksheet, “Sheet1”, of the Excel workbook. Ignored columns: My notes.`,
    );
    expect(await auditCount(server().db.handles.owner, cleveland)).toBe(before);
  });

  it("reads an updates file saved as Unicode text, and quotes each bad cell", async () => {
    const file = ["Reference\tQuarter\tStatus\tProgress (%)", `1.1\t${quarter.label}\tNearly there\t120`].join("\r\n");
    const page = await upload(path(), utf16le(file), "updates.txt", { intent: "upload-updates" });
    expect(page.status).toBe(400);
    expect(page.text).toContain("Read as UTF-16 LE, separated by tabs.");
    expect(page.text).toContain("2 3 (Status) “Nearly there” “Nearly there” is not a status");
    expect(page.text).toContain("2 4 (Progress (%)) “120” “120” is not a percentage");
  });
});
