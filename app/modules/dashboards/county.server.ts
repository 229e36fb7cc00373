/**
 * The county dashboard: headline figures; signatures over time; adoption by borough and sector;
 * champions and training; one measure's trend by quarter with boroughs side by side, and every
 * measure over the range; completeness and timeliness per borough; the delivery plan by theme and
 * status; each borough's restorative-borough standing, ranked. Figures come from the roll-ups.
 */
import type { Partnership } from "../../../db/types";
import { loadPlan, planForYear } from "../delivery/plans.server";
import { longDate } from "../returns/calendar";
import { countsForFigures } from "../returns/status";
import { compareQuarters, financialYearLabel, financialYearOf, previousQuarter, quarterOf, type Quarter } from "../reporting/periods";
import { COUNTY_WIDE_KEY } from "../rollups/contributions";
import { quarterlyFigures } from "../rollups/figures.server";
import { SECTOR_LABELS, SECTORS } from "../tenancy/sectors";
import type { Tx } from "../tenancy/with-partnership.server";
import { activityByGroup, metricHeadline, metricTrend, type FigureGroup } from "./activity-tables";
import {
  adoptionByGroup,
  adoptionGrid,
  boroughGroups,
  championsByGroup,
  completenessByGroup,
  COUNTY_WIDE_LABEL,
  returnIndex,
  signaturesOverTime,
  signedOn,
} from "./adoption-tables";
import { chartOf } from "./chart-spec";
import { outOf, type Dashboard, type Headline, type Section } from "./dashboard";
import { derivedFromFacts, earliestFigureQuarter, returnFacts, scopeFacts, type ReturnFact, type ScopeFacts } from "./facts.server";
import { describeFilters, filterQuery, quarterChoices, rangeQuarters, type DashboardFilters } from "./filters";
import { chosenMetric, dashboardMetrics } from "./metrics.server";
import { planTables } from "./plan-tables";
import { criteriaQuarters, loadCriteria, restorativeRanking } from "./restorative.server";
import type { TableData } from "../exports/table";

export interface DashboardArgs {
  partnership: Pick<Partnership, "id" | "slug" | "deadline_days">;
  filters: DashboardFilters;
  problems: string[];
  today: string;
}

/** The quarter whose completeness a range shows: its last, or the one before if that has not ended. */
export function completenessQuarter(filters: DashboardFilters, today: string): Quarter {
  const current = quarterOf(today);
  return compareQuarters(filters.to, current) >= 0 && compareQuarters(filters.from, current) < 0 ? previousQuarter(current) : filters.to;
}

export const sectorChoices = () => SECTORS.map((s) => ({ key: s, label: SECTOR_LABELS[s] }));

/** The filter form's choices, the same on the county and a borough dashboard. */
export function dashboardChoices({
  earliest,
  filters,
  today,
  metrics,
  boroughs,
}: {
  earliest: string | null;
  filters: DashboardFilters;
  today: string;
  metrics: Array<{ key: string; label: string; retiredFrom: string | null }>;
  boroughs: Array<{ id: string; name: string }>;
}) {
  return {
    quarters: quarterChoices(earliest, filters, today),
    metrics: metrics.filter((m) => !m.retiredFrom || m.retiredFrom > filters.from.key).map((m) => ({ key: m.key, label: m.label })),
    sectors: sectorChoices(),
    boroughs,
  };
}

/** Organisations whose return for the quarter counts (submitted, resubmitted or accepted). */
export function submittedIn(returns: ReturnFact[], quarter: Quarter) {
  const submitted = new Set<string>();
  for (const r of returnIndex(returns).get(quarter.key)?.values() ?? []) if (countsForFigures(r.status)) submitted.add(r.organisationId);
  return submitted;
}

/** Who is due to report and when, for a dashboard with no figures yet. */
export function whoIsDue(facts: ScopeFacts, quarter: Quarter, dueOn: string, submitted: Set<string>) {
  const due = facts.organisations.filter((o) => signedOn(o, quarter.end) && !submitted.has(o.id)).map((o) => o.name);
  if (due.length === 0)
    return `No returns have been counted for these quarters, and no organisation is expected to report for ${quarter.label}: returns start once organisations have signed the pledge.`;
  const names = due.length > 5 ? `${due.slice(0, 5).join(", ")} and ${due.length - 5} more` : due.join(", ");
  return `No returns have been counted for these quarters yet. ${due.length} organisation${due.length === 1 ? " is" : "s are"} due to send a return for ${quarter.label} by ${longDate(dueOn)}: ${names}. Returns appear here as soon as they are submitted.`;
}

