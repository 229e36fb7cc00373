/**
 * The demo's review of last year's plan, opened through openReview so its snapshot is derived
 * exactly as a real one. Runs after db/seed's steps have laid out the plans (see APP_DEMO_STEPS).
 */
import type { DemoStep } from "../../../db/seed/demo";
import { addDays, financialYearOf } from "../reporting/periods";
import { reviewQuarter, type ThemeKey } from "./plan-terms";
import { planForYear } from "./plans.server";
import { findReview, openReview, saveSummaries } from "./reviews.server";

const SUMMARIES: Record<ThemeKey, string> = {
  communication: "The new brand and leaflet are out. Case studies are slower than hoped because participants' consent comes first.",
  quality: "Youth justice referral pathways are agreed. Accreditation portfolios are on track.",
  sustainability: "Probation teams are briefed and volunteer training is under way.",
  information_sharing: "The sharing agreement is waiting for legal advice on consent; the board is asked to help unblock it.",
  innovation: "The schools pilot is going well.",
  partnership_working: "The Restorative Approaches Forum is established and well attended.",
};

export const openDemoReviews: DemoStep = async (tx, ctx) => {
  const lastYear = financialYearOf(ctx.today) - 1;
  const plan = await planForYear(tx, { partnershipId: ctx.partnershipId, financialYear: lastYear });
  if (!plan) return;
  const openedAt = new Date(`${addDays(reviewQuarter(lastYear, "mid_year").end, 24)}T11:00:00Z`);
  const coordinator = ctx.userIds.get(`coordinator@${ctx.partnership.slug}.demo.test`) ?? null;
  const opened = await openReview(tx, { partnershipId: ctx.partnershipId, planId: plan.id, kind: "mid_year", userId: coordinator, now: openedAt });
  if (!opened.ok) throw new Error(`The demo review did not open: ${opened.message}`);
  const review = (await findReview(tx, { partnershipId: ctx.partnershipId, reviewId: opened.reviewId }))!;
  await saveSummaries(tx, {
    partnershipId: ctx.partnershipId,
    reviewId: review.id,
    version: review.version,
    summary: "Half-way through the year, the plan is about half done, and only one action is at risk. Information sharing needs the board's help.",
    themeSummaries: Object.fromEntries(review.snapshot.themes.map((t) => [t.id, SUMMARIES[t.key]])),
  });
};
