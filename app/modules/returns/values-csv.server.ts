/**
 * A quarter's values as CSV: one row per organisation, one column per metric key. Cells are a
 * whole number, "N/A" (not applicable) or empty (not answered) — the three stay distinct both
 * ways. The same shape uploads back: the whole file is checked first, then every changed return
 * is corrected in one transaction through the workflow (all or nothing). A row sets the values of
 * the columns the file has: an empty cell clears an answer, a column left out is not touched,
 * and a row whose values are unchanged changes nothing.
 */
import { z } from "zod";
import { headerKey, readCsv, type CsvProblem, type ColumnSpec } from "../platform/csv/read.server";
import { csvText } from "../platform/csv/write.server";
import { finishImportJob, progressReporter, startImportJob, type ImportJob } from "../imports/jobs.server";
import { parseQuarterKey, type Quarter } from "../reporting/periods";
import { withPartnership, type Tx } from "../tenancy/with-partnership.server";
import { metricsForQuarter, type QuarterMetric } from "./metrics.server";
import { quarterRows } from "./overview.server";
import { STATUS_LABELS } from "./status";
import { csvValue, MAX_VALUE, NOT_APPLICABLE, parseValue, sameValue, type MetricValue } from "./values";
import { correctReturn } from "./workflow.server";

export const FIXED_COLUMNS = ["quarter", "organisation_id", "organisation", "status"] as const;

/** Every stored value of a quarter, by organisation then metric key (all statuses). */
async function quarterValues(tx: Tx, partnershipId: string, quarter: string) {
  const rows = await tx
    .selectFrom("return_values as v")
    .innerJoin("metrics as m", (join) => join.onRef("m.partnership_id", "=", "v.partnership_id").onRef("m.id", "=", "v.metric_id"))
    .select(["v.organisation_id", "m.key", "v.value", "v.not_applicable"])
    .where("v.partnership_id", "=", partnershipId)
    .where("v.quarter", "=", quarter)
    .execute();
  const byOrg = new Map<string, Record<string, MetricValue>>();
  for (const r of rows) byOrg.set(r.organisation_id, { ...byOrg.get(r.organisation_id), [r.key]: r.not_applicable ? NOT_APPLICABLE : r.value });
  return byOrg;
}

export async function quarterValuesCsv(tx: Tx, { partnershipId, quarter, boroughId }: { partnershipId: string; quarter: Quarter; boroughId?: string | null }) {
  const [metrics, rows, values] = await Promise.all([
    metricsForQuarter(tx, { partnershipId, quarter: quarter.key }),
    quarterRows(tx, { partnershipId, quarter, boroughId }),
    quarterValues(tx, partnershipId, quarter.key),
  ]);
  const records = rows.map((r) => [
    quarter.key,
    r.organisationId,
    r.name,
    STATUS_LABELS[r.status ?? "not_started"],
    ...metrics.map((m) => csvValue(values.get(r.organisationId)?.[m.key])),
  ]);
  return csvText([...FIXED_COLUMNS, ...metrics.map((m) => m.key)], records);
}

const Uuid = z.string().uuid();
/** A cell quoted in a message, cut short so one huge cell cannot swamp the report. */
const shown = (cell: string) => (cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);

const CSV_PROBLEMS = {
  not_whole_number: "is not a whole number: enter a whole number 0 or more, N/A for not applicable, or leave it empty if not answered",
  negative: "is negative: figures are 0 or more",
  too_large: `is more than ${MAX_VALUE.toLocaleString("en-GB")}, the largest figure a return takes`,
};

function valueColumn(metric: QuarterMetric): ColumnSpec<MetricValue> {
  return {
    name: metric.key,
    parse: (cell) => {
      const parsed = parseValue(cell);
      return parsed.ok ? parsed : { ok: false, message: `“${shown(cell)}” ${CSV_PROBLEMS[parsed.problem]}` };
    },
  };
}

/** `ignored`: the file's columns this upload does not take, skipped. */
export type ImportOutcome =
  | { kind: "rejected"; problems: CsvProblem[]; ignored: string[] }
  | { kind: "done"; rows: number; returnsChanged: number; valuesChanged: number; ignored: string[] }
  | { kind: "repeat"; job: ImportJob };