export async function countyDashboard(tx: Tx, { partnership, filters, problems, today }: DashboardArgs): Promise<Dashboard> {
  const partnershipId = partnership.id;
  const quarters = rangeQuarters(filters);
  const range = { from: filters.from.key, to: filters.to.key };
  const completenessAt = completenessQuarter(filters, today);
  const criteria = await loadCriteria(tx, { partnershipId });
  const criteriaAt = criteriaQuarters(criteria.returnQuarters, today);
  const [facts, metrics, figures, earliest, planRow, returns] = await Promise.all([
    scopeFacts(tx, { partnershipId }),
    dashboardMetrics(tx, { partnershipId }),
    quarterlyFigures(tx, { partnershipId, ...range, sector: filters.sector, by: "borough" }),
    earliestFigureQuarter(tx, { partnershipId }),
    planForYear(tx, { partnershipId, financialYear: financialYearOf(today) }),
    returnFacts(tx, { partnershipId, timesOf: completenessAt.key, quarters: criteriaAt.map((q) => q.key) }),
  ]);
  const plan = planRow ? await loadPlan(tx, { partnershipId, planId: planRow.id }) : null;
  const slug = partnership.slug;
  const figureGroups: FigureGroup[] = [...facts.boroughs.map((b) => ({ key: b.id, label: b.name })), { key: COUNTY_WIDE_KEY, label: COUNTY_WIDE_LABEL }];
  const metric = chosenMetric(metrics, filters.metric, problems);

  // The tables from organisation facts alone, worked out once while the facts stay cached (a return
  // submission moves the figures and returns on, not these): facts.server.ts.
  const { groups, inSector, signatures, adoptionTables, champions, grid } = derivedFromFacts(
    facts,
    ["county", slug, filters.sector ?? "", filters.from.key, filters.to.key, today].join("|"),
    () => {
      const groups = boroughGroups(facts, (id) => `/p/${slug}/dashboard/${id}`);
      const inSector: ScopeFacts = filters.sector ? { ...facts, organisations: facts.organisations.filter((o) => o.sector === filters.sector) } : facts;
      return {
        groups,
        inSector,
        signatures: signaturesOverTime(inSector, quarters, today),
        adoptionTables: adoptionByGroup(inSector, groups, today, { id: "adoption", caption: "Adoption by borough", header: "Borough" }),
        champions: championsByGroup(inSector, groups, today, "Borough"),
        grid: adoptionGrid(inSector, groups, today),
      };
    },
  );
  const adoption = { ...adoptionTables, links: { column: "group", template: `/p/${slug}/dashboard/{id}?${filterQuery(filters)}` } };
  const complete = completenessByGroup(inSector, returns, completenessAt, partnership.deadline_days, groups, "Borough");
  const hasFigures = figures.some((f) => f.reporting > 0 || f.notApplicable > 0);
  const submitted = submittedIn(returns, completenessAt);

  const sections: Section[] = [];
  sections.push({ id: "adoption", heading: "Adoption of the pledge", blocks: [signatures, adoption, { table: grid }] });
  sections.push({ id: "champions", heading: "Champions and training", blocks: [champions] });
  const trend = metric ? metricTrend(metric, figures, figureGroups, quarters, "County") : null;
  sections.push({
    id: "activity",
    heading: "Activity",
    intro: metric ? `Figures from returns that count (submitted, resubmitted or accepted), ${describeFilters(filters)}. “–” means no organisation gave a figure.` : undefined,
    empty: !metric
      ? "This partnership has no measures yet. Coordinators set them up under Returns, Measures."
      : hasFigures
        ? undefined
        : whoIsDue(inSector, completenessAt, complete.dueOn, submitted),
    blocks: trend ? [trend, { table: activityByGroup(metrics, figures, figureGroups, quarters, "County") }] : [],
  });
  sections.push({
    id: "returns",
    heading: "Returns: completeness and timeliness",
    empty: complete.table.rows.length
      ? undefined
      : `No organisation was expected to report for ${completenessAt.label}: returns are expected from organisations whose pledge is current at the quarter's end.`,
    blocks: [complete],
  });
  const delivery = plan ? planTables(plan, today) : null;
  sections.push({
    id: "plan",
    heading: `Delivery plan ${financialYearLabel(financialYearOf(today))}`,
    empty: delivery
      ? delivery.derived.actions.length
        ? undefined
        : "The plan has no actions yet. Coordinators add them on the Delivery plan page."
      : "There is no delivery plan for this financial year yet. Coordinators start one on the Delivery plan page.",
    blocks: delivery
      ? [
          { table: delivery.byTheme, chart: delivery.chart },
          { table: delivery.overdue, links: { column: "title", template: `/p/${slug}/plans/${plan!.id}/actions/{id}` } },
        ]
      : [],
  });
  const ranking = restorativeRanking(criteria, { facts, returns, plan: delivery?.derived ?? null, today, quarters: criteriaAt });
  sections.push(restorativeSection(ranking, criteria.configured, slug, filterQuery(filters)));

  const signedNow = inSector.organisations.filter((o) => signedOn(o, today)).length;
  const headlines: Headline[] = [
    {
      label: "organisations signed",
      value: signedNow,
      detail: `of ${inSector.organisations.length} (${inSector.organisations.length ? Math.round((100 * signedNow) / inSector.organisations.length) : 0}%)`,
    },
    { label: "RJ champions", value: inSector.organisations.reduce((n, o) => n + o.champions.length, 0) },
    {
      label: `returns in for ${completenessAt.label}`,
      value: outOf(
        complete.table.rows.reduce((n, r) => n + Number(r.on_time) + Number(r.late), 0),
        complete.table.rows.reduce((n, r) => n + Number(r.expected), 0),
      ),
    },
  ];
  if (metric) headlines.push(metricHeadline(metric, figures, quarters));
  if (delivery)
    headlines.push({
      label: "delivery plan progress",
      value: delivery.derived.progress === null ? "–" : `${Math.round(delivery.derived.progress)}%`,
      detail: `${delivery.derived.overdue} overdue`,
    });

  return {
    filters,
    problems,
    headlines,
    sections,
    metric: metric ? { key: metric.key, label: metric.label } : null,
    choices: dashboardChoices({ earliest, filters, today, metrics, boroughs: facts.boroughs }),
  };
}

