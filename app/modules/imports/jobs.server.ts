/**
 * Import jobs: the row a long upload reports its progress to. The upload itself runs in one
 * transaction (all or nothing), so progress cannot live inside it — nobody would see it before
 * the end. These functions write in transactions of their own instead, committed at once, and
 * progress ticks are sent without waiting (on the embedded database they queue behind the upload
 * and land at its end, which is harmless).
 * The page chooses the job's id before uploading, so it can poll it while the upload runs, and a
 * repeated post of the same upload finds the job instead of importing twice.
 */
import { sql } from "kysely";
import { now } from "../platform/clock.server";
import type { ImportJobStatus } from "../../../db/types";
import { logger } from "../platform/logger.server";
import { withPartnership, type Tx } from "../tenancy/with-partnership.server";

export interface ImportJob {
  id: string;
  kind: string;
  subject: string;
  fileName: string;
  status: ImportJobStatus;
  totalRows: number;
  processedRows: number;
  report: Record<string, unknown>;
  createdAt: Date;
  finishedAt: Date | null;
}

export async function findImportJob(tx: Tx, { partnershipId, jobId }: { partnershipId: string; jobId: string }): Promise<ImportJob | null> {
  const row = await tx.selectFrom("import_jobs").selectAll().where("partnership_id", "=", partnershipId).where("id", "=", jobId).executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    subject: row.subject,
    fileName: row.file_name,
    status: row.status,
    totalRows: row.total_rows,
    processedRows: row.processed_rows,
    report: row.report as Record<string, unknown>,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Records a new job, committed at once. Returns the existing job instead when the id is taken. */
export async function startImportJob(
  partnershipId: string,
  userId: string,
  job: { id: string; kind: string; subject: string; fileName: string; totalRows: number },
): Promise<{ created: true } | { created: false; job: ImportJob }> {
  return withPartnership(partnershipId, userId, async (tx) => {
    const inserted = await tx
      .insertInto("import_jobs")
      .values({
        partnership_id: partnershipId,
        id: job.id,
        kind: job.kind,
        subject: job.subject.slice(0, 200),
        file_name: job.fileName.replaceAll("\u0000", "").slice(0, 300),
        total_rows: job.totalRows,
        report: JSON.stringify({}),
        created_by: userId,
      })
      .onConflict((oc) => oc.columns(["partnership_id", "id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return { created: true as const };
    return { created: false as const, job: (await findImportJob(tx, { partnershipId, jobId: job.id }))! };
  });
}

export interface ProgressReporter {
  /** Notes progress; written soon, without holding up the caller. */
  report(processedRows: number, status?: "checking" | "applying"): void;
  /** Waits for every progress write sent so far. */
  flush(): Promise<void>;
}

export function progressReporter(partnershipId: string, userId: string, jobId: string): ProgressReporter {
  let chain: Promise<void> = Promise.resolve();
  return {
    report(processedRows, status) {
      chain = chain.then(() =>
        withPartnership(partnershipId, userId, async (tx) => {
          await tx
            .updateTable("import_jobs")
            .set({ processed_rows: sql<number>`greatest(processed_rows, ${processedRows})`, ...(status ? { status } : {}) })
            .where("partnership_id", "=", partnershipId)
            .where("id", "=", jobId)
            .where("status", "in", ["checking", "applying"])
            .execute();
        }).catch((error: Error) => logger.warn({ err: error.message, jobId }, "import progress not recorded")),
      );
    },
    flush: () => chain,
  };
}

export async function finishImportJob(
  partnershipId: string,
  userId: string,
  jobId: string,
  outcome: { status: "done" | "rejected" | "failed"; processedRows: number; report: Record<string, unknown> },
) {
  await withPartnership(partnershipId, userId, (tx) =>
    tx
      .updateTable("import_jobs")
      .set({ status: outcome.status, processed_rows: outcome.processedRows, report: JSON.stringify(outcome.report), finished_at: now() })
      .where("partnership_id", "=", partnershipId)
      .where("id", "=", jobId)
      .execute(),
  );
}
