/**
 * The pledge text per partnership: a coordinator edits one draft at a time and publishes it as the
 * next version. A published version never changes (the database refuses it); the next edit starts
 * a new draft from the latest published text.
 */
import { sql } from "kysely";
import { now } from "../platform/clock.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { PLEDGE_TEMPLATE } from "./template";

export interface PledgeText {
  title: string;
  introduction: string;
  commitments: string[];
}

export interface PledgeVersion extends PledgeText {
  id: string;
  version: number | null;
  state: "draft" | "published";
  publishedAt: string | null;
  /** Changes on every save of a draft: a save or publish based on an older revision is refused. */
  revision: string;
}

export const MAX_COMMITMENTS = 20;

const revisionSql = sql<string>`((extract(epoch from updated_at) * 1000000)::bigint)::text`;

function versionsQuery(tx: Tx, partnershipId: string) {
  return tx
    .selectFrom("pledge_versions")
    .select(["id", "version", "state", "title", "introduction", "commitments", "published_at"])
    .select(revisionSql.as("revision"))
    .where("partnership_id", "=", partnershipId);
}

type Row = Awaited<ReturnType<ReturnType<typeof versionsQuery>["executeTakeFirstOrThrow"]>>;

function toVersion(row: Row): PledgeVersion {
  return {
    id: row.id,
    version: row.version,
    state: row.state,
    title: row.title,
    introduction: row.introduction,
    commitments: row.commitments,
    publishedAt: row.published_at ? row.published_at.toISOString() : null,
    revision: row.revision,
  };
}

export async function listVersions(tx: Tx, { partnershipId }: { partnershipId: string }) {
  const rows = await versionsQuery(tx, partnershipId)
    .orderBy(sql`version desc nulls first`)
    .execute();
  const versions = rows.map(toVersion);
  return { draft: versions.find((v) => v.state === "draft") ?? null, published: versions.filter((v) => v.state === "published") };
}

export async function latestPublished(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<PledgeVersion | null> {
  const row = await versionsQuery(tx, partnershipId).where("state", "=", "published").orderBy("version", "desc").limit(1).executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function findVersion(tx: Tx, { partnershipId, versionId }: { partnershipId: string; versionId: string }) {
  const row = await versionsQuery(tx, partnershipId).where("id", "=", versionId).executeTakeFirst();
  return row ? toVersion(row) : null;
}

export async function findDraft(tx: Tx, { partnershipId }: { partnershipId: string }) {
  const row = await versionsQuery(tx, partnershipId).where("state", "=", "draft").executeTakeFirst();
  return row ? toVersion(row) : null;
}

/** The draft, started from the latest published text when there is none. */
export async function startDraft(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<PledgeVersion> {
  const existing = await findDraft(tx, { partnershipId });
  if (existing) return existing;
  const base = await latestPublished(tx, { partnershipId });
  await tx
    .insertInto("pledge_versions")
    .values({
      partnership_id: partnershipId,
      // A first draft starts from the template (pledge/template.ts); later ones from the version in force.
      title: base?.title ?? PLEDGE_TEMPLATE.title,
      introduction: base?.introduction ?? PLEDGE_TEMPLATE.introduction,
      commitments: JSON.stringify(base?.commitments ?? PLEDGE_TEMPLATE.commitments),
    })
    .onConflict((oc) => oc.column("partnership_id").where("state", "=", "draft").doNothing())
    .execute();
  return (await findDraft(tx, { partnershipId }))!;
}

export type DraftChange = { ok: true; draft: PledgeVersion } | { ok: false; reason: "missing" | "stale" };

export async function saveDraft(tx: Tx, { partnershipId, revision, text }: { partnershipId: string; revision: string; text: PledgeText }): Promise<DraftChange> {
  const draft = await findDraft(tx, { partnershipId });
  if (!draft) return { ok: false, reason: "missing" };
  const updated = await tx
    .updateTable("pledge_versions")
    .set({ title: text.title, introduction: text.introduction, commitments: JSON.stringify(text.commitments), updated_at: sql`clock_timestamp()` })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", draft.id)
    .where("state", "=", "draft")
    .where(revisionSql, "=", revision)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return { ok: false, reason: "stale" };
  return { ok: true, draft: (await findDraft(tx, { partnershipId }))! };
}

export type PublishResult = { ok: true; version: number } | { ok: false; reason: "missing" | "stale" | "incomplete" };

/** Publishes exactly the revision the coordinator previewed, as the next version number. */
export async function publishDraft(tx: Tx, { partnershipId, revision }: { partnershipId: string; revision: string }): Promise<PublishResult> {
  const draft = await findDraft(tx, { partnershipId });
  if (!draft) return { ok: false, reason: "missing" };
  if (draft.revision !== revision) return { ok: false, reason: "stale" };
  if (!draft.title.trim() || draft.commitments.length === 0) return { ok: false, reason: "incomplete" };
  // Serialises two publishes at once: the second waits, then sees no draft.
  await sql`select pg_advisory_xact_lock(hashtext('pledge_publish:' || ${partnershipId}))`.execute(tx);
  const last = await tx
    .selectFrom("pledge_versions")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("partnership_id", "=", partnershipId)
    .executeTakeFirst();
  const version = Number(last?.version ?? 0) + 1;
  const updated = await tx
    .updateTable("pledge_versions")
    .set({ state: "published", version, published_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", draft.id)
    .where("state", "=", "draft")
    .where(revisionSql, "=", revision)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return { ok: false, reason: "stale" };
  return { ok: true, version };
}

export async function discardDraft(tx: Tx, { partnershipId }: { partnershipId: string }) {
  await tx.deleteFrom("pledge_versions").where("partnership_id", "=", partnershipId).where("state", "=", "draft").execute();
}
