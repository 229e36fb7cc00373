/**
 * Every CSV file in and out over HTTP, as people and attackers meet them. Downloads: a value a
 * champion or coordinator typed that a spreadsheet would run as a formula goes out guarded, and
 * every file starts with the UTF-8 byte order mark so Excel reads "—" as "—". Uploads: a file that
 * is not text (NUL bytes, random binary) is refused with a message saying so, never a 500.
 * Both lists come from the route files, so a new CSV route or upload form cannot be left out.
 */
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { financialYearOf, previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { useAppServer } from "../helpers/app-server";
import { auditCount, organisationId, partnershipId, userId } from "../helpers/fixtures";
import { signedIn, type Client } from "../helpers/http-client";
import { fill, manifestRoutes, type ManifestRoute } from "../security/route-manifest";

const server = useAppServer({ template: "demo" });
const EVIL = '=HYPERLINK("http://evil.example","x")';
const COORDINATOR = "coordinator@cleveland.demo.test";
const ROUTES_DIR = path.resolve("app/routes");
const routeFiles = fs.readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f));
const routeId = (file: string) => `routes/${file.replace(/\.tsx?$/, "")}`;

/** Route files that answer with a CSV file: `x[.csv].tsx`, `x[.]csv.tsx`. */
const CSV_ROUTES = routeFiles.filter((f) => /\[\.\]csv|\[\.csv\]|\.csv\b/.test(f)).map(routeId);
/** Route files whose page has a file input. */
const UPLOAD_ROUTES = routeFiles.filter((f) => /type="file"/.test(fs.readFileSync(path.join(ROUTES_DIR, f), "utf8"))).map(routeId);

interface Planted {
  plan: string;
  org: string;
  quarter: string;
}
let planted: Planted;
let routes: ManifestRoute[] = [];
let coordinator: Client;

/** For each CSV route: who downloads it, and which downloads hold one of the planted values. */
const DOWNLOADS: Record<string, (p: Planted) => string[]> = {
  "routes/account.data[.csv]": () => [""],
  // The planted names are changes the trail records; the filters narrow it as the page does.
  "routes/p.$slug.audit[.csv]": () => ["", "?from=2000-01-01"],
  "routes/p.$slug.adoption[.csv]": () => ["?table=by-borough"],
  "routes/p.$slug.dashboard[.csv]": () => ["?table=adoption", "?table=trend", "?table=overdue"],
  "routes/p.$slug.orgs.$org.dashboard[.csv]": () => ["?table=actions"],
  "routes/p.$slug.orgs[.csv]": () => [""],
  "routes/p.$slug.plans.$plan.actions[.]csv": () => [""],
  "routes/p.$slug.plans.$plan.updates[.]csv": () => [""],
  "routes/p.$slug.returns.$quarter.values[.csv]": () => [""],
};

const urlOf = (id: string, query: string) => {
  const route = routes.find((r) => r.id === id);
  if (!route) throw new Error(`${id} is not in the build's routes`);
  return fill(route.pattern, { slug: "cleveland", plan: planted.plan, org: planted.org, quarter: planted.quarter }) + query;
};

beforeAll(async () => {
  routes = await manifestRoutes();
  const owner = server().db.handles.owner;
  const cleveland = await partnershipId(owner, "cleveland");
  const day = today();
  const plan = (
    await owner.selectFrom("delivery_plans").select("id").where("partnership_id", "=", cleveland).where("financial_year", "=", financialYearOf(day)).executeTakeFirstOrThrow()
  ).id;
  // An action with an update this year, and an overdue one, so both carry free text into every plan file.
  const updated = await owner
    .selectFrom("plan_action_updates as u")
    .innerJoin("plan_actions as a", "a.id", "u.action_id")
    .select(["u.id as updateId", "a.id as actionId", "a.lead_organisation_id as lead"])
    .where("a.plan_id", "=", plan)
    .orderBy("a.reference")
    .executeTakeFirstOrThrow();
  await owner.updateTable("plan_actions").set({ title: EVIL }).where("id", "=", updated.actionId).execute();
  await owner
    .updateTable("plan_actions")
    .set({ title: `${EVIL} overdue` })
    .where("plan_id", "=", plan)
    .where("due_on", "<", day)
    .execute();
  await owner
    .updateTable("plan_action_updates")
    .set({ commentary: `@SUM(1+1)*cmd|' /C calc'!A0 ${EVIL}` })
    .where("id", "=", updated.updateId)
    .execute();
  await owner
    .updateTable("boroughs")
    .set({ name: `+${EVIL}` })
    .where("partnership_id", "=", cleveland)
    .where("name", "=", "Hartlepool")
    .execute();
  await owner
    .updateTable("organisations")
    .set({ name: `-${EVIL}` })
    .where("id", "=", await organisationId(owner, "cleveland", "Hartlepool Borough Council"))
    .execute();
  await owner
    .updateTable("users")
    .set({ name: EVIL })
    .where("id", "=", await userId(owner, COORDINATOR))
    .execute();
  planted = { plan, org: updated.lead, quarter: previousQuarter(quarterOf(day)).key };
  coordinator = await signedIn(server().url, COORDINATOR);
});

