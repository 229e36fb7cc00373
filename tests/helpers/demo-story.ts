/**
 * What the README promises the demo holds, on whatever day it is loaded, read the way the app reads
 * it (its own rules for lateness, locks, pledge status and to-dos). Returns what is missing, in
 * words, so a failing day says which part of the story it lost.
 */
import { sql, type Kysely } from "kysely";
import type { Database, ReturnStatus } from "../../db/types";
import { organisationNudges } from "~/modules/pledge/nudges.server";
import { expectedToReport, organisationPledges } from "~/modules/pledge/status.server";
import { dueDate, financialYearOf, parseQuarterKey, previousQuarter, quarterOf, type Quarter } from "~/modules/reporting/periods";
import { lockState, timeliness } from "~/modules/returns/calendar";
import { reportingSettings } from "~/modules/returns/form-page.server";
import { countsForFigures } from "~/modules/returns/status";

const STATUSES: ReturnStatus[] = ["draft", "submitted", "resubmitted", "accepted", "returned"];

export async function demoStoryProblems(owner: Kysely<Database>, { now, today }: { now: Date; today: string }): Promise<string[]> {
  const problems: string[] = [];
  const current = quarterOf(today);
  const last = previousQuarter(current);
  const partnerships = await owner.selectFrom("partnerships").select(["id", "slug", "deadline_days", "grace_days"]).where("is_demo", "=", true).orderBy("slug").execute();
  if (partnerships.map((p) => p.slug).join() !== "cleveland,hampshire") problems.push(`demo partnerships: ${partnerships.map((p) => p.slug).join()}`);

  for (const p of partnerships) {
    const say = (what: string) => problems.push(`${p.slug}: ${what}`);
    const settings = reportingSettings(p);
    const returns = await owner
      .selectFrom("quarterly_returns as r")
      .innerJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "r.partnership_id").onRef("o.id", "=", "r.organisation_id"))
      .select(["r.organisation_id", "o.name", "r.quarter", "r.status", "r.first_submitted_at", "r.return_reason"])
      .where("r.partnership_id", "=", p.id)
      .execute();
    const exceptions = await owner.selectFrom("return_lock_exceptions").select(["organisation_id", "quarter", "open_until"]).where("partnership_id", "=", p.id).execute();

    const statuses = new Set(returns.map((r) => r.status));
    for (const s of STATUSES) if (!statuses.has(s)) say(`no ${s} return`);
    const counted = returns.filter((r) => countsForFigures(r.status) && r.quarter < current.key);
    if (new Set(counted.map((r) => r.quarter)).size < 8) say(`returns counted in ${new Set(counted.map((r) => r.quarter)).size} ended quarters, fewer than 8`);
    const quarterOfReturn = (key: string) => parseQuarterKey(key)!;
    if (!counted.some((r) => timeliness(r.first_submitted_at, dueDate(quarterOfReturn(r.quarter), settings.deadlineDays)) === "late")) say("no late return");
    if (returns.some((r) => r.quarter > current.key)) say("a return for a quarter that has not started");
    if (returns.some((r) => r.first_submitted_at && r.first_submitted_at > now)) say("a return submitted later than the moment the demo was loaded");

    // Missing: an organisation expected to report for a locked quarter that has no return counting.
    let missing = 0;
    for (let q: Quarter = previousQuarter(last), i = 0; i < 6; q = previousQuarter(q), i++) {
      const expected = await owner.transaction().execute((tx) => expectedToReport(tx, { partnershipId: p.id, quarter: q }));
      const inQuarter = new Set(returns.filter((r) => r.quarter === q.key && countsForFigures(r.status)).map((r) => r.organisation_id));
      missing += expected.filter((id) => !inQuarter.has(id)).length;
    }
    if (missing === 0) say("no missing return in a locked quarter");

    // A return sent back that its organisation can correct now (its quarter reopened for it), and one corrected and awaiting review.
    const sentBack = returns.filter((r) => r.status === "returned" && r.return_reason);
    const correctable = sentBack.filter(
      (r) =>
        !lockState(
          quarterOfReturn(r.quarter),
          settings,
          today,
          "returned",
          exceptions.find((e) => e.organisation_id === r.organisation_id && e.quarter === r.quarter)?.open_until ?? null,
        ).locked,
    );
    if (correctable.length === 0) say("no return sent back that its organisation can correct today");
    if (!returns.some((r) => r.status === "resubmitted" && r.quarter < current.key)) say("no corrected return awaiting review");
    if (!returns.some((r) => r.status === "draft" && r.quarter === current.key)) say(`no draft for this quarter (${current.key})`);

    // Pledges and champions, as each organisation's to-do list shows them today.
    const pledges = await owner.transaction().execute((tx) => organisationPledges(tx, { partnershipId: p.id, on: today }));
    const statusesToday = [...pledges.values()].map((pledge) => pledge.status as string);
    for (const s of ["prospect", "signed", "renewal_due", "lapsed", "withdrawn"]) if (!statusesToday.includes(s)) say(`no ${s} organisation`);
    const nudges = [...(await owner.transaction().execute((tx) => organisationNudges(tx, { partnershipId: p.id, on: today }))).values()].flat();
    if (!nudges.some((n) => n.kind === "renewal" && n.reminder)) say("no pledge due for renewal with a reminder to send");
    if (!nudges.some((n) => n.kind === "vacancy")) say("no champion post left empty");
    if (p.slug === "cleveland" && !nudges.some((n) => n.kind === "accreditation" && n.reminder)) say("no accreditation about to expire");

    // Plans: this financial year's and last year's, with last year's mid-year review.
    const year = financialYearOf(today);
    const plans = await owner.selectFrom("delivery_plans").select(["id", "financial_year"]).where("partnership_id", "=", p.id).execute();
    for (const y of [year - 1, year]) if (!plans.some((plan) => plan.financial_year === y)) say(`no delivery plan for ${y}`);
    const lastPlan = plans.find((plan) => plan.financial_year === year - 1);
    if (lastPlan && !(await owner.selectFrom("plan_reviews").select("id").where("plan_id", "=", lastPlan.id).where("kind", "=", "mid_year").executeTakeFirst()))
      say("no mid-year review of last year's plan");
    const invitation = await owner.selectFrom("invitations").select("expires_at").where("partnership_id", "=", p.id).where("accepted_at", "is", null).executeTakeFirst();
    if (!invitation || invitation.expires_at <= now) say("no pending invitation that still works");

    if (p.slug === "cleveland") {
      const { rows } = await sql<{ version: number; valid_from: string }>`
        select d.version, d.valid_from from metric_definitions d join metrics m on m.partnership_id = d.partnership_id and m.id = d.metric_id
        where d.partnership_id = ${p.id} and m.key = 'referrals_received' order by d.version`.execute(owner);
      if (rows.length !== 2 || rows[1].valid_from > current.key) say("no change to what counts as a referral received");
      const hartlepool = returns.filter((r) => r.name === "Hartlepool Borough Council");
      if (hartlepool.find((r) => r.quarter === current.key)?.status !== "draft") say("Hartlepool Borough Council has no draft for this quarter");
      if (hartlepool.find((r) => r.quarter === last.key)?.status !== "submitted") say("Hartlepool Borough Council's return for last quarter is not awaiting review");
    }
  }
  return problems;
}
