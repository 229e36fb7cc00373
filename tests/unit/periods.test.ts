import { describe, expect, it } from "vitest";
import { addMonths, dueDate, lockDate, nextQuarter, parseQuarterKey, previousQuarter, quarter, quarterOf, quartersBetween } from "~/modules/reporting/periods";

describe("UK financial-year quarters", () => {
  it("start in April: Q1 is April–June, Q4 is January–March of the next calendar year", () => {
    expect(quarter(2026, 1)).toMatchObject({ start: "2026-04-01", end: "2026-06-30", label: "2026/27 Q1", key: "2026Q1" });
    expect(quarter(2026, 3)).toMatchObject({ start: "2026-10-01", end: "2026-12-31" });
    expect(quarter(2026, 4)).toMatchObject({ start: "2027-01-01", end: "2027-03-31", label: "2026/27 Q4" });
    expect(quarter(2099, 4).label).toBe("2099/00 Q4");
  });

  it("place each date in the right quarter at the boundaries", () => {
    expect(quarterOf("2026-03-31").key).toBe("2025Q4");
    expect(quarterOf("2026-04-01").key).toBe("2026Q1");
    expect(quarterOf("2026-06-30").key).toBe("2026Q1");
    expect(quarterOf("2026-07-01").key).toBe("2026Q2");
    expect(quarterOf("2027-01-01").key).toBe("2026Q4");
  });

  it("step forwards and backwards across financial years", () => {
    expect(nextQuarter(quarter(2026, 4)).key).toBe("2027Q1");
    expect(previousQuarter(quarter(2026, 1)).key).toBe("2025Q4");
    expect(quartersBetween(quarter(2025, 3), quarter(2026, 2)).map((q) => q.key)).toEqual(["2025Q3", "2025Q4", "2026Q1", "2026Q2"]);
  });

  it("accept only well-formed quarter keys", () => {
    expect(parseQuarterKey("2026Q2")?.label).toBe("2026/27 Q2");
    for (const bad of ["2026Q5", "2026Q0", "26Q1", "2026q1", "2026Q1 ", "1999Q1"]) expect(parseQuarterKey(bad), bad).toBeNull();
  });

  it("put the due date and the lock date the set number of days after the quarter ends", () => {
    expect(dueDate(quarter(2026, 1), 30)).toBe("2026-07-30");
    expect(lockDate(quarter(2026, 4), 30, 30)).toBe("2027-05-30");
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2025-11-30", 12)).toBe("2026-11-30");
  });
});
