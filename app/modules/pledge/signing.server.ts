/**
 * Signing, renewing and withdrawing. An organisation admin answers question pages into a draft
 * kept on the server, checks the answers and signs; the signature is then history and never
 * changes. Signing while a signature is still current is a renewal that points at it.
 */
import { sql } from "kysely";
import { now } from "../platform/clock.server";
import { THEME_KEYS } from "../delivery/themes";
import type { Tx } from "../tenancy/with-partnership.server";
import { isCurrent, renewalDueFrom, type RenewalWait } from "./status";
import { organisationPledges } from "./status.server";
import { findVersion, latestPublished, type PledgeVersion } from "./versions.server";

export interface SigningDraft {
  versionId: string;
  signatoryName: string | null;
  signatoryTitle: string | null;
  commitments: number[] | null;
  activity: Record<string, string> | null;
  renewsSignatureId: string | null;
  revision: number;
}

type Scope = { partnershipId: string; organisationId: string };

export async function findSigningDraft(tx: Tx, { partnershipId, organisationId }: Scope): Promise<SigningDraft | null> {
  const row = await tx.selectFrom("pledge_signing_drafts").selectAll().where("partnership_id", "=", partnershipId).where("organisation_id", "=", organisationId).executeTakeFirst();
  if (!row) return null;
  return {
    versionId: row.pledge_version_id,
    signatoryName: row.signatory_name,
    signatoryTitle: row.signatory_title,
    commitments: row.commitments,
    activity: row.activity,
    renewsSignatureId: row.renews_signature_id,
    revision: row.revision,
  };
}

