/**
 * "Invite every organisation without an administrator": an org-admin invitation to each
 * organisation's contact email, for a partnership's first day (300 organisations from one
 * spreadsheet). It runs as an import job (imports/jobs.server): each invitation commits in a
 * transaction of its own, so the page shows progress and one refused address stops no other.
 * The page picks the job's id, so a double post finds the job already running; and a job already
 * running for the partnership is answered instead of starting a second one.
 */
import { sql } from "kysely";
import { deliverSoon } from "../notify/delivery.server";
import { epochMs } from "../platform/clock.server";
import { logger } from "../platform/logger.server";
import { findImportJob, finishImportJob, progressReporter, startImportJob } from "../imports/jobs.server";
import { withPartnership, type Tx } from "../tenancy/with-partnership.server";
import { createInvitation } from "./invitations.server";

export const INVITE_ALL_KIND = "invite-all";

export interface InviteAllReport {
  invited: number;
  /** Organisations without an administrator that have no contact email, by name. */
  noContact: string[];
  /** Already sent an invitation nobody has accepted yet (skipped unless sending again). */
  alreadyInvited: number;
  failed: Array<{ name: string; message: string }>;
  resend: boolean;
}

interface Candidate {
  id: string;
  name: string;
  contact_name: string | null;
  contact_email: string | null;
  pending: boolean;
}

/** Organisations still in the programme with no org administrator, and whether an invitation to run one is pending. */
async function organisationsWithoutAdmin(tx: Tx, partnershipId: string): Promise<Candidate[]> {
  const at = new Date(epochMs());
  return tx
    .selectFrom("organisations as o")
    .select(["o.id", "o.name", "o.contact_name", "o.contact_email"])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom("invitations as i")
            .select(sql`1`.as("one"))
            .whereRef("i.partnership_id", "=", "o.partnership_id")
            .whereRef("i.organisation_id", "=", "o.id")
            .where("i.role", "=", "org_admin")
            .where("i.accepted_at", "is", null)
            .where("i.cancelled_at", "is", null)
            .where("i.expires_at", ">", at),
        )
        .as("pending"),
    )
    .where("o.partnership_id", "=", partnershipId)
    .where("o.withdrawn_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("organisation_members as om")
            .innerJoin("users as u", "u.id", "om.user_id")
            .select(sql`1`.as("one"))
            .whereRef("om.partnership_id", "=", "o.partnership_id")
            .whereRef("om.organisation_id", "=", "o.id")
            .where("om.role", "=", "org_admin")
            .where("u.disabled_at", "is", null),
        ),
      ),
    )
    .orderBy("o.name")
    .execute() as Promise<Candidate[]>;
}

export interface InviteAllPreview {
  toInvite: number;
  pending: number;
  noContact: number;
}

/** What each button would do now: for the page before anything is sent. */
export async function previewInviteAll(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<InviteAllPreview> {
  const all = await organisationsWithoutAdmin(tx, partnershipId);
  const withContact = all.filter((o) => o.contact_email);
  return {
    toInvite: withContact.filter((o) => !o.pending).length,
    pending: withContact.filter((o) => o.pending).length,
    noContact: all.length - withContact.length,
  };
}

export type InviteAllStart = {
  jobId: string;
  started: boolean;
  finished: Promise<void>;
};

export async function startInviteAll({
  partnershipId,
  userId,
  jobId,
  resend,
  origin,
}: {
  partnershipId: string;
  userId: string;
  jobId: string;
  resend: boolean;
  origin: string;
}): Promise<InviteAllStart> {
  const { candidates, running } = await withPartnership(partnershipId, userId, async (tx) => ({
    candidates: await organisationsWithoutAdmin(tx, partnershipId),
    running: await tx
      .selectFrom("import_jobs")
      .select("id")
      .where("partnership_id", "=", partnershipId)
      .where("kind", "=", INVITE_ALL_KIND)
      .where("status", "in", ["checking", "applying"])
      .executeTakeFirst(),
  }));
  if (running) return { jobId: running.id, started: false, finished: Promise.resolve() };
  const noContact = candidates.filter((o) => !o.contact_email).map((o) => o.name);
  const alreadyInvited = resend ? 0 : candidates.filter((o) => o.contact_email && o.pending).length;
  const toInvite = candidates.filter((o) => o.contact_email && (resend || !o.pending));
  const subject = resend ? "Invitations sent again" : "Invitations to organisations without an administrator";
  const job = await startImportJob(partnershipId, userId, {
    id: jobId,
    kind: INVITE_ALL_KIND,
    subject,
    fileName: "",
    totalRows: toInvite.length,
  });
  if (!job.created) return { jobId, started: false, finished: Promise.resolve() };
  const finished = sendInvitations({
    partnershipId,
    userId,
    jobId,
    origin,
    toInvite,
    report: { invited: 0, noContact, alreadyInvited, failed: [], resend },
  }).catch(async (error: Error) => {
    logger.error({ err: error, jobId }, "invite-all failed");
    await finishImportJob(partnershipId, userId, jobId, {
      status: "failed",
      processedRows: 0,
      report: {
        message: "Sending the invitations stopped. Those sent are kept; start again to send the rest.",
      },
    });
  });
  return { jobId, started: true, finished };
}

async function sendInvitations(job: { partnershipId: string; userId: string; jobId: string; origin: string; toInvite: Candidate[]; report: InviteAllReport }) {
  const { partnershipId, userId, jobId, report } = job;
  const progress = progressReporter(partnershipId, userId, jobId);
  progress.report(0, "applying");
  let processed = 0;
  for (const o of job.toInvite) {
    try {
      const outcome = await withPartnership(partnershipId, userId, (tx) =>
        createInvitation(tx, {
          partnershipId,
          email: o.contact_email!,
          name: o.contact_name,
          role: "org_admin",
          organisationId: o.id,
          invitedBy: userId,
          origin: job.origin,
        }),
      );
      if (outcome.ok) report.invited++;
      else report.failed.push({ name: o.name, message: outcome.message });
    } catch (error) {
      logger.warn({ err: error, organisationId: o.id, jobId }, "invitation not sent");
      report.failed.push({
        name: o.name,
        message: "The invitation could not be sent",
      });
    }
    processed++;
    if (processed % 10 === 0) {
      progress.report(processed);
      deliverSoon(partnershipId);
    }
  }
  await progress.flush();
  await finishImportJob(partnershipId, userId, jobId, {
    status: "done",
    processedRows: processed,
    report: { ...report },
  });
  deliverSoon(partnershipId);
}

export async function findInviteAllJob(tx: Tx, { partnershipId, jobId }: { partnershipId: string; jobId: string }) {
  const job = await findImportJob(tx, { partnershipId, jobId });
  if (!job || job.kind !== INVITE_ALL_KIND) return null;
  return {
    id: job.id,
    status: job.status,
    processedRows: job.processedRows,
    totalRows: job.totalRows,
    report: job.report as Partial<InviteAllReport> & { message?: string },
  };
}
