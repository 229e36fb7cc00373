/**
 * Returns on the embedded engine `npm start` uses: PGlite serialises connections, so the workflow's
 * row locks and an upload's progress writes (sent from outside its transaction) must not wait on
 * each other forever.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases, installDatabases, openDatabases } from "~/db.server";
import { migrateToLatest } from "~/modules/platform/migrate.server";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { findImportJob } from "~/modules/imports/jobs.server";
import { importQuarterValues } from "~/modules/returns/values-csv.server";
import { saveReturnForm } from "~/modules/returns/workflow.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gt-pglite-returns-"));
const handles = openDatabases({ dataDir });
installDatabases(handles);
const quarter = quarterOf(today());
let partnershipId = "";
let userId = "";
const organisations: string[] = [];

beforeAll(async () => {
  await migrateToLatest(handles.owner);
  userId = (await handles.owner.insertInto("users").values({ email: "c@example.org", name: "C" }).returning("id").executeTakeFirstOrThrow()).id;
  await handles.owner.transaction().execute(async (tx) => {
    await sql`select set_config('app.platform_admin', 'on', true)`.execute(tx);
    partnershipId = (await tx.insertInto("partnerships").values({ slug: "testshire", name: "Testshire", county: "Testshire" }).returning("id").executeTakeFirstOrThrow()).id;
    await sql`select set_config('app.partnership_id', ${partnershipId}, true)`.execute(tx);
    for (let i = 0; i < 12; i++) {
      organisations.push(
        (
          await tx
            .insertInto("organisations")
            .values({ partnership_id: partnershipId, name: `Org ${i}`, sector: "housing" })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id,
      );
    }
  });
}, 120_000);

afterAll(async () => {
  await closeDatabases();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("returns on PGlite", () => {
  it("submits a return once, however many times it is posted at once", async () => {
    const submit = () =>
      withPartnership(partnershipId, userId, (tx) =>
        saveReturnForm(tx, {
          partnershipId,
          organisationId: organisations[0],
          quarter: quarter.key,
          userId,
          intent: "submit",
          baseVersion: 0,
          posted: { "value.referrals_made": "4" },
          confirmed: true,
          settings: { deadlineDays: 30, graceDays: 30 },
          today: today(),
        }),
      );
    const outcomes = await Promise.all([submit(), submit(), submit()]);
    expect(outcomes.map((o) => (o.kind === "done" ? o.outcome : o.kind)).sort()).toEqual(["already_submitted", "already_submitted", "submitted"]);
  });

  it("finishes an upload whose progress is reported row by row", { timeout: 60_000 }, async () => {
    const jobId = crypto.randomUUID();
    const csv = ["quarter,organisation_id,staff_briefed", ...organisations.map((id, i) => `${quarter.key},${id},${i}`)].join("\n");
    const outcome = await importQuarterValues({ partnershipId, userId, quarter, text: csv, jobId, fileName: "x.csv", progressEvery: 1 });
    expect(outcome).toMatchObject({ kind: "done", returnsChanged: 12 });
    const job = await withPartnership(partnershipId, userId, (tx) => findImportJob(tx, { partnershipId, jobId }));
    expect(job).toMatchObject({ status: "done", processedRows: 12 });
  });
});