export async function lastSignature(tx: Tx, { partnershipId, organisationId }: Scope) {
  return tx
    .selectFrom("pledge_signatures")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .where("organisation_id", "=", organisationId)
    .orderBy("signed_on", "desc")
    .orderBy("created_at", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** What the signing pages need: the draft, the version it signs, and the last signature to start from. */
export async function signingState(tx: Tx, scope: Scope & { on: string }) {
  const [draft, latest, last, pledges, wait] = await Promise.all([
    findSigningDraft(tx, scope),
    latestPublished(tx, scope),
    lastSignature(tx, scope),
    organisationPledges(tx, { partnershipId: scope.partnershipId, on: scope.on, organisationIds: [scope.organisationId] }),
    renewalWait(tx, scope),
  ]);
  const version = draft ? await findVersion(tx, { partnershipId: scope.partnershipId, versionId: draft.versionId }) : latest;
  const pledge = pledges.get(scope.organisationId) ?? { status: "prospect" as const, signature: null };
  return { draft, version, latest, last: last ?? null, pledge, wait };
}

/**
 * A pledge in force is signed again only to renew it (in its last two months) or to sign a newer
 * version the partnership has published; otherwise one organisation could "renew" five times a
 * day. Null when signing is open.
 */
export async function renewalWait(tx: Tx, scope: Scope & { on: string }): Promise<RenewalWait | null> {
  const pledge = (await organisationPledges(tx, { partnershipId: scope.partnershipId, on: scope.on, organisationIds: [scope.organisationId] })).get(scope.organisationId);
  if (!pledge?.signature || pledge.status !== "signed") return null;
  const [signed, latest] = await Promise.all([
    tx.selectFrom("pledge_signatures").select("pledge_version_id").where("partnership_id", "=", scope.partnershipId).where("id", "=", pledge.signature.id).executeTakeFirst(),
    latestPublished(tx, scope),
  ]);
  if (latest && signed && latest.id !== signed.pledge_version_id) return null;
  return { validUntil: pledge.signature.validUntil, renewableFrom: renewalDueFrom(pledge.signature.validUntil) };
}

export type StartResult = { ok: true } | { ok: false; reason: "no-pledge" } | { ok: false; reason: "not-yet"; wait: RenewalWait };

/** Starts the answers afresh, or from the last signature's (same people, same activity; commitments if the text is the same). */
export async function startSigning(tx: Tx, scope: Scope & { userId: string; fromLast: boolean; on: string }): Promise<StartResult> {
  const wait = await renewalWait(tx, scope);
  if (wait) return { ok: false, reason: "not-yet", wait };
  if (await findSigningDraft(tx, scope)) return { ok: true };
  const version = await latestPublished(tx, scope);
  if (!version) return { ok: false, reason: "no-pledge" };
  const last = scope.fromLast ? await lastSignature(tx, scope) : undefined;
  await tx
    .insertInto("pledge_signing_drafts")
    .values({
      partnership_id: scope.partnershipId,
      organisation_id: scope.organisationId,
      pledge_version_id: version.id,
      signatory_name: last?.signatory_name ?? null,
      signatory_title: last?.signatory_title ?? null,
      commitments: last && last.pledge_version_id === version.id ? last.commitments : null,
      activity: last ? JSON.stringify(last.activity) : null,
      started_by: scope.userId,
    })
    .onConflict((oc) => oc.columns(["partnership_id", "organisation_id"]).doNothing())
    .execute();
  return { ok: true };
}

export type DraftUpdate = { ok: true } | { ok: false; reason: "missing" | "stale" };

type DraftAnswers = { signatoryName: string; signatoryTitle: string } | { commitments: number[] } | { activity: Record<string, string> };

export async function answerSigningQuestion(tx: Tx, scope: Scope & { revision: number; answers: DraftAnswers }): Promise<DraftUpdate> {
  const a = scope.answers;
  const set =
    "signatoryName" in a
      ? { signatory_name: a.signatoryName, signatory_title: a.signatoryTitle }
      : "commitments" in a
        ? { commitments: a.commitments }
        : { activity: JSON.stringify(pickThemes(a.activity)) };
  const updated = await tx
    .updateTable("pledge_signing_drafts")
    .set({ ...set, revision: sql`revision + 1`, updated_at: now() })
    .where("partnership_id", "=", scope.partnershipId)
    .where("organisation_id", "=", scope.organisationId)
    .where("revision", "=", scope.revision)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return { ok: true };
  return { ok: false, reason: (await findSigningDraft(tx, scope)) ? "stale" : "missing" };
}

function pickThemes(activity: Record<string, string>) {
  return Object.fromEntries(THEME_KEYS.filter((k) => activity[k]?.trim()).map((k) => [k, activity[k].trim()]));
}

export function commitmentsInRange(commitments: number[], version: PledgeVersion) {
  return commitments.every((n) => Number.isInteger(n) && n >= 1 && n <= version.commitments.length);
}

export type TaskState = "completed" | "incomplete" | "not-started";

/** The task list's view of the answers so far. */
export function signingTasks(draft: SigningDraft | null) {
  return {
    signatory: draft?.signatoryName && draft.signatoryTitle ? "completed" : "not-started",
    commitments: draft?.commitments?.length ? "completed" : "not-started",
    activity: draft?.activity ? "completed" : "not-started",
  } satisfies Record<string, TaskState>;
}

export type SubmitResult =
  | { ok: true; signatureId: string; renewal: boolean }
  | { ok: false; reason: "missing" | "stale" | "incomplete" | "version-changed" }
  | { ok: false; reason: "not-yet"; wait: RenewalWait };

/**
 * Turns the checked answers into a signature. Deleting the draft at the revision that was checked
 * is the lock: a second click, or a colleague submitting at once, finds nothing to sign.
 */
export async function submitSignature(tx: Tx, scope: Scope & { userId: string; revision: number; on: string }): Promise<SubmitResult> {
  const draft = await findSigningDraft(tx, scope);
  if (!draft) return { ok: false, reason: "missing" };
  if (draft.revision !== scope.revision) return { ok: false, reason: "stale" };
  const tasks = signingTasks(draft);
  if (tasks.signatory !== "completed" || tasks.commitments !== "completed") return { ok: false, reason: "incomplete" };
  const wait = await renewalWait(tx, scope);
  if (wait) return { ok: false, reason: "not-yet", wait };
  const latest = await latestPublished(tx, scope);
  if (!latest) return { ok: false, reason: "missing" };
  if (latest.id !== draft.versionId) {
    // A new version was published mid-way: sign that one, after choosing its commitments afresh.
    await tx
      .updateTable("pledge_signing_drafts")
      .set({ pledge_version_id: latest.id, commitments: null, revision: sql`revision + 1`, updated_at: now() })
      .where("partnership_id", "=", scope.partnershipId)
      .where("organisation_id", "=", scope.organisationId)
      .execute();
    return { ok: false, reason: "version-changed" };
  }
  const deleted = await tx
    .deleteFrom("pledge_signing_drafts")
    .where("partnership_id", "=", scope.partnershipId)
    .where("organisation_id", "=", scope.organisationId)
    .where("revision", "=", scope.revision)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return { ok: false, reason: "stale" };

  const { signatureId, renewal } = await recordSignature(tx, {
    ...scope,
    source: "online",
    signature: {
      versionId: draft.versionId,
      signedOn: scope.on,
      signatoryName: draft.signatoryName!,
      signatoryTitle: draft.signatoryTitle!,
      commitments: draft.commitments!,
      activity: draft.activity ?? {},
    },
  });
  return { ok: true, signatureId, renewal };
}

export interface SignatureRecord {
  versionId: string;
  signedOn: string;
  signatoryName: string;
  signatoryTitle: string;
  commitments: number[];
  activity: Record<string, string>;
}

/**
 * Writes a signature, online or from a paper form alike, so the pledge reads signed the same way
 * either way: signing while a signature is current on the day signed renews it.
 */
export async function recordSignature(tx: Tx, scope: Scope & { userId: string; source: "online" | "paper"; signature: SignatureRecord }) {
  const { signature } = scope;
  const pledges = await organisationPledges(tx, { partnershipId: scope.partnershipId, on: signature.signedOn, organisationIds: [scope.organisationId] });
  const current = pledges.get(scope.organisationId);
  const renews = current && isCurrent(current.status) ? current.signature!.id : null;
  const { id } = await tx
    .insertInto("pledge_signatures")
    .values({
      partnership_id: scope.partnershipId,
      organisation_id: scope.organisationId,
      pledge_version_id: signature.versionId,
      signed_on: signature.signedOn,
      signatory_name: signature.signatoryName,
      signatory_title: signature.signatoryTitle,
      commitments: [...new Set(signature.commitments)].sort((a, b) => a - b),
      activity: JSON.stringify(signature.activity),
      submitted_by: scope.userId,
      renews_signature_id: renews,
      source: scope.source,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { signatureId: id, renewal: Boolean(renews) };
}

export async function discardSigning(tx: Tx, scope: Scope) {
  await tx.deleteFrom("pledge_signing_drafts").where("partnership_id", "=", scope.partnershipId).where("organisation_id", "=", scope.organisationId).execute();
}

export type WithdrawResult = { ok: true } | { ok: false; reason: "not-signed" };

/** Withdrawal ends a signed (or lapsed) pledge; the signatures stay in the history. */
export async function withdrawPledge(tx: Tx, scope: Scope & { userId: string; reason: string; on: string }): Promise<WithdrawResult> {
  const pledges = await organisationPledges(tx, { partnershipId: scope.partnershipId, on: scope.on, organisationIds: [scope.organisationId] });
  const status = pledges.get(scope.organisationId)?.status;
  if (!status || status === "prospect" || status === "withdrawn") return { ok: false, reason: "not-signed" };
  await tx
    .insertInto("pledge_withdrawals")
    .values({ partnership_id: scope.partnershipId, organisation_id: scope.organisationId, withdrawn_on: scope.on, reason: scope.reason, recorded_by: scope.userId })
    .execute();
  await discardSigning(tx, scope);
  return { ok: true };
}