describe("CSV downloads", () => {
  it("are all listed here", () => {
    expect(CSV_ROUTES.length).toBeGreaterThanOrEqual(8);
    expect(
      CSV_ROUTES.filter((id) => !DOWNLOADS[id]),
      "CSV routes this test does not download",
    ).toEqual([]);
  });

  for (const id of CSV_ROUTES) {
    it(`${id} starts with the byte order mark and guards every cell a spreadsheet would run`, async () => {
      for (const query of DOWNLOADS[id]?.(planted) ?? []) {
        const url = urlOf(id, query);
        const response = await coordinator.get(url);
        expect(response.status, url).toBe(200);
        expect.soft(response.headers.get("content-type"), url).toBe("text/csv; charset=utf-8");
        expect.soft(response.headers.get("content-disposition"), url).toMatch(/^attachment; filename="[\w.-]+\.csv"$/);
        expect.soft(response.headers.get("cache-control"), url).toBe("private, no-store");
        const bytes = new Uint8Array(await response.arrayBuffer());
        expect.soft([...bytes.slice(0, 3)], `${url} starts with the UTF-8 byte order mark`).toEqual([0xef, 0xbb, 0xbf]);
        const cells = (parse(new TextDecoder().decode(bytes), { bom: true, relax_column_count: true }) as string[][]).flat();
        expect.soft(cells.filter((c) => c.includes("evil.example")).length, `${url} holds a planted value`).toBeGreaterThan(0);
        // A cell starting with "-" is fine when it is a number (a negative figure), and only then.
        const live = cells.filter((c) => /^[=+@\t\r]/.test(c) || (c.startsWith("-") && !/^-\d+(\.\d+)?$/.test(c)));
        expect.soft(live, `${url}: cells a spreadsheet would run`).toEqual([]);
      }
    });
  }
});

/** What each upload form posts besides the file, and the name of its file field. */
const UPLOADS: Record<string, Array<{ path: (p: Planted) => string; fields: (p: Planted) => Record<string, string> }>> = {
  "routes/p.$slug.orgs.import": [{ path: () => "/p/cleveland/orgs/import", fields: () => ({}) }],
  "routes/p.$slug.returns.import": [{ path: (p) => `/p/cleveland/returns/import?quarter=${p.quarter}`, fields: (p) => ({ quarter: p.quarter, jobId: crypto.randomUUID() }) }],
  "routes/p.$slug.plans.$plan.upload": [
    { path: (p) => `/p/cleveland/plans/${p.plan}/upload`, fields: () => ({ intent: "upload-actions" }) },
    { path: (p) => `/p/cleveland/plans/${p.plan}/upload`, fields: () => ({ intent: "upload-updates" }) },
  ],
};

/** The same bytes on every run: a PNG's signature, then noise from a fixed seed. */
function binaryBytes(length = 4096) {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let seed = 20260401;
  for (let i = 8; i < length; i++) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    bytes[i] = seed >>> 24;
  }
  return bytes;
}

/** A ZIP's local header and then nothing a ZIP needs: what a half-downloaded .xlsx looks like. */
const damagedWorkbook = () => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...binaryBytes(2048).slice(4)]);
/** Excel keeps a password-protected workbook in an OLE compound file. */
const protectedWorkbook = () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...binaryBytes(2048).slice(8)]);

const FILES: Array<{ name: string; bytes: Uint8Array<ArrayBuffer>; message: string }> = [
  {
    name: "NUL bytes in a CSV",
    bytes: new TextEncoder().encode("name,sector\nTees\u0000Valley Trust,business\n"),
    message: "This file is not a CSV file: it contains binary data",
  },
  { name: "random binary", bytes: binaryBytes(), message: "This file is not a CSV file: it contains binary data" },
  { name: "a damaged Excel workbook", bytes: damagedWorkbook(), message: "This Excel file could not be read: it may be damaged" },
  { name: "a password-protected Excel workbook", bytes: protectedWorkbook(), message: "This file is protected by a password" },
];

describe("CSV uploads", () => {
  it("are all listed here", () => {
    expect(UPLOAD_ROUTES.length).toBeGreaterThanOrEqual(3);
    expect(
      UPLOAD_ROUTES.filter((id) => !UPLOADS[id]),
      "upload forms this test does not post to",
    ).toEqual([]);
  });

  for (const id of UPLOAD_ROUTES) {
    for (const file of FILES) {
      it(`${id} refuses ${file.name} with a message, changing nothing`, async () => {
        const owner = server().db.handles.owner;
        const cleveland = await partnershipId(owner, "cleveland");
        for (const upload of UPLOADS[id] ?? []) {
          const before = await auditCount(owner, cleveland);
          const form = new FormData();
          for (const [k, v] of Object.entries(upload.fields(planted))) form.append(k, v);
          form.append("file", new Blob([file.bytes], { type: "text/csv" }), "upload.csv");
          const url = upload.path(planted);
          const response = await coordinator.post(url, form);
          const html = await response.text();
          expect.soft(response.status, `${url} ${JSON.stringify(upload.fields(planted))}`).toBe(400);
          expect.soft(html).toContain(file.message);
          expect(await auditCount(owner, cleveland)).toBe(before);
        }
      });
    }
  }

  it("reads a file Excel saved as Unicode text with a byte order mark (UTF-16 LE)", async () => {
    const text = "\ufeffname,sector,borough\r\nÉire–Tees Mediation,Voluntary and community,County-wide\r\n";
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    const form = new FormData();
    form.append("file", new Blob([bytes], { type: "text/csv" }), "unicode.csv");
    const response = await coordinator.post("/p/cleveland/orgs/import", form);
    expect(response.status).toBe(302);
    const added = await server().db.handles.owner.selectFrom("organisations").select("name").where("name", "=", "Éire–Tees Mediation").executeTakeFirst();
    expect(added).toEqual({ name: "Éire–Tees Mediation" });
  });
});
