/**
 * Demo metric frameworks and quarterly returns: ten quarters back from the seeding day, with
 * figures that vary by sector, season and organisation, slow growth, some "not applicable", and
 * returns that are late, missing, returned for changes or still in draft. Cleveland changed what
 * counts as a referral received four quarters ago, so charts have a definition change to mark.
 * Hartlepool Borough Council (the demo champion's organisation) has last quarter's return awaiting
 * review and a draft for the current quarter.
 * Written directly (db/ cannot use the app's workflow), in the shapes the workflow writes.
 */
import { DEFAULT_METRICS, FRAMEWORK_START } from "../metric-defaults";
import type { ReturnSnapshot, ReturnStatus, ReturnVersionKind } from "../types";
import { demoRandom } from "./calendar";
import type { DemoStep } from "./demo";
import { addDays, dueOn, quarterEnd, quarterKeyOf, shiftQuarter } from "./quarters";

const QUARTERS_BACK = 10;
const DEADLINE_DAYS = 30;

/** Typical quarterly figures by sector; "na" where the metric does not apply to such an organisation. */
type Profile = Partial<Record<string, number | "na">>;
const NA = "na" as const;
const PROFILES: Record<string, Profile> = {
  victim_services: { referrals_made: 3, referrals_received: 28, self_referrals: 5, victims_offered: 45, processes_direct: 7, processes_indirect: 9, restorative_approaches: 4, staff_briefed: 8, staff_trained: 1, accredited_practitioners: 6, awareness_sessions: 3, feedback_responses: 12 },
  police: { referrals_made: 34, referrals_received: NA, self_referrals: NA, victims_offered: 70, processes_direct: NA, processes_indirect: NA, restorative_approaches: 6, staff_briefed: 55, staff_trained: 3, accredited_practitioners: 2, awareness_sessions: 5, feedback_responses: NA },
  local_authority: { referrals_made: 9, referrals_received: 4, self_referrals: 1, victims_offered: NA, processes_direct: 1, processes_indirect: 1, restorative_approaches: 8, staff_briefed: 24, staff_trained: 1, accredited_practitioners: 1, awareness_sessions: 3, feedback_responses: 4 },
  youth_justice: { referrals_made: 4, referrals_received: 11, self_referrals: NA, victims_offered: 14, processes_direct: 4, processes_indirect: 6, restorative_approaches: 5, staff_briefed: 9, staff_trained: 1, accredited_practitioners: 3, awareness_sessions: 2, feedback_responses: 7 },
  housing: { referrals_made: 5, referrals_received: 3, self_referrals: 1, victims_offered: NA, processes_direct: NA, processes_indirect: NA, restorative_approaches: 12, staff_briefed: 10, staff_trained: 1, accredited_practitioners: 0, awareness_sessions: 2, feedback_responses: 6 },
  education: { referrals_made: 2, referrals_received: NA, self_referrals: NA, victims_offered: NA, processes_direct: NA, processes_indirect: NA, restorative_approaches: 16, staff_briefed: 18, staff_trained: 1, accredited_practitioners: 0, awareness_sessions: 4, feedback_responses: 9 },
  health: { referrals_made: 3, referrals_received: NA, self_referrals: NA, victims_offered: NA, processes_direct: NA, processes_indirect: NA, restorative_approaches: NA, staff_briefed: 20, staff_trained: 0, accredited_practitioners: 0, awareness_sessions: 2, feedback_responses: NA },
  probation: { referrals_made: 13, referrals_received: NA, self_referrals: NA, victims_offered: NA, processes_direct: 2, processes_indirect: 3, restorative_approaches: NA, staff_briefed: 16, staff_trained: 1, accredited_practitioners: 1, awareness_sessions: 2, feedback_responses: 3 },
  prison: { referrals_made: 6, referrals_received: 4, self_referrals: 2, victims_offered: NA, processes_direct: 2, processes_indirect: 4, restorative_approaches: 3, staff_briefed: 12, staff_trained: 1, accredited_practitioners: 1, awareness_sessions: 2, feedback_responses: 4 },
  voluntary_community: { referrals_made: 3, referrals_received: 9, self_referrals: 4, victims_offered: 5, processes_direct: 2, processes_indirect: 2, restorative_approaches: 10, staff_briefed: 6, staff_trained: 1, accredited_practitioners: 2, awareness_sessions: 3, feedback_responses: 8 },
  business: { referrals_made: 1, referrals_received: NA, self_referrals: NA, victims_offered: NA, processes_direct: NA, processes_indirect: NA, restorative_approaches: 1, staff_briefed: 4, staff_trained: 0, accredited_practitioners: NA, awareness_sessions: 1, feedback_responses: NA },
  faith: { referrals_made: 1, referrals_received: 1, self_referrals: 1, victims_offered: NA, processes_direct: NA, processes_indirect: NA, restorative_approaches: 3, staff_briefed: 5, staff_trained: 0, accredited_practitioners: NA, awareness_sessions: 2, feedback_responses: 2 },
};
const ESTABLISHED = new Set(["police", "probation", "victim_services", "youth_justice", "local_authority"]);
/** Activity dips over summer holidays (Q2) and picks up in Q4. */
const SEASON = [1, 0.85, 1.05, 1.1];

