/**
 * An organisation's dashboard: its figures over time, its returns and next deadline, the plan
 * actions it leads or supports, its pledge history, and how it compares with its borough. Its own
 * figures come from its own returns (read by key); its borough's from the roll-ups. Only
 * coordinators and board members see the borough's real figures: anyone else sees them suppressed
 * beside their own, and only where at least three organisations gave one.
 */
import type { Partnership } from "../../../db/types";
import { loadPlan, planForYear } from "../delivery/plans.server";
import { STATUS_LABELS as ACTION_LABELS } from "../delivery/plan-terms";
import { derivePlan } from "../delivery/plan-view";
import type { TableData } from "../exports/table";
import { pledgeHistories } from "../pledge/status.server";
import { PLEDGE_STATUS_LABELS, pledgeStatus } from "../pledge/status";
import { financialYearOf, parseQuarterKey, type Quarter } from "../reporting/periods";
import type { ReportingSettings } from "../returns/calendar";
import { organisationTodos } from "../returns/display";
import { organisationQuarters } from "../returns/overview.server";
import { STATUS_LABELS as RETURN_LABELS } from "../returns/status";
import { countedFigures } from "../returns/store.server";
import { boroughKeyOf } from "../rollups/contributions";
import { quarterValue, type QuarterlyFigure } from "../rollups/figures";
import { quarterlyFigures } from "../rollups/figures.server";
import { publishedBeside, publishedPercent, SUPPRESSED, suppressionThreshold, type PublishedFigure } from "../rollups/suppression";
import type { Tx } from "../tenancy/with-partnership.server";
import { kindNote, metricsInRange, definitionChanges, type DashboardMetric } from "./activity-tables";
import { chartOf } from "./chart-spec";
import { figureText, type Dashboard, type Section } from "./dashboard";
import { earliestFigureQuarter } from "./facts.server";
import { describeFilters, quarterChoices, rangeQuarters, type DashboardFilters } from "./filters";
import { chosenMetric, dashboardMetrics } from "./metrics.server";
import { sectorChoices } from "./county.server";

export interface OrganisationArgs {
  partnership: Pick<Partnership, "id" | "slug" | "deadline_days" | "grace_days" | "suppression_threshold">;
  organisation: { id: string; name: string; borough_id: string | null; borough_name: string | null; withdrawn_at: Date | null };
  filters: DashboardFilters;
  problems: string[];
  today: string;
  /** Coordinators and board members see real figures for the borough. */
  realFigures: boolean;
}

/** Fewer organisations than this giving a figure, and the borough's is not shown beside an organisation's own. */
const MIN_ORGANISATIONS_BESIDE = 3;

