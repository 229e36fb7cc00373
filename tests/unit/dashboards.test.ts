/**
 * The pure parts of the dashboards: filters read from the address, flows and stocks over a range,
 * a definition change marked where it happens, charts that hold their table's numbers, tables cut
 * into pages by the address, and restorative-borough criteria with what is missing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { returnRate } from "~/modules/dashboards/adoption-tables";
import type { OrganisationFacts, ReturnFact } from "~/modules/dashboards/facts.server";
import { activityByGroup, metricHeadline, metricOverRange, metricTrend, type DashboardMetric } from "~/modules/dashboards/activity-tables";
import { chartOf } from "~/modules/dashboards/chart-spec";
import { filterQuery, parseFilters } from "~/modules/dashboards/filters";
import { assessBorough, rankBoroughs, SUGGESTED_CRITERIA, type BoroughStanding } from "~/modules/dashboards/restorative";
import { downloadHref, pageHref, pageOf, type TableData } from "~/modules/exports/table";
import { isCurrent, pledgeStatus, validUntil } from "~/modules/pledge/status";
import { addDays, dueDate, parseQuarterKey, quartersBetween } from "~/modules/reporting/periods";
import { completenessCounts } from "~/modules/returns/completeness";
import type { QuarterlyFigure } from "~/modules/rollups/figures";

const TODAY = "2026-11-22"; // in 2026/27 Q3
const q = (key: string) => parseQuarterKey(key)!;

const flow: DashboardMetric = {
  id: "m-flow",
  key: "referrals_received",
  label: "Referrals received",
  unit: "referrals",
  aggregation: "sum",
  participantCount: true,
  partOfId: null,
  retiredFrom: null,
  definitions: [
    { version: 1, validFrom: "2020Q1" },
    { version: 2, validFrom: "2025Q3" },
  ],
};
const stock: DashboardMetric = {
  id: "m-stock",
  key: "accredited_practitioners",
  label: "Accredited practitioners at quarter end",
  unit: "practitioners",
  aggregation: "last",
  participantCount: false,
  partOfId: null,
  retiredFrom: null,
  definitions: [{ version: 1, validFrom: "2020Q1" }],
};
const figure = (metricId: string, quarter: string, group: string, total: number, reporting = 1): QuarterlyFigure => ({
  metricId,
  quarter,
  group,
  total,
  reporting,
  notApplicable: 0,
});

describe("dashboard filters in the address", () => {
  it("default to the eight quarters up to this one, every sector", () => {
    const { filters, problems } = parseFilters(new URLSearchParams(), TODAY);
    expect([filters.from.key, filters.to.key, filters.sector, filters.metric, filters.borough]).toEqual(["2024Q4", "2026Q3", null, null, null]);
    expect(problems).toEqual([]);
  });

  it("read a range, a sector and a measure, and give them back as a link", () => {
    const { filters } = parseFilters(new URLSearchParams("from=2025Q1&to=2025Q4&sector=housing&metric=staff_briefed"), TODAY);
    expect(filterQuery(filters)).toBe("from=2025Q1&to=2025Q4&sector=housing&metric=staff_briefed");
  });

  it("never fail on a bad address: each problem says what is shown instead", () => {
    const { filters, problems } = parseFilters(new URLSearchParams("from=2026Q2&to=2025Q1&sector=pirates&metric=DROP%20TABLE&borough=nope"), TODAY);
    expect([filters.from.key, filters.to.key, filters.sector, filters.metric, filters.borough]).toEqual(["2025Q1", "2026Q2", null, null, null]);
    expect(problems).toHaveLength(4);
    const future = parseFilters(new URLSearchParams("to=2030Q1&from=2010Q1"), TODAY);
    expect(future.filters.to.key).toBe("2026Q3");
    expect(quartersBetween(future.filters.from, future.filters.to)).toHaveLength(40);
    expect(future.problems).toHaveLength(2);
  });
});

describe("activity over a range from the roll-ups", () => {
  const quarters = quartersBetween(q("2025Q2"), q("2025Q4"));
  const groups = [
    { key: "b1", label: "Hartlepool" },
    { key: "b2", label: "Stockton-on-Tees" },
  ];
  const figures = [
    figure("m-flow", "2025Q2", "b1", 10),
    figure("m-flow", "2025Q3", "b1", 4),
    figure("m-flow", "2025Q3", "b2", 7, 2),
    figure("m-flow", "2025Q4", "b2", 0),
    figure("m-stock", "2025Q2", "b1", 3),
    figure("m-stock", "2025Q3", "b1", 5),
    figure("m-stock", "2025Q3", "b2", 2),
    // b2 gave no stock figure in Q4; b1 did: the range's stock is read at Q4 for every group.
    figure("m-stock", "2025Q4", "b1", 6),
    figure("m-stock", "2025Q4", "b2", 0, 0),
  ];

  it("adds flows up over the quarters and reads a stock at the latest quarter with a figure, never summed", () => {
    expect(metricOverRange(flow, figures, groups)).toMatchObject({ groups: [14, 7], total: 21, at: null });
    expect(metricOverRange(stock, figures, groups)).toMatchObject({ groups: [6, null], total: 6, at: "2025Q4" });
    const table = activityByGroup([flow, stock], figures, groups, quarters, "County");
    expect(table.rows.map((r) => [r.metric, r["g:b1"], r["g:b2"], r.total, r.kind])).toEqual([
      ["Referrals received", 14, 7, 21, "Total over the range"],
      ["Accredited practitioners at quarter end", 6, null, 6, "At 2025/26 Q4 end"],
    ]);
    expect(metricHeadline(stock, figures, quarters)).toEqual({ label: stock.label, value: "6", detail: "at the end of 2025/26 Q4" });
  });

  it("shows each quarter with the groups side by side, no figure as none (not 0), and marks where the definition changed", () => {
    const { table, chart, changes } = metricTrend(flow, figures, groups, quarters, "County");
    expect(table.rows.map((r) => [r.quarter, r["g:b1"], r["g:b2"], r.total, r.reporting, r.definition])).toEqual([
      ["2025/26 Q2", 10, null, 10, 1, null],
      ["2025/26 Q3", 4, 7, 11, 3, "Changed from this quarter"],
      ["2025/26 Q4", null, 0, 0, 1, null],
    ]);
    expect(changes.map((c) => c.key)).toEqual(["2025Q3"]);
    expect(chart.marks).toEqual([{ at: "2025/26 Q3", label: "Definition changed" }]);
    // The chart is drawn from the table's own rows.
    expect(chart.data).toEqual(table.rows.map((r) => ({ quarter: r.quarter, "g:b1": r["g:b1"], "g:b2": r["g:b2"] })));
  });

  it("never gives a count of people taking part a target line", () => {
    const { table } = metricTrend(flow, figures, groups, quarters, "County");
    expect(() => chartOf(table, { category: "quarter", metric: flow, series: [{ key: "total", label: "County" }], target: { value: 50, label: "Target" } })).toThrow(
      /never get targets/,
    );
    expect(chartOf(table, { category: "quarter", metric: stock, series: [{ key: "total", label: "County" }], target: { value: 5, label: "Target" } }).target).toEqual({
      value: 5,
      label: "Target",
    });
  });
});

describe("tables cut into pages by the address", () => {
  const table: TableData = {
    id: "orgs",
    caption: "Organisations",
    columns: [
      { key: "name", header: "Name" },
      { key: "n", header: "N", numeric: true },
    ],
    rows: Array.from({ length: 60 }, (_, i) => ({ name: `Org ${i + 1}`, n: i % 7 })),
  };

  it("sorts first, then gives the page asked for (the last, when past the end)", () => {
    const second = pageOf(table, new URLSearchParams("orgs-sort=n&orgs-dir=desc&orgs-page=2"));
    expect(second.page).toEqual({ number: 2, size: 25, total: 60 });
    expect(second.rows).toHaveLength(25);
    expect(second.rows.every((r) => Number(r.n) <= 6)).toBe(true);
    expect(pageOf(table, new URLSearchParams("orgs-page=99")).page!.number).toBe(3);
    expect(pageOf(table, new URLSearchParams("orgs-page=-1")).page!.number).toBe(1);
    expect(pageOf({ ...table, rows: table.rows.slice(0, 5) }, new URLSearchParams()).page).toBeUndefined();
  });

  it("links to pages and to the CSV keep the filters and sort, and the CSV holds every page", () => {
    const search = new URLSearchParams("from=2025Q1&orgs-sort=n&orgs-page=2");
    expect(pageHref(table, search, 3)).toBe("?from=2025Q1&orgs-sort=n&orgs-page=3#table-orgs");
    expect(pageHref(table, search, 1)).toBe("?from=2025Q1&orgs-sort=n#table-orgs");
    expect(downloadHref(table, search, "/p/x/dashboard.csv?borough=b1")).toBe("/p/x/dashboard.csv?from=2025Q1&orgs-sort=n&borough=b1&table=orgs");
  });
});

describe("restorative-borough status", () => {
  const standing = (over: Partial<BoroughStanding> = {}): BoroughStanding => ({
    statutory: { total: 2, unsigned: [] },
    signed: 6,
    sectors: 4,
    withoutChampion: [],
    trainedChampions: 3,
    returns: { expected: 20, submitted: 19, percent: 95 },
    actions: 4,
    offTrack: [],
    ...over,
  });

  it("says which criteria are met and what is missing", () => {
    const results = assessBorough(
      { ...SUGGESTED_CRITERIA, minSectors: 5 },
      standing({ statutory: { total: 2, unsigned: ["Hartlepool Borough Council"] }, withoutChampion: ["A", "B", "C", "D"], offTrack: ["3.2 Refresher training"] }),
    );
    expect(results.map((r) => [r.key, r.met, r.detail])).toEqual([
      ["statutory", false, "Not yet signed: Hartlepool Borough Council"],
      ["signed", true, "6 signed"],
      ["sectors", false, "4 sectors"],
      ["champions", false, "No champion: A, B, C and 1 more"],
      ["returns", true, "19 of 20 returns in (95%)"],
      ["actions", false, "Off track: 3.2 Refresher training"],
    ]);
  });

  it("does not count a criterion with nothing to judge as met", () => {
    // Redcar with none of its 3 organisations signed, no statutory partner listed and no actions of its own.
    const empty = standing({ statutory: { total: 0, unsigned: [] }, signed: 0, sectors: 0, withoutChampion: [], trainedChampions: 0, actions: 0 });
    const results = assessBorough(SUGGESTED_CRITERIA, empty);
    expect(results.filter((r) => ["statutory", "champions", "actions"].includes(r.key)).map((r) => [r.key, r.met, r.detail])).toEqual([
      ["statutory", false, "No statutory partners listed"],
      ["champions", false, "No signatories yet"],
      ["actions", false, "No delivery actions in the borough this year"],
    ]);
    const busy = assessBorough(SUGGESTED_CRITERIA, standing({ signed: 4, withoutChampion: [] }));
    expect(
      rankBoroughs([
        { borough: "Redcar", results },
        { borough: "Stockton", results: busy },
      ]).map((r) => [r.borough, r.rank]),
    ).toEqual([
      ["Stockton", 1],
      ["Redcar", 2],
    ]);
  });

  it("leaves out criteria the coordinator turned off", () => {
    const none = { ...SUGGESTED_CRITERIA, allStatutorySigned: false, minSigned: null, championForEverySignatory: false, minReturnPercent: null, noActionOffTrack: false };
    expect(assessBorough(none, standing())).toEqual([]);
    expect(assessBorough({ ...none, minReturnPercent: 90 }, standing({ returns: { expected: 0, submitted: 0, percent: null } }))).toEqual([
      { key: "returns", label: "Returns at least 90% complete over the last 4 quarters", met: false, detail: "No returns expected yet" },
    ]);
  });

  it("ranks boroughs by criteria met, ties sharing a rank", () => {
    const ranked = rankBoroughs([
      { borough: "A", results: [{ key: "x", label: "", met: false, detail: "" }] },
      { borough: "B", results: [{ key: "x", label: "", met: true, detail: "" }] },
      { borough: "C", results: [{ key: "x", label: "", met: true, detail: "" }] },
    ]);
    expect(ranked.map((r) => [r.borough, r.rank])).toEqual([
      ["B", 1],
      ["C", 1],
      ["A", 3],
    ]);
  });
});

describe("a borough's return rate for the restorative criteria", () => {
  it("counts what the completeness table counts, quarter by quarter, for any pledges and returns (property)", () => {
    const quarters = ["2025Q4", "2026Q1", "2026Q2", "2026Q3"].map(q);
    const day = fc.integer({ min: 0, max: 900 }).map((n) => addDays("2024-06-01", n));
    const organisation = fc.record({ signedOn: fc.array(day, { maxLength: 3 }), withdrawnOn: fc.option(day, { nil: null }), leftOn: fc.option(day, { nil: null }) });
    const status = fc.constantFrom("draft" as const, "submitted" as const, "accepted" as const, "returned" as const, "resubmitted" as const);
    fc.assert(
      fc.property(fc.array(organisation, { maxLength: 8 }), fc.array(fc.tuple(fc.nat(7), fc.nat(3), status), { maxLength: 30 }), (drawn, drawnReturns) => {
        const orgs: OrganisationFacts[] = drawn.map((o, i) => ({
          id: `org-${i}`,
          name: `Organisation ${i}`,
          sector: "housing",
          boroughId: "b",
          statutory: false,
          leftOn: o.leftOn,
          events: [
            ...o.signedOn.map((on) => ({ kind: "signature" as const, on, validUntil: validUntil(on), recordedAt: `${on}T12:00:00Z` })),
            ...(o.withdrawnOn ? [{ kind: "withdrawal" as const, on: o.withdrawnOn, recordedAt: `${o.withdrawnOn}T13:00:00Z` }] : []),
          ],
          champions: [],
        }));
        // At most one return per organisation and quarter, as the database keeps them.
        const byKey = new Map<string, ReturnFact>();
        for (const [o, qi, s] of drawnReturns) byKey.set(`${o}|${qi}`, { organisationId: `org-${o}`, quarter: quarters[qi].key, status: s, firstSubmittedAt: null });
        const returns = [...byKey.values()];
        const expected = { expected: 0, submitted: 0 };
        for (const quarter of quarters) {
          const counts = completenessCounts(
            orgs.map((o) => ({
              expected: isCurrent(pledgeStatus(o.events, quarter.end, o.leftOn)),
              status: returns.find((r) => r.organisationId === o.id && r.quarter === quarter.key)?.status ?? null,
              firstSubmittedAt: null,
            })),
            dueDate(quarter, 30),
          );
          expected.expected += counts.expected;
          expected.submitted += counts.submitted;
        }
        const rate = returnRate(orgs, returns, quarters);
        expect({ expected: rate.expected, submitted: rate.submitted }).toEqual(expected);
        expect(rate.percent).toBe(expected.expected ? Math.round((100 * expected.submitted) / expected.expected) : null);
      }),
    );
  });
});
