/**
 * Mid-year and end-year reviews. Opening one freezes a snapshot of the plan and the figures as
 * at the end of its quarter (the database refuses any later change to it); the coordinator then
 * writes an overall summary and one per theme for the board.
 */
import type { Tx } from "../tenancy/with-partnership.server";
import { reviewCanOpen, reviewQuarter, type ReviewKind } from "./plan-terms";
import { findPlan, loadPlan } from "./plans.server";
import { reviewFigures } from "./review-figures.server";
import { buildSnapshot, readSnapshot, type ReviewSnapshot } from "./review-snapshot";

type Scope = { partnershipId: string };

export type OpenResult = { ok: true; reviewId: string } | { ok: false; message: string };

export async function openReview(
  tx: Tx,
  { partnershipId, planId, kind, userId, now }: Scope & { planId: string; kind: ReviewKind; userId: string | null; now: Date },
): Promise<OpenResult> {
  const plan = await findPlan(tx, { partnershipId, planId });
  if (!plan) return { ok: false, message: "There is no such plan" };
  const quarter = reviewQuarter(plan.financial_year, kind);
  if (!reviewCanOpen(plan.financial_year, kind, now.toISOString().slice(0, 10))) {
    return { ok: false, message: `This review can be opened once ${quarter.label} has ended, after ${quarter.end}` };
  }
  const existing = await tx
    .selectFrom("plan_reviews")
    .select("id")
    .where("partnership_id", "=", partnershipId)
    .where("plan_id", "=", planId)
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (existing) return { ok: false, message: "This review has already been opened" };
  const figures = await reviewFigures(tx, { partnershipId, quarter: quarter.key });
  const snapshot = buildSnapshot(await loadPlan(tx, { partnershipId, planId }), { kind, quarterKey: quarter.key, takenAt: now, figures });
  const { id } = await tx
    .insertInto("plan_reviews")
    .values({ partnership_id: partnershipId, plan_id: planId, kind, quarter: quarter.key, snapshot: JSON.stringify(snapshot), opened_by: userId, opened_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { ok: true, reviewId: id };
}

export interface Review {
  id: string;
  planId: string;
  kind: ReviewKind;
  quarter: string;
  summary: string | null;
  version: number;
  openedAt: string;
  openedBy: string | null;
  themeSummaries: Record<string, string>;
  snapshot: ReviewSnapshot;
}

export async function findReview(tx: Tx, { partnershipId, reviewId }: Scope & { reviewId: string }): Promise<Review | null> {
  const row = await tx
    .selectFrom("plan_reviews as r")
    .leftJoin("users as u", "u.id", "r.opened_by")
    .select(["r.id", "r.plan_id", "r.kind", "r.quarter", "r.snapshot", "r.summary", "r.version", "r.opened_at", "u.name as opened_by_name"])
    .where("r.partnership_id", "=", partnershipId)
    .where("r.id", "=", reviewId)
    .executeTakeFirst();
  if (!row) return null;
  const summaries = await tx
    .selectFrom("plan_review_summaries")
    .select(["theme_id", "summary"])
    .where("partnership_id", "=", partnershipId)
    .where("review_id", "=", reviewId)
    .execute();
  return {
    id: row.id,
    planId: row.plan_id,
    kind: row.kind,
    quarter: row.quarter,
    summary: row.summary,
    version: row.version,
    openedAt: row.opened_at.toISOString(),
    openedBy: row.opened_by_name,
    themeSummaries: Object.fromEntries(summaries.map((s) => [s.theme_id, s.summary])),
    snapshot: readSnapshot(row.snapshot),
  };
}

export type SummaryResult = { ok: true } | { ok: false; reason: "stale" | "not-found" };

/** Summaries are the coordinator's words, not live data: they stay editable after the freeze. */
export async function saveSummaries(
  tx: Tx,
  {
    partnershipId,
    reviewId,
    version,
    summary,
    themeSummaries,
  }: Scope & { reviewId: string; version: number; summary: string | null; themeSummaries: Record<string, string | null> },
): Promise<SummaryResult> {
  const review = await findReview(tx, { partnershipId, reviewId });
  if (!review) return { ok: false, reason: "not-found" };
  const claimed = await tx
    .updateTable("plan_reviews")
    .set((eb) => ({ version: eb("version", "+", 1), summary }))
    .where("partnership_id", "=", partnershipId)
    .where("id", "=", reviewId)
    .where("version", "=", version)
    .returning("id")
    .executeTakeFirst();
  if (!claimed) return { ok: false, reason: "stale" };
  for (const theme of review.snapshot.themes) {
    const text = themeSummaries[theme.id];
    if (text === undefined) continue;
    if (text === null) {
      await tx.deleteFrom("plan_review_summaries").where("partnership_id", "=", partnershipId).where("review_id", "=", reviewId).where("theme_id", "=", theme.id).execute();
      continue;
    }
    await tx
      .insertInto("plan_review_summaries")
      .values({ partnership_id: partnershipId, review_id: reviewId, theme_id: theme.id, summary: text })
      .onConflict((oc) => oc.columns(["partnership_id", "review_id", "theme_id"]).doUpdateSet({ summary: text }))
      .execute();
  }
  return { ok: true };
}

export async function listReviews(tx: Tx, { partnershipId, planId }: Scope & { planId: string }) {
  const rows = await tx
    .selectFrom("plan_reviews")
    .select(["id", "kind", "quarter", "opened_at"])
    .where("partnership_id", "=", partnershipId)
    .where("plan_id", "=", planId)
    .orderBy("quarter")
    .execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind, quarter: r.quarter, openedAt: r.opened_at.toISOString() }));
}