/** Checks a whole file and applies it, reporting progress to the job `jobId`. */
export async function importQuarterValues(args: {
  partnershipId: string;
  userId: string;
  quarter: Quarter;
  text: string;
  jobId: string;
  fileName: string;
  /** How the file was read ("Read as Windows-1252, separated by semicolons."), kept in the job's report. */
  reading?: string;
  progressEvery?: number;
}): Promise<ImportOutcome> {
  const { partnershipId, userId, quarter } = args;
  const { metrics, allMetricKeys, organisations } = await withPartnership(partnershipId, userId, async (tx) => ({
    metrics: await metricsForQuarter(tx, { partnershipId, quarter: quarter.key }),
    allMetricKeys: (await tx.selectFrom("metrics").select("key").where("partnership_id", "=", partnershipId).execute()).map((m) => m.key),
    organisations: new Set((await tx.selectFrom("organisations").select("id").where("partnership_id", "=", partnershipId).execute()).map((o) => o.id)),
  }));

  const seen = new Map<string, number>();
  const table = readCsv(args.text, {
    columns: [
      {
        name: "quarter",
        required: true,
        parse: (cell) =>
          cell === quarter.key
            ? { ok: true, value: cell }
            : {
                ok: false,
                message: `This page takes ${quarter.label} (${quarter.key}); the row says “${shown(cell)}”${parseQuarterKey(cell) ? ": upload it on that quarter's page" : ""}`,
              },
      },
      {
        name: "organisation_id",
        required: true,
        parse: (cell) =>
          Uuid.safeParse(cell).success && organisations.has(cell)
            ? { ok: true, value: cell }
            : { ok: false, message: `“${shown(cell)}” is not an organisation of this partnership` },
      },
      { name: "organisation", parse: (cell) => ({ ok: true, value: cell }) },
      { name: "status", parse: (cell) => ({ ok: true, value: cell }) },
    ],
    columnFor: (header) => {
      const metric = metrics.find((m) => headerKey(m.key) === headerKey(header));
      if (metric) return valueColumn(metric);
      const name = allMetricKeys.find((key) => headerKey(key) === headerKey(header));
      if (!name) return null;
      return { name, parse: (cell) => (cell === "" ? { ok: true, value: null } : { ok: false, message: `${name} is not on the ${quarter.label} return; leave its cells empty` }) };
    },
    checkRow: (row) => {
      const id = row.values.organisation_id as string | undefined;
      if (!id) return [];
      const first = seen.get(id);
      if (first === undefined) {
        seen.set(id, row.row);
        return [];
      }
      return [{ row: row.row, column: "organisation_id", message: `This organisation is already on row ${first}` }];
    },
  });

  const started = await startImportJob(partnershipId, userId, {
    id: args.jobId,
    kind: "quarter-values",
    subject: quarter.key,
    fileName: args.fileName,
    totalRows: table.rows.length,
  });
  if (!started.created) return { kind: "repeat", job: started.job };
  const reading = { reading: args.reading ?? "", ignored: table.ignored };
  if (!table.ok) {
    await finishImportJob(partnershipId, userId, args.jobId, {
      status: "rejected",
      processedRows: 0,
      report: { problems: table.problems.slice(0, 1000), problemCount: table.problems.length, ...reading },
    });
    return { kind: "rejected", problems: table.problems, ignored: table.ignored };
  }

  const progress = progressReporter(partnershipId, userId, args.jobId);
  const every = args.progressEvery ?? 50;
  try {
    const counts = await withPartnership(partnershipId, userId, async (tx) => {
      const current = await quarterValues(tx, partnershipId, quarter.key);
      let returnsChanged = 0;
      let valuesChanged = 0;
      for (const [index, row] of table.rows.entries()) {
        const organisationId = row.values.organisation_id as string;
        const changes: Record<string, MetricValue> = {};
        for (const metric of metrics) {
          if (!(metric.key in row.values)) continue;
          const value = row.values[metric.key] as MetricValue;
          if (!sameValue(current.get(organisationId)?.[metric.key], value)) changes[metric.key] = value;
        }
        if (Object.keys(changes).length) {
          const result = await correctReturn(tx, { partnershipId, organisationId, quarter: quarter.key, userId, metrics, values: changes });
          if (!result.ok) throw new Error(`correction refused: ${result.reason}`);
          returnsChanged += 1;
          valuesChanged += Object.keys(changes).length;
        }
        if ((index + 1) % every === 0) progress.report(index + 1, "applying");
      }
      return { returnsChanged, valuesChanged };
    });
    await progress.flush();
    const outcome = { kind: "done" as const, rows: table.rows.length, ...counts, ignored: table.ignored };
    await finishImportJob(partnershipId, userId, args.jobId, { status: "done", processedRows: table.rows.length, report: { ...outcome, ...reading } });
    return outcome;
  } catch (error) {
    await progress.flush();
    await finishImportJob(partnershipId, userId, args.jobId, { status: "failed", processedRows: 0, report: { message: "The upload failed and changed nothing." } });
    throw error;
  }
}
