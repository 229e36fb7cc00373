/**
 * A borough's dashboard: the county dashboard's sections for one borough, broken down by sector
 * instead of by borough, its restorative-borough standing criterion by criterion, and a table of
 * its organisations. County-wide organisations belong to the county dashboard, not to a borough's.
 */
import { loadPlan, planForYear } from "../delivery/plans.server";
import type { TableData } from "../exports/table";
import { PLEDGE_STATUS_LABELS, pledgeStatus } from "../pledge/status";
import { STATUS_LABELS as RETURN_STATUS_LABELS, type ReturnStatus } from "../returns/status";
import { timeliness } from "../returns/calendar";
import { dueDate, financialYearLabel, financialYearOf } from "../reporting/periods";
import { quarterlyFigures } from "../rollups/figures.server";
import { sectorLabel } from "../tenancy/sectors";
import type { Tx } from "../tenancy/with-partnership.server";
import { activityByGroup, metricHeadline, metricTrend } from "./activity-tables";
import { adoptionByGroup, championsByGroup, completenessByGroup, returnIndex, sectorGroups, signaturesOverTime, signedOn } from "./adoption-tables";
import { completenessQuarter, dashboardChoices, submittedIn, whoIsDue, type DashboardArgs } from "./county.server";
import { outOf, type Dashboard, type Headline, type Section } from "./dashboard";
import { earliestFigureQuarter, returnFacts, scopeFacts, type ScopeFacts } from "./facts.server";
import { describeFilters, filterQuery, rangeQuarters } from "./filters";
import { chosenMetric, dashboardMetrics } from "./metrics.server";
import { boroughActions, planTables } from "./plan-tables";
import { assessBorough } from "./restorative";
import { boroughStanding, criteriaQuarters, loadCriteria } from "./restorative.server";

