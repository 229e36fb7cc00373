/**
 * How reported values add up: flows sum over a range of quarters, stocks take the latest quarter
 * in the range, and "not applicable" and missing never count as zero.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateRange, combineOrganisations, overQuarters, targetsAllowed, type OrganisationFigure } from "~/modules/returns/aggregation";
import { DEFAULT_METRICS } from "../../db/metric-defaults";
import { NOT_APPLICABLE, type MetricValue } from "~/modules/returns/values";

const QUARTERS = ["2025Q1", "2025Q2", "2025Q3", "2025Q4", "2026Q1", "2026Q2"];
const value = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constant(NOT_APPLICABLE), fc.constant(null)) as fc.Arbitrary<MetricValue>;
const series = fc.array(fc.record({ quarter: fc.constantFrom(...QUARTERS), value }), { maxLength: 12 }).map((list) => {
  // one figure per quarter, as an organisation's series has
  const seen = new Set<string>();
  return list.filter((f) => (seen.has(f.quarter) ? false : (seen.add(f.quarter), true)));
});
const range = fc.tuple(fc.constantFrom(...QUARTERS), fc.constantFrom(...QUARTERS)).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

describe("flows (sum)", () => {
  it("add up the numbers in the range and nothing outside it", () => {
    fc.assert(
      fc.property(series, range, (s, r) => {
        const inside = s.filter((f) => f.quarter >= r.from && f.quarter <= r.to && typeof f.value === "number");
        const result = overQuarters("sum", s, r);
        expect(result.value).toBe(inside.length ? inside.reduce((t, f) => t + (f.value as number), 0) : null);
      }),
    );
  });

  it("sum over two adjoining ranges equals the sum over both", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: 1, max: QUARTERS.length - 1 }), (s, cut) => {
        const left = overQuarters("sum", s, { from: QUARTERS[0], to: QUARTERS[cut - 1] }).value;
        const right = overQuarters("sum", s, { from: QUARTERS[cut], to: QUARTERS.at(-1)! }).value;
        const whole = overQuarters("sum", s, { from: QUARTERS[0], to: QUARTERS.at(-1)! }).value;
        expect(whole).toBe(left === null && right === null ? null : (left ?? 0) + (right ?? 0));
      }),
    );
  });
});

describe("stocks (last)", () => {
  it("take the latest quarter in the range that has a figure, never a sum", () => {
    const s = [
      { quarter: "2025Q1", value: 4 },
      { quarter: "2025Q2", value: 5 },
      { quarter: "2025Q3", value: NOT_APPLICABLE },
      { quarter: "2025Q4", value: null },
    ];
    expect(overQuarters("last", s, { from: "2025Q1", to: "2025Q4" })).toEqual({ value: 5, quarters: ["2025Q2"] });
    expect(overQuarters("last", s, { from: "2025Q1", to: "2025Q1" })).toEqual({ value: 4, quarters: ["2025Q1"] });
    expect(overQuarters("last", s, { from: "2025Q3", to: "2025Q4" })).toEqual({ value: null, quarters: [] });
  });

  it("are always one of the figures in the range, whatever their order", () => {
    fc.assert(
      fc.property(series, range, (s, r) => {
        const numbers = s.filter((f) => f.quarter >= r.from && f.quarter <= r.to && typeof f.value === "number");
        const result = overQuarters("last", [...s].reverse(), r);
        const latest = numbers.length ? numbers.reduce((a, b) => (a.quarter > b.quarter ? a : b)).value : null;
        expect(result.value).toBe(latest);
      }),
    );
  });

  it("across organisations add up within the latest quarter that has figures", () => {
    const figures: OrganisationFigure[] = [
      { organisationId: "a", quarter: "2025Q1", value: 3 },
      { organisationId: "b", quarter: "2025Q1", value: 2 },
      { organisationId: "a", quarter: "2025Q2", value: 4 },
      { organisationId: "b", quarter: "2025Q2", value: 6 },
      { organisationId: "a", quarter: "2025Q3", value: NOT_APPLICABLE },
    ];
    expect(aggregateRange("last", figures, { from: "2025Q1", to: "2025Q3" }).value).toBe(10);
    expect(aggregateRange("sum", figures, { from: "2025Q1", to: "2025Q3" }).value).toBe(15);
  });
});

describe("not applicable and missing", () => {
  it("are never counted as zero, and are counted apart", () => {
    expect(combineOrganisations([NOT_APPLICABLE, null, undefined])).toEqual({ value: null, reporting: 0, notApplicable: 1, missing: 2 });
    expect(combineOrganisations([0, NOT_APPLICABLE])).toEqual({ value: 0, reporting: 1, notApplicable: 1, missing: 0 });
  });

  it("adding them to any set of figures changes no total", () => {
    fc.assert(
      fc.property(fc.array(value), fc.array(fc.constantFrom<MetricValue>(NOT_APPLICABLE, null)), (values, blanks) => {
        const a = combineOrganisations(values);
        const b = combineOrganisations([...values, ...blanks]);
        expect(b.value).toBe(a.value);
        expect(b.reporting).toBe(a.reporting);
      }),
    );
  });
});

describe("targets", () => {
  it("are never allowed on participant counts, and are on the rest", () => {
    const allowed = DEFAULT_METRICS.filter((m) => targetsAllowed({ participantCount: m.participantCount })).map((m) => m.key);
    expect(allowed).toEqual(["staff_briefed", "staff_trained", "accredited_practitioners", "awareness_sessions"]);
  });
});