export async function organisationDashboard(tx: Tx, args: OrganisationArgs): Promise<Dashboard> {
  const { partnership, organisation, filters, problems, today, realFigures } = args;
  const partnershipId = partnership.id;
  const scope = { partnershipId, organisationId: organisation.id };
  const quarters = rangeQuarters(filters);
  const range = { from: filters.from.key, to: filters.to.key };
  const settings: ReportingSettings = { deadlineDays: partnership.deadline_days, graceDays: partnership.grace_days };
  const [metrics, own, borough, returns, histories, earliest, planRow] = await Promise.all([
    dashboardMetrics(tx, { partnershipId }),
    countedFigures(tx, { ...scope, quarters: quarters.map((q) => q.key) }),
    quarterlyFigures(tx, { partnershipId, ...range, boroughKey: boroughKeyOf(organisation.borough_id), by: "none" }),
    organisationQuarters(tx, { ...scope, settings, today, count: 7 }),
    pledgeHistories(tx, { partnershipId, organisationIds: [organisation.id] }),
    earliestFigureQuarter(tx, { partnershipId }),
    planForYear(tx, { partnershipId, financialYear: financialYearOf(today) }),
  ]);
  const plan = planRow ? derivePlan(await loadPlan(tx, { partnershipId, planId: planRow.id }), today) : null;
  const metric = chosenMetric(metrics, filters.metric, problems);
  const events = histories.get(organisation.id) ?? [];
  const boroughLabel = organisation.borough_name ?? "County-wide organisations";
  const threshold = suppressionThreshold(partnership.suppression_threshold);
  const ownValue = (m: DashboardMetric, quarter: string) => {
    const v = own.get(quarter)?.[m.key];
    return typeof v === "number" ? v : null;
  };
  const beside = (ownFigure: number | null, group: QuarterlyFigure | undefined): PublishedFigure => {
    const value = quarterValue(group);
    if (realFigures || value === null) return value;
    return (group?.reporting ?? 0) >= MIN_ORGANISATIONS_BESIDE ? publishedBeside(ownFigure, value, threshold) : SUPPRESSED;
  };

  const sections: Section[] = [];
  if (metric) {
    const changes = definitionChanges(metric, quarters);
    const history: TableData = {
      id: "history",
      caption: `${metric.label} by quarter (${kindNote(metric)})`,
      columns: [
        { key: "quarter", header: "Quarter" },
        { key: "own", header: organisation.name, numeric: true },
        { key: "borough", header: `${boroughLabel} (all organisations)`, numeric: true },
        { key: "definition", header: "Definition" },
      ],
      rows: quarters.map((q) => ({
        quarter: q.label,
        own: ownValue(metric, q.key),
        borough: beside(
          ownValue(metric, q.key),
          borough.find((f) => f.metricId === metric.id && f.quarter === q.key),
        ),
        definition: changes.some((c) => c.key === q.key) ? "Changed from this quarter" : null,
      })),
    };
    const chart = chartOf(history, {
      category: "quarter",
      metric,
      series: [{ key: "own", label: organisation.name }],
      marks: changes.map((q) => ({ at: q.label, label: "Definition changed" })),
      yLabel: metric.unit,
    });
    sections.push({
      id: "activity",
      heading: "Its figures",
      intro: `From its returns that count, ${describeFilters({ ...filters, sector: null })}.${realFigures ? "" : ` Borough figures are hidden (${SUPPRESSED}) where they could reveal small numbers or another organisation's figure.`}`,
      empty: own.size ? undefined : "No return of this organisation counts for these quarters yet. Submitted returns appear here straight away.",
      blocks: [{ table: history, chart }, { table: comparison(metricsInRange(metrics, quarters), own, borough, organisation.name, boroughLabel, beside) }],
    });
  }
  sections.push({
    id: "returns",
    heading: "Its returns",
    blocks: [{ table: returnsTable(returns), links: { column: "quarter", template: `/p/${partnership.slug}/orgs/${organisation.id}/returns/{id}` } }],
  });
  const involved = (plan?.actions ?? []).filter((a) => a.lead.id === organisation.id || a.supporting.some((s) => s.id === organisation.id));
  sections.push({
    id: "plan",
    heading: "Its delivery plan actions",
    empty: involved.length ? undefined : "It does not lead or support any action in this year's delivery plan.",
    blocks: [
      {
        table: {
          id: "actions",
          caption: "Actions it leads or supports this year",
          columns: [
            { key: "reference", header: "Ref" },
            { key: "title", header: "Action" },
            { key: "role", header: "Role" },
            { key: "due", header: "Due" },
            { key: "status", header: "Status" },
            { key: "overdue", header: "Overdue" },
          ],
          rows: involved.map((a) => ({
            id: a.id,
            reference: a.reference,
            title: a.title,
            role: a.lead.id === organisation.id ? "Lead" : "Supporting",
            due: a.dueOn,
            status: ACTION_LABELS[a.standing.status],
            overdue: a.standing.overdue ? "Yes" : null,
          })),
        },
        links: plan ? { column: "title", template: `/p/${partnership.slug}/plans/${planRow!.id}/actions/{id}` } : undefined,
      },
    ],
  });
  sections.push({
    id: "pledge",
    heading: "Its pledge history",
    empty: events.length ? undefined : "It has not signed the pledge yet.",
    blocks: [
      {
        table: {
          id: "pledge",
          caption: "Signatures and withdrawals",
          columns: [
            { key: "on", header: "Date" },
            { key: "event", header: "What happened" },
            { key: "until", header: "Valid until" },
          ],
          rows: [...events].sort((a, b) => (a.on < b.on ? 1 : -1)).map((e) => ({ on: e.on, event: e.kind === "signature" ? "Signed" : "Withdrew", until: e.validUntil ?? null })),
        },
      },
    ],
  });

  const todos = organisationTodos(returns, today);
  const next = [...todos].sort((a, b) => (a.dueOn < b.dueOn ? -1 : 1))[0];
  return {
    filters,
    problems,
    headlines: [
      { label: "pledge", value: PLEDGE_STATUS_LABELS[pledgeStatus(events, today, organisation.withdrawn_at?.toISOString().slice(0, 10))] },
      next
        ? {
            label: `next deadline: ${next.label} return`,
            value: shortDate(next.dueOn),
            detail: next.kind === "overdue" ? "overdue" : next.kind === "returned" ? "returned for changes" : undefined,
          }
        : { label: "next deadline", value: "None open" },
      ...(metric ? [latestOwn(metric, quarters, ownValue)] : []),
      { label: "plan actions it leads", value: involved.filter((a) => a.lead.id === organisation.id).length },
    ],
    sections,
    metric: metric ? { key: metric.key, label: metric.label } : null,
    choices: {
      quarters: quarterChoices(earliest, filters, today),
      metrics: metricsInRange(metrics, quarters).map((m) => ({ key: m.key, label: m.label })),
      sectors: sectorChoices(),
      boroughs: [],
    },
  };
}