export async function boroughDashboard(tx: Tx, { partnership, filters, problems, today, borough }: DashboardArgs & { borough: { id: string; name: string } }): Promise<Dashboard> {
  const partnershipId = partnership.id;
  const quarters = rangeQuarters(filters);
  const range = { from: filters.from.key, to: filters.to.key };
  const completenessAt = completenessQuarter(filters, today);
  const criteria = await loadCriteria(tx, { partnershipId });
  const criteriaAt = criteriaQuarters(criteria.returnQuarters, today);
  const [facts, metrics, figures, earliest, planRow] = await Promise.all([
    scopeFacts(tx, { partnershipId, boroughId: borough.id }),
    dashboardMetrics(tx, { partnershipId }),
    quarterlyFigures(tx, { partnershipId, ...range, boroughKey: borough.id, sector: filters.sector, by: "sector" }),
    earliestFigureQuarter(tx, { partnershipId }),
    planForYear(tx, { partnershipId, financialYear: financialYearOf(today) }),
  ]);
  const ids = facts.organisations.map((o) => o.id);
  const [returns, plan] = await Promise.all([
    returnFacts(tx, { partnershipId, timesOf: completenessAt.key, quarters: criteriaAt.map((q) => q.key), organisationIds: ids }),
    planRow ? loadPlan(tx, { partnershipId, planId: planRow.id }) : null,
  ]);
  const slug = partnership.slug;
  const inSector: ScopeFacts = { ...facts, organisations: facts.organisations.filter((o) => !filters.sector || o.sector === filters.sector) };
  const groups = sectorGroups(inSector);
  const figureGroups = groups.map((g) => ({ key: g.key, label: g.label }));
  const metric = chosenMetric(metrics, filters.metric, problems);
  const complete = completenessByGroup(inSector, returns, completenessAt, partnership.deadline_days, groups, "Sector");
  const hasFigures = figures.some((f) => f.reporting > 0 || f.notApplicable > 0);
  const submitted = submittedIn(returns, completenessAt);
  const local = plan ? planTables(boroughActions(plan, borough.id, new Set(ids)), today) : null;
  const standing = boroughStanding(borough.id, { facts, returns, plan: plan ? planTables(plan, today).derived : null, today, quarters: criteriaAt });
  const results = assessBorough(criteria, standing);

  const sections: Section[] = [
    {
      id: "restorative",
      heading: "Restorative-borough status",
      intro: `${borough.name} meets ${results.filter((r) => r.met).length} of ${results.length} criteria${criteria.configured ? "" : " (the suggested criteria: the coordinator has not set the partnership's own yet)"}.`,
      blocks: [
        {
          table: {
            id: "restorative",
            caption: `${borough.name} against the restorative-borough criteria`,
            columns: [
              { key: "criterion", header: "Criterion" },
              { key: "met", header: "Met" },
              { key: "detail", header: "What there is, or what is missing" },
            ],
            rows: results.map((r) => ({ criterion: r.label, met: r.met ? "Met" : "Not met", detail: r.detail })),
          },
        },
      ],
    },
    {
      id: "adoption",
      heading: "Adoption of the pledge",
      blocks: [signaturesOverTime(inSector, quarters, today), adoptionByGroup(inSector, groups, today, { id: "adoption", caption: "Adoption by sector", header: "Sector" })],
    },
    { id: "champions", heading: "Champions and training", blocks: [championsByGroup(inSector, groups, today, "Sector")] },
    {
      id: "activity",
      heading: "Activity",
      intro: metric ? `Figures from returns that count, ${describeFilters(filters)}. “–” means no organisation gave a figure.` : undefined,
      empty: !metric ? "This partnership has no measures yet." : hasFigures ? undefined : whoIsDue(inSector, completenessAt, complete.dueOn, submitted),
      blocks: metric ? [metricTrend(metric, figures, [], quarters, borough.name), { table: activityByGroup(metrics, figures, figureGroups, quarters, borough.name) }] : [],
    },
    {
      id: "returns",
      heading: "Returns: completeness and timeliness",
      empty: complete.table.rows.length ? undefined : `No organisation in ${borough.name} was expected to report for ${completenessAt.label}.`,
      blocks: [complete],
    },
    {
      id: "plan",
      heading: `Delivery plan ${financialYearLabel(financialYearOf(today))}: actions for ${borough.name}`,
      empty: local?.derived.actions.length ? undefined : `No action of this year's plan is scoped to ${borough.name} or led by one of its organisations.`,
      blocks: local ? [{ table: local.byTheme, chart: local.chart }, { table: local.overdue }] : [],
    },
    {
      id: "organisations",
      heading: "Organisations",
      blocks: [
        organisationsBlock(inSector, returns, completenessAt, partnership.deadline_days, today, `/p/${slug}/orgs/{id}/dashboard?${filterQuery({ ...filters, sector: null })}`),
      ],
    },
  ];

  const signedNow = inSector.organisations.filter((o) => signedOn(o, today)).length;
  const headlines: Headline[] = [
    { label: "organisations signed", value: signedNow, detail: `of ${inSector.organisations.length}` },
    { label: "RJ champions", value: inSector.organisations.reduce((n, o) => n + o.champions.length, 0) },
    {
      label: `returns in for ${completenessAt.label}`,
      value: outOf(
        submitted.size,
        complete.table.rows.reduce((n, r) => n + Number(r.expected), 0),
      ),
    },
    { label: "restorative-borough criteria met", value: outOf(results.filter((r) => r.met).length, results.length) },
  ];
  if (metric) headlines.push(metricHeadline(metric, figures, quarters));

  return {
    filters,
    problems,
    headlines,
    sections,
    metric: metric ? { key: metric.key, label: metric.label } : null,
    choices: dashboardChoices({ earliest, filters, today, metrics, boroughs: facts.boroughs }),
  };
}

function organisationsBlock(
  facts: ScopeFacts,
  returns: Awaited<ReturnType<typeof returnFacts>>,
  quarter: ReturnType<typeof completenessQuarter>,
  deadlineDays: number,
  today: string,
  link: string,
) {
  const dueOn = dueDate(quarter, deadlineDays);
  const inQuarter = returnIndex(returns).get(quarter.key);
  const table: TableData = {
    id: "organisations",
    caption: "Its organisations",
    columns: [
      { key: "name", header: "Organisation" },
      { key: "sector", header: "Sector" },
      { key: "pledge", header: "Pledge" },
      { key: "champions", header: "Champions", numeric: true },
      { key: "return", header: `${quarter.label} return` },
      { key: "timeliness", header: "On time" },
    ],
    rows: facts.organisations.map((o) => {
      const r = inQuarter?.get(o.id);
      const when = timeliness(r?.firstSubmittedAt ?? null, dueOn);
      return {
        id: o.id,
        name: o.name,
        sector: sectorLabel(o.sector),
        pledge: PLEDGE_STATUS_LABELS[pledgeStatus(o.events, today, o.leftOn)],
        champions: o.champions.length,
        return: RETURN_STATUS_LABELS[(r?.status ?? "not_started") as ReturnStatus | "not_started"],
        timeliness: when === "on_time" ? "Yes" : when === "late" ? "Late" : null,
      };
    }),
  };
  return { table, links: { column: "name", template: link } };
}
