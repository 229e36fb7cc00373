/**
 * Demo metric frameworks and quarterly returns: ten quarters back from the seeding day, with
 * figures that vary by sector, season and organisation, slow growth, and some "not applicable".
 * The story is the same whatever the day it is loaded; only where it falls in the calendar moves:
 * - this quarter: a few drafts under way, Hartlepool Borough Council's among them;
 * - last quarter: until its due date, some returns in and some drafts; after it, most reviewed,
 *   some late, some missing. Hartlepool Borough Council's is in and awaiting review either way;
 * - the quarter before: one return sent back for changes, its quarter reopened for the
 *   organisation for a fortnight so it can correct it, and one corrected and awaiting review again;
 * - older quarters: mostly accepted, some late, some missing.
 * Cleveland changed what counts as a referral received four quarters ago, so charts have a
 * definition change to mark. Every figure and choice comes from dice seeded by partnership,
 * organisation and how many quarters back, never from the date.
 * Written directly (db/ cannot use the app's workflow), in the shapes the workflow writes.
 */
import { DEFAULT_METRICS, FRAMEWORK_START } from "../metric-defaults";
import type { ReturnSnapshot, ReturnStatus, ReturnVersionKind } from "../types";
import { demoRandom } from "./calendar";
import type { DemoStep } from "./demo";
import { addDays, dueOn, quarterEnd, quarterKeyOf, quarterStart, shiftQuarter } from "./quarters";

const QUARTERS_BACK = 10;
const DEADLINE_DAYS = 30;

/** Typical quarterly figures by sector; "na" where the metric does not apply to such an organisation. */
type Profile = Partial<Record<string, number | "na">>;
const NA = "na" as const;
const PROFILES: Record<string, Profile> = {
  victim_services: {
    referrals_made: 3,
    referrals_received: 28,
    self_referrals: 5,
    victims_offered: 45,
    processes_direct: 7,
    processes_indirect: 9,
    restorative_approaches: 4,
    staff_briefed: 8,
    staff_trained: 1,
    accredited_practitioners: 6,
    awareness_sessions: 3,
    feedback_responses: 12,
  },
  police: {
    referrals_made: 34,
    referrals_received: NA,
    self_referrals: NA,
    victims_offered: 70,
    processes_direct: NA,
    processes_indirect: NA,
    restorative_approaches: 6,
    staff_briefed: 55,
    staff_trained: 3,
    accredited_practitioners: 2,
    awareness_sessions: 5,
    feedback_responses: NA,
  },
  local_authority: {
    referrals_made: 9,
    referrals_received: 4,
    self_referrals: 1,
    victims_offered: NA,
    processes_direct: 1,
    processes_indirect: 1,
    restorative_approaches: 8,
    staff_briefed: 24,
    staff_trained: 1,
    accredited_practitioners: 1,
    awareness_sessions: 3,
    feedback_responses: 4,
  },
  youth_justice: {
    referrals_made: 4,
    referrals_received: 11,
    self_referrals: NA,
    victims_offered: 14,
    processes_direct: 4,
    processes_indirect: 6,
    restorative_approaches: 5,
    staff_briefed: 9,
    staff_trained: 1,
    accredited_practitioners: 3,
    awareness_sessions: 2,
    feedback_responses: 7,
  },
  housing: {
    referrals_made: 5,
    referrals_received: 3,
    self_referrals: 1,
    victims_offered: NA,
    processes_direct: NA,
    processes_indirect: NA,
    restorative_approaches: 12,
    staff_briefed: 10,
    staff_trained: 1,
    accredited_practitioners: 0,
    awareness_sessions: 2,
    feedback_responses: 6,
  },
  education: {
    referrals_made: 2,
    referrals_received: NA,
    self_referrals: NA,
    victims_offered: NA,
    processes_direct: NA,
    processes_indirect: NA,
    restorative_approaches: 16,
    staff_briefed: 18,
    staff_trained: 1,
    accredited_practitioners: 0,
    awareness_sessions: 4,
    feedback_responses: 9,
  },
  health: {
    referrals_made: 3,
    referrals_received: NA,
    self_referrals: NA,
    victims_offered: NA,
    processes_direct: NA,
    processes_indirect: NA,
    restorative_approaches: NA,
    staff_briefed: 20,
    staff_trained: 0,
    accredited_practitioners: 0,
    awareness_sessions: 2,
    feedback_responses: NA,
  },
  probation: {
    referrals_made: 13,
    referrals_received: NA,
    self_referrals: NA,
    victims_offered: NA,
    processes_direct: 2,
    processes_indirect: 3,
    restorative_approaches: NA,
    staff_briefed: 16,
    staff_trained: 1,
    accredited_practitioners: 1,
    awareness_sessions: 2,
    feedback_responses: 3,
  },
  prison: {
    referrals_made: 6,
    referrals_received: 4,
    self_referrals: 2,
    victims_offered: NA,
    processes_direct: 2,
    processes_indirect: 4,
    restorative_approaches: 3,
    staff_briefed: 12,
    staff_trained: 1,
    accredited_practitioners: 1,
    awareness_sessions: 2,
    feedback_responses: 4,
  },
  voluntary_community: {
    referrals_made: 3,
    referrals_received: 9,
    self_referrals: 4,
    victims_offered: 5,
    processes_direct: 2,
    processes_indirect: 2,
    restorative_approaches: 10,
    staff_briefed: 6,
    staff_trained: 1,
    accredited_practitioners: 2,
    awareness_sessions: 3,
    feedback_responses: 8,
  },
  business: {
    referrals_made: 1,
    referrals_received: NA,
    self_referrals: NA,
    victims_offered: NA,
    processes_direct: NA,
    processes_indirect: NA,
    restorative_approaches: 1,
    staff_briefed: 4,
    staff_trained: 0,
    accredited_practitioners: NA,
    awareness_sessions: 1,
    feedback_responses: NA,
  },
  faith: {
    referrals_made: 1,
    referrals_received: 1,
    self_referrals: 1,
    victims_offered: NA,
    processes_direct: NA,
    processes_indirect: NA,
    restorative_approaches: 3,
    staff_briefed: 5,
    staff_trained: 0,
    accredited_practitioners: NA,
    awareness_sessions: 2,
    feedback_responses: 2,
  },
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
  /** When a draft was last saved. */
  draftSavedOn?: string;
}