/** "30 Jan 2027": a date that fits a headline figure. */
const shortDate = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

/** Its latest figure in the range for the metric, and the quarter it is from. */
function latestOwn(metric: DashboardMetric, quarters: Quarter[], ownValue: (m: DashboardMetric, quarter: string) => number | null) {
  const latest = [...quarters].reverse().find((q) => ownValue(metric, q.key) !== null);
  return latest
    ? { label: metric.label, value: figureText(ownValue(metric, latest.key)), detail: `its return for ${latest.label}` }
    : { label: metric.label, value: "–", detail: "no figure in these quarters" };
}

function comparison(
  metrics: DashboardMetric[],
  own: Map<string, Record<string, unknown>>,
  borough: QuarterlyFigure[],
  name: string,
  boroughLabel: string,
  beside: (own: number | null, group: QuarterlyFigure | undefined) => PublishedFigure,
): TableData {
  return {
    id: "comparison",
    caption: `How it compares with ${boroughLabel} over the range`,
    columns: [
      { key: "metric", header: "Measure" },
      { key: "own", header: name, numeric: true },
      { key: "borough", header: `${boroughLabel} (all organisations)`, numeric: true },
      { key: "share", header: "Its share (%)", numeric: true },
      { key: "at", header: "Counted as" },
    ],
    rows: metrics.map((m) => {
      const figures = borough.filter((f) => f.metricId === m.id && f.reporting > 0);
      // A stock is compared at the borough's latest quarter with a figure; a flow over the whole range.
      const stockAt =
        m.aggregation === "last"
          ? figures
              .map((f) => f.quarter)
              .sort()
              .at(-1)
          : undefined;
      const counted = stockAt ? figures.filter((f) => f.quarter === stockAt) : figures;
      const group = counted.length
        ? counted.reduce((a, f) => ({ ...a, total: a.total + f.total, reporting: Math.min(a.reporting, f.reporting) }), { ...counted[0], total: 0, reporting: Infinity })
        : undefined;
      const quartersCounted = stockAt ? [stockAt] : [...own.keys()];
      const ownNumbers = quartersCounted.map((q) => own.get(q)?.[m.key]).filter((v): v is number => typeof v === "number");
      const ownFigure = ownNumbers.length ? ownNumbers.reduce((a, b) => a + b, 0) : null;
      const shown = beside(ownFigure, group);
      return {
        metric: m.label,
        own: ownFigure,
        borough: shown,
        share: ownFigure === null ? null : publishedPercent(ownFigure, shown),
        at: stockAt ? `At ${parseQuarterKey(stockAt)?.label} end` : "Total over the range",
      };
    }),
  };
}

function returnsTable(quarters: Awaited<ReturnType<typeof organisationQuarters>>): TableData {
  return {
    id: "returns",
    caption: "Returns by quarter",
    columns: [
      { key: "quarter", header: "Quarter" },
      { key: "status", header: "Status" },
      { key: "due", header: "Due" },
      { key: "timeliness", header: "On time" },
    ],
    rows: quarters.map((q) => ({
      id: q.quarter,
      quarter: q.label,
      status: q.expected || q.status ? RETURN_LABELS[q.status ?? "not_started"] : "Not expected",
      due: q.dueOn,
      timeliness: q.timeliness === "on_time" ? "Yes" : q.timeliness === "late" ? "Late" : null,
    })),
  };
}