const RETURN_REASONS = [
  "Satisfied responses are higher than responses received — please check the feedback figures.",
  "Referrals received looks like the year to date rather than this quarter. Please correct and resubmit.",
];
const HIGHLIGHTS = [
  "Two more staff completed facilitator training and a joint briefing with the neighbourhood policing team was well attended.",
  "Restorative approaches are now part of our induction for new housing officers.",
  "We ran awareness sessions in three schools and saw more self-referrals from families afterwards.",
  "Our first shuttle process between a shop owner and a young person completed, with positive feedback from both.",
];
const BARRIERS = ["Staff turnover in the team slowed referrals this quarter.", "Long waits for facilitator training places.", ""];

interface Row {
  organisationId: string;
  quarter: string;
  status: ReturnStatus;
  values: Record<string, number | "na">;
  narrative: ReturnSnapshot["narrative"];
  submittedOn: string | null;
  reviewedOn: string | null;
  reason: string | null;
}


export const seedReturns: DemoStep = async (tx, ctx) => {
  const cleveland = ctx.partnership.slug === "cleveland";
  const today = ctx.today;
  const current = quarterKeyOf(today);
  const firstQuarter = shiftQuarter(current, -QUARTERS_BACK);
  const redefinedFrom = shiftQuarter(current, -4);
  // A time on a day, never later than the moment of seeding.
  const at = (day: string, hour: number) => new Date(Math.min(Date.parse(`${day}T${String(hour).padStart(2, "0")}:15:00Z`), ctx.now.getTime() - 60_000));

  // The framework, with Cleveland's change to what counts as a referral received.
  const metricIds = new Map<string, string>();
  for (const [index, metric] of DEFAULT_METRICS.entries()) {
    const { id } = await tx
      .insertInto("metrics")
      .values({
        partnership_id: ctx.partnershipId,
        key: metric.key,
        label: metric.label,
        group_name: metric.group,
        unit: metric.unit,
        aggregation: metric.aggregation,
        is_participant_count: metric.participantCount,
        part_of_metric_id: metric.partOf ? metricIds.get(metric.partOf)! : null,
        position: (index + 1) * 10,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    metricIds.set(metric.key, id);
    await tx.insertInto("metric_definitions").values({ partnership_id: ctx.partnershipId, metric_id: id, version: 1, valid_from: FRAMEWORK_START, definition: metric.definition }).execute();
  }
  if (cleveland) {
    await tx
      .insertInto("metric_definitions")
      .values({
        partnership_id: ctx.partnershipId,
        metric_id: metricIds.get("referrals_received")!,
        version: 2,
        valid_from: redefinedFrom,
        definition:
          "Referrals your organisation received to deliver restorative justice or restorative approaches this quarter, from any source — including referrals from schools for restorative approaches, which were not counted before. Do not count referrals you passed on to another provider.",
      })
      .execute();
  }
  const definitionOf = (key: string, quarter: string) => (cleveland && key === "referrals_received" && quarter >= redefinedFrom ? 2 : 1);

  // Who was in the programme each quarter, from the pledge history seeded before this step.
  const signatures = await tx.selectFrom("pledge_signatures").select(["organisation_id", "signed_on", "expires_on"]).where("partnership_id", "=", ctx.partnershipId).execute();
  const withdrawals = await tx.selectFrom("pledge_withdrawals").select(["organisation_id", "withdrawn_on"]).where("partnership_id", "=", ctx.partnershipId).execute();
  const pledgeCurrentOn = (organisationId: string, day: string) => {
    const events = [
      ...signatures.filter((s) => s.organisation_id === organisationId && s.signed_on <= day).map((s) => ({ on: s.signed_on, until: s.expires_on as string | null })),
      ...withdrawals.filter((w) => w.organisation_id === organisationId && w.withdrawn_on <= day).map((w) => ({ on: w.withdrawn_on, until: null })),
    ].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
    const last = events.at(-1);
    return Boolean(last?.until && last.until >= day);
  };
  const firstSigned = (organisationId: string) => signatures.filter((s) => s.organisation_id === organisationId).map((s) => s.signed_on).sort()[0] ?? null;

  const rows: Row[] = [];
  const dice = demoRandom(`${ctx.partnership.slug}:returns`);
  for (const org of ctx.partnership.organisations) {
    const organisationId = ctx.organisationIds.get(org.name)!;
    const profile = PROFILES[org.sector] ?? PROFILES.voluntary_community;
    const scale = 0.6 + dice() * 0.9;
    const growth = 0.01 + dice() * 0.04;
    let practitioners = typeof profile.accredited_practitioners === "number" ? Math.max(0, Math.round(profile.accredited_practitioners * scale)) : null;
    const first = firstSigned(organisationId);
    const isHartlepoolCouncil = org.name === "Hartlepool Borough Council";
    for (let i = 0; i <= QUARTERS_BACK; i++) {
      const quarter = shiftQuarter(firstQuarter, i);
      const end = quarterEnd(quarter);
      const due = dueOn(quarter, DEADLINE_DAYS);
      const isCurrent = quarter === current;
      // Core partners reported before the first signature the demo holds (under an earlier pledge).
      const reporting = pledgeCurrentOn(organisationId, isCurrent ? today : end) || (ESTABLISHED.has(org.sector) && first !== null && end < first);
      if (!reporting) continue;

      const values: Record<string, number | "na"> = {};
      for (const metric of DEFAULT_METRICS) {
        const typical = profile[metric.key];
        if (typical === NA) values[metric.key] = NA;
        else if (metric.key === "accredited_practitioners" && practitioners !== null) {
          if (dice() < 0.3) practitioners = Math.max(0, practitioners + (dice() < 0.75 ? 1 : -1));
          values[metric.key] = practitioners;
        } else if (typeof typical === "number") {
          const noise = 0.65 + dice() * 0.7;
          values[metric.key] = Math.max(0, Math.round(typical * scale * SEASON[Number(quarter.slice(-1)) - 1] * (1 + growth * i) * noise));
        }
      }
      if (typeof values.referrals_received === "number" && definitionOf("referrals_received", quarter) === 2) values.referrals_received = Math.round(values.referrals_received * 1.3);
      if (typeof values.self_referrals === "number" && typeof values.referrals_received === "number") values.self_referrals = Math.min(values.self_referrals, values.referrals_received);
      if (typeof values.feedback_responses === "number") values.feedback_satisfied = Math.round(values.feedback_responses * (0.75 + dice() * 0.22));
      else values.feedback_satisfied = NA;
      const narrative = {
        highlights: dice() < 0.7 ? HIGHLIGHTS[Math.floor(dice() * HIGHLIGHTS.length)] : null,
        barriers: BARRIERS[Math.floor(dice() * BARRIERS.length)] || null,
        support_needed: dice() < 0.2 ? "More facilitator training places in the north of the county." : null,
        case_study: null,
      };

      const roll = dice();
      let row: Row | null = null;
      const submit = (late: boolean) => {
        const day = late ? addDays(due, 1 + Math.floor(dice() * 25)) : addDays(due, -Math.floor(dice() * 20));
        return day < addDays(end, 1) ? addDays(end, 1) : day > today ? today : day;
      };
      if (isCurrent) {
        if (isHartlepoolCouncil) row = { organisationId, quarter, status: "draft", values: { referrals_made: values.referrals_made, staff_briefed: values.staff_briefed }, narrative: { ...narrative, highlights: "Restorative approaches training for our anti-social behaviour team is booked for December." }, submittedOn: null, reviewedOn: null, reason: null };
        else if (roll < 0.15) row = { organisationId, quarter, status: "draft", values: { referrals_made: values.referrals_made }, narrative, submittedOn: null, reviewedOn: null, reason: null };
      } else if (i === QUARTERS_BACK - 1 && (isHartlepoolCouncil || today <= due)) {
        // Last quarter, still inside its window: some in, some not yet.
        if (isHartlepoolCouncil || roll < 0.45) row = { organisationId, quarter, status: "submitted", values, narrative, submittedOn: submit(false), reviewedOn: null, reason: null };
        else if (roll < 0.6) row = { organisationId, quarter, status: "draft", values, narrative, submittedOn: null, reviewedOn: null, reason: null };
      } else {
        const recent = i >= QUARTERS_BACK - 2;
        const late = dice() < 0.2;
        if (roll < 0.08) row = null; // missing
        else if (recent && roll < 0.16) row = { organisationId, quarter, status: "returned", values, narrative, submittedOn: submit(late), reviewedOn: null, reason: RETURN_REASONS[Math.floor(dice() * RETURN_REASONS.length)] };
        else if (recent && roll < 0.22) row = { organisationId, quarter, status: "draft", values, narrative, submittedOn: null, reviewedOn: null, reason: null };
        else if (recent && roll < 0.45) row = { organisationId, quarter, status: dice() < 0.3 ? "resubmitted" : "submitted", values, narrative, submittedOn: submit(late), reviewedOn: null, reason: null };
        else row = { organisationId, quarter, status: "accepted", values, narrative, submittedOn: submit(late), reviewedOn: null, reason: null };
      }
      if (row?.submittedOn && (row.status === "accepted" || row.status === "returned")) {
        const reviewed = addDays(row.submittedOn, 2 + Math.floor(dice() * 14));
        row.reviewedOn = reviewed > today ? today : reviewed;
      }
      if (row) rows.push(row);
    }
  }

  const coordinatorId = [...ctx.userIds].find(([email]) => email.startsWith(`coordinator@${ctx.partnership.slug}`))?.[1] ?? null;
  const championOf = new Map<string, string>();
  for (const [email, id] of ctx.userIds) {
    if (email === "champion@cleveland.demo.test" && cleveland) championOf.set(ctx.organisationIds.get("Hartlepool Borough Council")!, id);
    if (email === "champion@hampshire.demo.test" && !cleveland) championOf.set(ctx.organisationIds.get("Southampton Mediation Service")!, id);
  }

  for (let start = 0; start < rows.length; start += 200) {
    const batch = rows.slice(start, start + 200);
    const versions: Array<{ version: number; kind: ReturnVersionKind; status: ReturnStatus; at: Date; reason: string | null; actor: string | null; row: Row }> = [];
    const returnRows = batch.map((r) => {
      const champion = championOf.get(r.organisationId) ?? null;
      const history: Array<[ReturnVersionKind, ReturnStatus, Date, string | null, string | null]> = [];
      if (r.status === "draft") history.push(["saved", "draft", at(addDays(today, -1 - Math.floor(dice() * 10)), 9), null, champion]);
      if (r.submittedOn) history.push(["submitted", "submitted", at(r.submittedOn, 10), null, champion]);
      if (r.status === "returned") history.push(["returned", "returned", at(r.reviewedOn!, 14), r.reason, coordinatorId]);
      if (r.status === "resubmitted") {
        history.push(["returned", "returned", at(r.submittedOn!, 15), RETURN_REASONS[0], coordinatorId]);
        history.push(["resubmitted", "resubmitted", at(r.submittedOn!, 17), null, champion]);
      }
      if (r.status === "accepted") history.push(["accepted", "accepted", at(r.reviewedOn!, 11), null, coordinatorId]);
      history.forEach(([kind, status, when, reason, actor], index) => versions.push({ version: index + 1, kind, status, at: when, reason, actor, row: r }));
      const last = history.at(-1)!;
      return {
        partnership_id: ctx.partnershipId,
        organisation_id: r.organisationId,
        quarter: r.quarter,
        status: r.status,
        version: history.length,
        ...r.narrative,
        first_submitted_at: r.submittedOn ? at(r.submittedOn, 10) : null,
        last_submitted_at: r.submittedOn ? (r.status === "resubmitted" ? at(r.submittedOn, 17) : at(r.submittedOn, 10)) : null,
        reviewed_at: r.reviewedOn ? last[2] : null,
        reviewed_by: r.reviewedOn ? coordinatorId : null,
        return_reason: r.status === "returned" ? r.reason : null,
        updated_by: last[4],
        created_at: history[0][2],
        updated_at: last[2],
      };
    });
    await tx.insertInto("quarterly_returns").values(returnRows).execute();
    const valueRows = batch.flatMap((r) =>
      Object.entries(r.values)
        .filter(([, v]) => v !== undefined)
        .map(([key, v]) => ({
          partnership_id: ctx.partnershipId,
          organisation_id: r.organisationId,
          quarter: r.quarter,
          metric_id: metricIds.get(key)!,
          value: v === NA ? null : v,
          not_applicable: v === NA,
          definition_version: definitionOf(key, r.quarter),
        })),
    );
    if (valueRows.length) await tx.insertInto("return_values").values(valueRows).execute();
    await tx
      .insertInto("return_versions")
      .values(
        versions.map((v) => {
          const snapshot: ReturnSnapshot = {
            values: Object.fromEntries(Object.entries(v.row.values).filter(([, x]) => x !== undefined)),
            definitions: Object.fromEntries(Object.keys(v.row.values).map((k) => [k, definitionOf(k, v.row.quarter)])),
            narrative: v.row.narrative,
          };
          return {
            partnership_id: ctx.partnershipId,
            organisation_id: v.row.organisationId,
            quarter: v.row.quarter,
            version: v.version,
            kind: v.kind,
            status: v.status,
            snapshot: JSON.stringify(snapshot),
            reason: v.reason,
            actor_user_id: v.actor,
            at: v.at,
          };
        }),
      )
      .execute();
  }
};