/** Who plays the parts every demo day shows: the first of each list that reports in that quarter. */
const CAST: Record<string, { draftNow: string[]; awaitingReview: string[]; sentBack: string[]; resubmitted: string[] }> = {
  cleveland: {
    draftNow: ["Hartlepool Borough Council"],
    awaitingReview: ["Hartlepool Borough Council"],
    sentBack: [
      "Headland Community Housing",
      "Middlesbrough Neighbourhood Mediation",
      "Redcar Coast Housing Trust",
      "Thornaby Tenants' Association",
      "Teesside College of Further Education",
    ],
    resubmitted: ["Tees Valley Victim Care Service", "Stockton Youth Justice Service", "Middlesbrough Youth Justice Service", "Probation Service — Cleveland"],
  },
  hampshire: {
    draftNow: ["Portsmouth Youth Justice Service", "Solent Harbour Homes", "Hampshire Victim Care Service", "Probation Service — Hampshire and Isle of Wight"],
    awaitingReview: ["Hampshire Restorative Justice Service", "Portsea Neighbourhood Mediation", "Itchen Valley Housing", "Hampshire County Council"],
    sentBack: ["Leigh Park Community Trust", "Island Neighbour Mediation", "Basingstoke Community Restorative Forum", "Hampshire Restorative Approaches Forum"],
    resubmitted: ["Southampton Youth Justice Service", "Isle of Wight Youth Justice Service", "Havant Borough Council", "Winchester City Council"],
  },
};

/** The dice a quarter's return is made from, all drawn every time so no choice moves another's. */
function cellDice(seed: string) {
  const dice = demoRandom(seed);
  const draw = (n: number) => Array.from({ length: n }, () => dice());
  return {
    metric: draw(DEFAULT_METRICS.length * 2),
    satisfied: dice(),
    narrative: draw(4),
    roll: dice(),
    late: dice(),
    early: dice(),
    lateBy: dice(),
    reason: dice(),
    resubmitted: dice(),
    reviewAfter: dice(),
    draftAge: dice(),
  };
}

