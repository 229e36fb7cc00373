/**
 * The figures a review freezes beside the plan, as they stood at the end of its quarter:
 *   - adoption: organisations in the programme and how many had a current pledge (the pledge
 *     register), by borough and sector, statutory partners counted apart;
 *   - activity: the quarter's totals per metric from the returns that count (submitted,
 *     resubmitted or accepted), with how many organisations reported each.
 * This is the one place the review gathers figures from other capabilities. Whatever it returns is
 * frozen into the review as it is, so a new field needs no migration — but never add a target or a
 * RAG colour to a count of people (DESIGN.md, "Voluntary by design").
 */
import { isCurrent } from "../pledge/status";
import { expectedToReport, organisationPledges } from "../pledge/status.server";
import { parseQuarterKey } from "../reporting/periods";
import { combineOrganisations } from "../returns/aggregation";
import { metricsForQuarter } from "../returns/metrics.server";
import { COUNTING_STATUSES } from "../returns/status";
import { NOT_APPLICABLE, type MetricValue } from "../returns/values";
import { sectorLabel } from "../tenancy/sectors";
import type { Tx } from "../tenancy/with-partnership.server";
import { formatDate } from "./display";
import type { ReviewFigures } from "./review-snapshot";

type Scope = { partnershipId: string; quarter: string };

export async function reviewFigures(tx: Tx, { partnershipId, quarter }: Scope): Promise<ReviewFigures> {
  const q = parseQuarterKey(quarter);
  if (!q) throw new Error(`Not a quarter: ${quarter}`);
  return { adoption: await adoption(tx, { partnershipId, quarter }, q.end), activity: await activity(tx, { partnershipId, quarter }, q.label) };
}

async function adoption(tx: Tx, { partnershipId }: Scope, asAt: string): Promise<ReviewFigures["adoption"]> {
  const organisations = await tx
    .selectFrom("organisations as o")
    .leftJoin("boroughs as b", (j) => j.onRef("b.partnership_id", "=", "o.partnership_id").onRef("b.id", "=", "o.borough_id"))
    .select(["o.id", "o.sector", "o.is_statutory", "o.withdrawn_at", "b.name as borough"])
    .where("o.partnership_id", "=", partnershipId)
    .execute();
  // Organisations that had left the programme by the end of the quarter are not part of its picture.
  const taking = organisations.filter((o) => !o.withdrawn_at || o.withdrawn_at.toISOString().slice(0, 10) > asAt);
  const pledges = await organisationPledges(tx, { partnershipId, on: asAt });
  const signed = (id: string) => isCurrent(pledges.get(id)?.status ?? "prospect");

  const byBorough = new Map<string, { organisations: number; signed: number; statutory: number; statutorySigned: number }>();
  const bySector = new Map<string, { organisations: number; signed: number }>();
  for (const o of taking) {
    const b = byBorough.get(o.borough ?? "County-wide") ?? { organisations: 0, signed: 0, statutory: 0, statutorySigned: 0 };
    const s = bySector.get(sectorLabel(o.sector)) ?? { organisations: 0, signed: 0 };
    b.organisations += 1;
    s.organisations += 1;
    if (signed(o.id)) {
      b.signed += 1;
      s.signed += 1;
    }
    if (o.is_statutory) b.statutory += 1;
    if (o.is_statutory && signed(o.id)) b.statutorySigned += 1;
    byBorough.set(o.borough ?? "County-wide", b);
    bySector.set(sectorLabel(o.sector), s);
  }
  const countyWideLast = (a: string, b: string) => (a === "County-wide" ? 1 : b === "County-wide" ? -1 : a.localeCompare(b));
  const rows = [...byBorough.values()];
  const sum = (key: "organisations" | "signed" | "statutory" | "statutorySigned") => rows.reduce((n, r) => n + r[key], 0);
  return {
    source: "pledges",
    asAt,
    note: `Signatories are organisations whose pledge was current on ${formatDate(asAt)}.`,
    organisations: sum("organisations"),
    signed: sum("signed"),
    statutory: sum("statutory"),
    statutorySigned: sum("statutorySigned"),
    byBorough: [...byBorough].sort(([a], [b]) => countyWideLast(a, b)).map(([borough, v]) => ({ borough, ...v })),
    bySector: [...bySector].sort(([a], [b]) => a.localeCompare(b)).map(([sector, v]) => ({ sector, ...v })),
  };
}

async function activity(tx: Tx, { partnershipId, quarter }: Scope, label: string): Promise<ReviewFigures["activity"]> {
  const q = parseQuarterKey(quarter)!;
  const metrics = await metricsForQuarter(tx, { partnershipId, quarter });
  const counted = await tx
    .selectFrom("quarterly_returns")
    .select("organisation_id")
    .where("partnership_id", "=", partnershipId)
    .where("quarter", "=", quarter)
    .where("status", "in", [...COUNTING_STATUSES])
    .execute();
  const expected = (await expectedToReport(tx, { partnershipId, quarter: q })).length;
  const values = counted.length
    ? await tx
        .selectFrom("return_values")
        .select(["organisation_id", "metric_id", "value", "not_applicable"])
        .where("partnership_id", "=", partnershipId)
        .where("quarter", "=", quarter)
        .where(
          "organisation_id",
          "in",
          counted.map((r) => r.organisation_id),
        )
        .execute()
    : [];
  const byMetric = new Map<string, Map<string, MetricValue>>();
  for (const v of values) {
    const metric = byMetric.get(v.metric_id) ?? new Map<string, MetricValue>();
    metric.set(v.organisation_id, v.not_applicable ? NOT_APPLICABLE : v.value);
    byMetric.set(v.metric_id, metric);
  }
  const totals = metrics.map((m) => {
    const reported = byMetric.get(m.id);
    const total = combineOrganisations(counted.map((r) => reported?.get(r.organisation_id)));
    return {
      metric: m.key,
      label: m.label,
      unit: m.unit,
      participantCount: m.participantCount,
      value: total.value,
      reporting: total.reporting,
      notApplicable: total.notApplicable,
    };
  });
  return {
    available: counted.length > 0,
    returnsCounted: counted.length,
    returnsExpected: expected,
    note: counted.length
      ? `Totals from the ${counted.length} returns submitted or accepted for ${label}, of ${expected} expected from organisations with a current pledge. Counts of people carry no targets.`
      : `No returns for ${label} had been submitted when the review was opened.`,
    totals,
  };
}