function restorativeSection(ranking: ReturnType<typeof restorativeRanking>, configured: boolean, slug: string, query: string): Section {
  const criteria = ranking[0]?.results ?? [];
  const table: TableData = {
    id: "restorative",
    caption: "Progress towards restorative-borough status, boroughs ranked",
    columns: [
      { key: "borough", header: "Borough" },
      { key: "rank", header: "Rank", numeric: true },
      { key: "met", header: "Criteria met", numeric: true },
      ...criteria.map((c) => ({ key: c.key, header: c.label, sortable: false })),
    ],
    rows: ranking.map((r) => ({
      id: r.borough.id,
      rank: r.rank,
      borough: r.borough.name,
      met: r.met,
      ...Object.fromEntries(r.results.map((c) => [c.key, `${c.met ? "Met" : "Not met"}: ${c.detail}`])),
    })),
  };
  const chart = chartOf(table, {
    category: "borough",
    horizontal: true,
    series: [{ key: "met", label: "Criteria met" }],
    max: criteria.length || undefined,
  });
  return {
    id: "restorative",
    heading: "Restorative-borough status",
    intro: configured ? "Each borough against the criteria the coordinator has set." : "These are the suggested criteria: the coordinator has not set the partnership's own yet.",
    empty: ranking.length ? undefined : `The partnership has no boroughs yet. Coordinators add them in settings (/p/${slug}/boroughs).`,
    blocks: ranking.length ? [{ table, chart, links: { column: "borough", template: `/p/${slug}/dashboard/{id}?${query}` } }] : [],
  };
}