export const seedReturns: DemoStep = async (tx, ctx) => {
  const cleveland = ctx.partnership.slug === "cleveland";
  const today = ctx.today;
  const current = quarterKeyOf(today);
  const firstQuarter = shiftQuarter(current, -QUARTERS_BACK);
  const redefinedFrom = shiftQuarter(current, -4);
  const lastQuarter = shiftQuarter(current, -1);
  const lastDue = dueOn(lastQuarter, DEADLINE_DAYS);
  const cast = CAST[ctx.partnership.slug] ?? { draftNow: [], awaitingReview: [], sentBack: [], resubmitted: [] };
  // A time of day on a day, never later than the moment of seeding.
  const at = (day: string, hour: number) => new Date(Math.min(Date.parse(`${day}T${String(hour).padStart(2, "0")}:15:00Z`), ctx.now.getTime()));

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
    await tx
      .insertInto("metric_definitions")
      .values({ partnership_id: ctx.partnershipId, metric_id: id, version: 1, valid_from: FRAMEWORK_START, definition: metric.definition })
      .execute();
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
  const firstSigned = (organisationId: string) =>
    signatures
      .filter((s) => s.organisation_id === organisationId)
      .map((s) => s.signed_on)
      .sort()[0] ?? null;
  const reports = (org: (typeof ctx.partnership.organisations)[number], quarter: string) => {
    const organisationId = ctx.organisationIds.get(org.name)!;
    const first = firstSigned(organisationId);
    const end = quarterEnd(quarter);
    // Core partners reported before the first signature the demo holds (under an earlier pledge).
    return pledgeCurrentOn(organisationId, quarter === current ? today : end) || (ESTABLISHED.has(org.sector) && first !== null && end < first);
  };
  // The first of the names that reports that quarter; failing them, any other organisation that does, except the demo accounts' own.
  const taken = new Set(["Hartlepool Borough Council", "Southampton Mediation Service"]);
  const castFor = (names: string[], quarter: string) => {
    const candidates = [...names, ...ctx.partnership.organisations.map((o) => o.name).filter((name) => !taken.has(name))];
    const name = candidates.find((n) => ctx.partnership.organisations.some((o) => o.name === n && reports(o, quarter))) ?? null;
    if (name) taken.add(name);
    return name;
  };
  const parts = {
    draftNow: castFor(cast.draftNow, current),
    awaitingReview: castFor(cast.awaitingReview, lastQuarter),
    sentBack: castFor(cast.sentBack, shiftQuarter(current, -2)),
    resubmitted: castFor(cast.resubmitted, shiftQuarter(current, -2)),
  };

  const rows: Row[] = [];
  for (const org of ctx.partnership.organisations) {
    const organisationId = ctx.organisationIds.get(org.name)!;
    const profile = PROFILES[org.sector] ?? PROFILES.voluntary_community;
    const own = demoRandom(`${ctx.partnership.slug}:returns:${org.name}`);
    const scale = 0.6 + own() * 0.9;
    const growth = 0.01 + own() * 0.04;
    let practitioners = typeof profile.accredited_practitioners === "number" ? Math.max(0, Math.round(profile.accredited_practitioners * scale)) : null;
    for (let i = 0; i <= QUARTERS_BACK; i++) {
      const back = QUARTERS_BACK - i;
      const quarter = shiftQuarter(firstQuarter, i);
      const end = quarterEnd(quarter);
      const due = dueOn(quarter, DEADLINE_DAYS);
      const d = cellDice(`${ctx.partnership.slug}:returns:${org.name}:${back}`);

      const values: Record<string, number | "na"> = {};
      for (const [m, metric] of DEFAULT_METRICS.entries()) {
        const typical = profile[metric.key];
        const [first, second] = [d.metric[2 * m], d.metric[2 * m + 1]];
        if (typical === NA) values[metric.key] = NA;
        else if (metric.key === "accredited_practitioners" && practitioners !== null) {
          if (first < 0.3) practitioners = Math.max(0, practitioners + (second < 0.75 ? 1 : -1));
          values[metric.key] = practitioners;
        } else if (typeof typical === "number") {
          const noise = 0.65 + first * 0.7;
          values[metric.key] = Math.max(0, Math.round(typical * scale * SEASON[Number(quarter.slice(-1)) - 1] * (1 + growth * i) * noise));
        }
      }
      if (!reports(org, quarter)) continue;
      if (typeof values.referrals_received === "number" && definitionOf("referrals_received", quarter) === 2)
        values.referrals_received = Math.round(values.referrals_received * 1.3);
      if (typeof values.self_referrals === "number" && typeof values.referrals_received === "number")
        values.self_referrals = Math.min(values.self_referrals, values.referrals_received);
      if (typeof values.feedback_responses === "number") values.feedback_satisfied = Math.round(values.feedback_responses * (0.75 + d.satisfied * 0.22));
      else values.feedback_satisfied = NA;
      const [n0, n1, n2, n3] = d.narrative;
      const narrative = {
        highlights: n0 < 0.7 ? HIGHLIGHTS[Math.floor(n1 * HIGHLIGHTS.length)] : null,
        barriers: BARRIERS[Math.floor(n2 * BARRIERS.length)] || null,
        support_needed: n3 < 0.2 ? "More facilitator training places in the north of the county." : null,
        case_study: null,
      };

      const late = d.late < 0.2;
      const submittedOn = (isLate: boolean) => {
        const day = isLate ? addDays(due, 1 + Math.floor(d.lateBy * 25)) : addDays(due, -Math.floor(d.early * 20));
        return day < addDays(end, 1) ? addDays(end, 1) : day > today ? today : day;
      };
      const reason = RETURN_REASONS[Math.floor(d.reason * RETURN_REASONS.length)];
      const draft = (kept: Row["values"]): Row => ({ organisationId, quarter, status: "draft", values: kept, narrative, submittedOn: null, reviewedOn: null, reason: null });
      const sent = (status: ReturnStatus, isLate = late): Row => ({
        organisationId,
        quarter,
        status,
        values,
        narrative,
        submittedOn: submittedOn(isLate),
        reviewedOn: null,
        reason: status === "returned" ? reason : null,
      });

      let row: Row | null = null;
      if (back === 0) {
        if (org.name === parts.draftNow) {
          const highlights =
            org.name === "Hartlepool Borough Council" ? "Restorative approaches training for our anti-social behaviour team is booked for next quarter." : narrative.highlights;
          row = { ...draft({ referrals_made: values.referrals_made, staff_briefed: values.staff_briefed }), narrative: { ...narrative, highlights } };
        } else if (d.roll < 0.15) row = draft({ referrals_made: values.referrals_made });
      } else if (back === 1 && org.name === parts.awaitingReview) {
        row = sent("submitted", false);
      } else if (back === 1 && today <= lastDue) {
        // Last quarter, before its due date: some in, some started, none late yet.
        if (d.roll < 0.45) row = sent("submitted", false);
        else if (d.roll < 0.6) row = draft(values);
      } else if (back === 2 && org.name === parts.sentBack) {
        row = sent("returned");
      } else if (back === 2 && org.name === parts.resubmitted) {
        row = sent("resubmitted");
      } else {
        const recent = back <= 2;
        if (d.roll < 0.08)
          row = null; // missing
        else if (recent && d.roll < 0.16) row = sent("returned");
        else if (recent && d.roll < 0.22) row = draft(values);
        else if (recent && d.roll < 0.45) row = sent(d.resubmitted < 0.3 ? "resubmitted" : "submitted");
        else row = sent("accepted");
      }
      if (row?.submittedOn && (row.status === "accepted" || row.status === "returned")) {
        const reviewed = addDays(row.submittedOn, 2 + Math.floor(d.reviewAfter * 14));
        row.reviewedOn = reviewed > today ? today : reviewed;
      }
      if (row?.status === "draft") {
        const saved = addDays(today, -1 - Math.floor(d.draftAge * 10));
        row.draftSavedOn = saved < quarterStart(quarter) ? quarterStart(quarter) : saved;
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
      if (r.status === "draft") history.push(["saved", "draft", at(r.draftSavedOn!, 9), null, champion]);
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

  // The return sent back sits in a locked quarter: the coordinator reopened it so it can be corrected.
  const sentBackId = parts.sentBack ? ctx.organisationIds.get(parts.sentBack)! : null;
  if (sentBackId) {
    await tx
      .insertInto("return_lock_exceptions")
      .values({
        partnership_id: ctx.partnershipId,
        organisation_id: sentBackId,
        quarter: shiftQuarter(current, -2),
        open_until: addDays(today, 14),
        reason: "Reopened so the return can be corrected and sent again.",
        created_by: coordinatorId,
      })
      .execute();
  }
};
