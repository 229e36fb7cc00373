/**
 * A quarter's values as CSV, round trip: download → upload unchanged changes nothing; a file with
 * bad cells changes nothing and names every bad cell; a good correction goes through the workflow
 * in one transaction, and its progress is visible to others while it runs.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { findImportJob } from "~/modules/imports/jobs.server";
import { previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { RETURN_CHANGE_LISTENERS } from "~/modules/returns/changes.server";
import { loadReturn } from "~/modules/returns/store.server";
import { importQuarterValues, quarterValuesCsv } from "~/modules/returns/values-csv.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { auditCount, organisationId, partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo", { poolSize: 5 });
// The quarter before last: on any day its returns have been reviewed (accepted, returned, missing),
// where last quarter's may all still be coming in.
const quarter = previousQuarter(previousQuarter(quarterOf(today())));
let cleveland = "";
let coordinator = "";
beforeAll(async () => {
  cleveland = await partnershipId(db().handles.owner, "cleveland");
  coordinator = await userId(db().handles.owner, "coordinator@cleveland.demo.test");
});
// The progress test adds a listener of its own; the roll-ups' upkeep, which production always runs, stays.
const PRODUCTION_LISTENERS = [...RETURN_CHANGE_LISTENERS];
afterEach(() => {
  RETURN_CHANGE_LISTENERS.splice(0, RETURN_CHANGE_LISTENERS.length, ...PRODUCTION_LISTENERS);
});

const download = () => withPartnership(cleveland, coordinator, (tx) => quarterValuesCsv(tx, { partnershipId: cleveland, quarter }));
const upload = (text: string, progressEvery?: number) =>
  importQuarterValues({ partnershipId: cleveland, userId: coordinator, quarter, text, jobId: crypto.randomUUID(), fileName: "values.csv", progressEvery });
const table = (text: string) => parse(text, { bom: true }) as string[][];

describe("quarter values as CSV", () => {
  it("downloads one row per organisation and one column per metric, with N/A, 0 and empty kept apart", async () => {
    const rows = table(await download());
    expect(rows[0].slice(0, 5)).toEqual(["quarter", "organisation_id", "organisation", "status", "referrals_made"]);
    expect(rows[0]).toContain("accredited_practitioners");
    const cells = rows.slice(1).flatMap((r) => r.slice(4));
    expect(cells).toContain("N/A");
    expect(cells).toContain("0");
    expect(cells).toContain("");
    expect(new Set(rows.slice(1).map((r) => r[1])).size).toBe(rows.length - 1);
  });

  it("changes nothing when the download is uploaded unchanged", async () => {
    const before = await auditCount(db().handles.owner, cleveland);
    expect(await upload(await download())).toMatchObject({ kind: "done", returnsChanged: 0, valuesChanged: 0 });
    expect(await auditCount(db().handles.owner, cleveland)).toBe(before);
  });

  it("changes nothing when any cell is bad, and reports each bad cell by row and column", async () => {
    const rows = table(await download());
    const col = (key: string) => rows[0].indexOf(key);
    rows[1][col("referrals_made")] = "12.5";
    rows[2][col("staff_briefed")] = "-4";
    rows[3][col("organisation_id")] = "00000000-0000-0000-0000-000000000000";
    rows[4][col("quarter")] = "1999Q1";
    rows[5][col("referrals_made")] = "3"; // a good change in a bad file must not go in either
    const before = await auditCount(db().handles.owner, cleveland);
    const outcome = await upload(stringify(rows));
    expect(outcome.kind).toBe("rejected");
    const problems = (outcome as { problems: Array<{ row: number; column: string }> }).problems;
    expect(problems.map((p) => [p.row, p.column])).toEqual([
      [2, "referrals_made"],
      [3, "staff_briefed"],
      [4, "organisation_id"],
      [5, "quarter"],
    ]);
    expect(await auditCount(db().handles.owner, cleveland)).toBe(before);
  });

  it("corrects changed values through the workflow: a missing return becomes submitted, others keep their status", async () => {
    const rows = table(await download());
    const col = (key: string) => rows[0].indexOf(key);
    const missing = rows.findIndex((r) => r[3] === "Not started");
    const accepted = rows.findIndex((r) => r[3] === "Accepted");
    rows[missing][col("referrals_made")] = "6";
    rows[missing][col("victims_offered")] = "N/A";
    rows[accepted][col("staff_briefed")] = "";
    const outcome = await upload(stringify(rows));
    expect(outcome).toMatchObject({ kind: "done", returnsChanged: 2, valuesChanged: 3 });
    const load = (id: string) => withPartnership(cleveland, coordinator, (tx) => loadReturn(tx, { partnershipId: cleveland, organisationId: id, quarter: quarter.key }));
    const wasMissing = await load(rows[missing][1]);
    expect(wasMissing.row?.status).toBe("submitted");
    expect(wasMissing.input.values).toEqual({ referrals_made: 6, victims_offered: "na" });
    const wasAccepted = await load(rows[accepted][1]);
    expect(wasAccepted.row?.status).toBe("accepted");
    expect(wasAccepted.input.values.staff_briefed).toBeUndefined();
    const { rows: kinds } = await sql<{
      kind: string;
    }>`select kind from return_versions where partnership_id = ${cleveland} and organisation_id = ${rows[accepted][1]} and quarter = ${quarter.key} order by version desc limit 1`.execute(
      db().handles.owner,
    );
    expect(kinds).toEqual([{ kind: "corrected" }]);
  });

  it("shows its progress to others while the upload's transaction is still open", async () => {
    const rows = table(await download());
    const col = rows[0].indexOf("awareness_sessions");
    for (const row of rows.slice(1)) row[col] = String(Number(row[col] || 0) + 100);
    const jobSeen: number[] = [];
    let changes = 0;
    RETURN_CHANGE_LISTENERS.push(async () => {
      changes += 1;
      if (changes !== 6) return;
      // From another connection: the job's progress is visible, the corrections are not yet.
      for (let attempt = 0; attempt < 200 && !jobSeen.length; attempt++) {
        const job = await db().handles.owner.selectFrom("import_jobs").select(["processed_rows", "status"]).where("status", "=", "applying").executeTakeFirst();
        if (job) jobSeen.push(job.processed_rows);
        else await new Promise((r) => setTimeout(r, 10));
      }
    });
    const jobId = crypto.randomUUID();
    const outcome = await importQuarterValues({ partnershipId: cleveland, userId: coordinator, quarter, text: stringify(rows), jobId, fileName: "bump.csv", progressEvery: 2 });
    expect(outcome).toMatchObject({ kind: "done", returnsChanged: rows.length - 1 });
    expect(jobSeen.length).toBe(1);
    expect(jobSeen[0]).toBeGreaterThan(0);
    expect(jobSeen[0]).toBeLessThan(rows.length - 1);
    const job = await withPartnership(cleveland, coordinator, (tx) => findImportJob(tx, { partnershipId: cleveland, jobId }));
    expect(job).toMatchObject({ status: "done", processedRows: rows.length - 1, totalRows: rows.length - 1 });
  });

  it("recognises a repeated post of the same upload and does not import it twice", async () => {
    const jobId = crypto.randomUUID();
    const text = await download();
    const first = await importQuarterValues({ partnershipId: cleveland, userId: coordinator, quarter, text, jobId, fileName: "a.csv" });
    const again = await importQuarterValues({ partnershipId: cleveland, userId: coordinator, quarter, text, jobId, fileName: "a.csv" });
    expect(first.kind).toBe("done");
    expect(again).toMatchObject({ kind: "repeat", job: { id: jobId, status: "done" } });
  });

  it("takes thousands of rows in one go", async () => {
    const owner = db().handles.owner;
    const names = Array.from({ length: 2000 }, (_, i) => ({ partnership_id: cleveland, name: `Scale Test Organisation ${i}`, sector: "business" as const, borough_id: null }));
    const ids = (await owner.insertInto("organisations").values(names).returning("id").execute()).map((r) => r.id);
    const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const csv = stringify([
      ["quarter", "organisation_id", "referrals_made", "staff_briefed"],
      ...ids.map((id, i) => [quarter.key, id, String(i % 7), i % 5 ? "N/A" : ""]),
      [quarter.key, hartlepool, "", ""],
    ]);
    const outcome = await upload(csv, 250);
    expect(outcome).toMatchObject({ kind: "done", rows: 2001 });
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from return_values where partnership_id = ${cleveland} and quarter = ${quarter.key} and organisation_id = any(${ids})`.execute(owner);
    expect(rows[0].n).toBe(2000 + 1600);
  });
});
