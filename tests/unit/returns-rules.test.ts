/**
 * The rules of a return: what the form accepts and warns about, how its status moves, when it
 * locks, how completeness counts, which reminder goes out, and what a champion is asked to do.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ukDate } from "~/modules/platform/dates";
import { lockState, timeliness } from "~/modules/returns/calendar";
import { completeness, type CompletenessRow } from "~/modules/returns/completeness";
import { organisationTodos } from "~/modules/returns/display";
import { reminderFor } from "~/modules/returns/reminders.server";
import { countsForFigures, transition, type ReturnStatus } from "~/modules/returns/status";
import { readReturnForm, returnWarnings, type FormMetric, type History } from "~/modules/returns/validation";
import { NOT_APPLICABLE } from "~/modules/returns/values";
import { dueDate, nextQuarter, parseQuarterKey, quarterOf } from "~/modules/reporting/periods";
import { addDays, dueOn, quarterEnd, quarterKeyOf, shiftQuarter } from "../../db/seed/quarters";

const METRICS: FormMetric[] = [
  { id: "1", key: "feedback_responses", label: "Participant feedback responses", aggregation: "sum", partOf: null },
  { id: "2", key: "feedback_satisfied", label: "Of which satisfied", aggregation: "sum", partOf: "feedback_responses" },
  { id: "3", key: "accredited_practitioners", label: "Accredited practitioners at quarter end", aggregation: "last", partOf: null },
];
const form = (values: Record<string, string>) => readReturnForm(values, METRICS);

describe("the return form", () => {
  it("reads blanks as not answered, ticks as not applicable, and numbers as numbers", () => {
    const read = form({ "value.feedback_responses": "0", "value.feedback_satisfied": "", "na.accredited_practitioners": "on", "value.accredited_practitioners": "" });
    expect(read.errors).toEqual({});
    expect(read.input.values).toEqual({ feedback_responses: 0, feedback_satisfied: null, accredited_practitioners: NOT_APPLICABLE });
  });

  it("blocks a figure that is not a whole number, negative, too large, or given with not applicable", () => {
    const read = form({ "value.feedback_responses": "2.5", "value.feedback_satisfied": "-1", "value.accredited_practitioners": "3", "na.accredited_practitioners": "on" });
    expect(Object.keys(read.errors)).toEqual(["value.feedback_responses", "value.feedback_satisfied", "value.accredited_practitioners"]);
    expect(read.errors["value.feedback_responses"]).toMatch(/whole number/);
    expect(read.errors["value.feedback_satisfied"]).toMatch(/0 or more/);
    expect(form({ "value.feedback_responses": "5000000" }).errors["value.feedback_responses"]).toMatch(/999,999 or fewer/);
  });

  it("warns when a part is larger than its whole, a figure jumps, a stock halves, or text looks personal", () => {
    const input = form({
      "value.feedback_responses": "40",
      "value.feedback_satisfied": "45",
      "value.accredited_practitioners": "2",
      case_study: "They met at TS24 8AA.",
    }).input;
    const history: History = { previous: [{ feedback_responses: 10, accredited_practitioners: 6 }, { feedback_responses: 12 }, {}, { feedback_responses: NOT_APPLICABLE }] };
    const warnings = returnWarnings(input, METRICS, history, { referenceYear: 2026 });
    expect(warnings.map((w) => w.field)).toEqual(["value.feedback_responses", "value.feedback_satisfied", "value.accredited_practitioners", "case_study"]);
    expect(warnings[0].message).toMatch(/more than three times your highest of the previous four quarters \(12\)/);
    expect(warnings[1].message).toMatch(/Of which satisfied \(45\) is more than Participant feedback responses \(40\)/);
    expect(warnings[2].message).toMatch(/fell by more than half/);
    expect(warnings[3].message).toMatch(/a postcode \(“TS24 8AA”\)/);
  });

  it("does not warn about ordinary figures, or when there is no history to compare with", () => {
    const input = form({ "value.feedback_responses": "30", "value.feedback_satisfied": "30", "value.accredited_practitioners": "4" }).input;
    expect(returnWarnings(input, METRICS, { previous: [{ feedback_responses: 10, accredited_practitioners: 6 }] }, { referenceYear: 2026 })).toEqual([]);
    expect(returnWarnings(input, METRICS, { previous: [] }, { referenceYear: 2026 })).toEqual([]);
  });
});

describe("status", () => {
  const all: Array<ReturnStatus | null> = [null, "draft", "submitted", "resubmitted", "accepted", "returned"];
  it("moves draft → submitted → accepted | returned → resubmitted, and nothing else", () => {
    const table = Object.fromEntries(
      all.map((s) => [
        String(s),
        Object.fromEntries((["save", "submit", "accept", "return"] as const).map((a) => [a, transition(s, a).ok ? (transition(s, a) as { status: string }).status : "—"])),
      ]),
    );
    expect(table).toEqual({
      null: { save: "draft", submit: "submitted", accept: "—", return: "—" },
      draft: { save: "draft", submit: "submitted", accept: "—", return: "—" },
      submitted: { save: "—", submit: "—", accept: "accepted", return: "returned" },
      resubmitted: { save: "—", submit: "—", accept: "accepted", return: "returned" },
      accepted: { save: "—", submit: "—", accept: "—", return: "returned" },
      returned: { save: "returned", submit: "resubmitted", accept: "—", return: "—" },
    });
  });

  it("counts submitted, resubmitted and accepted returns only", () => {
    expect(all.filter((s) => countsForFigures(s))).toEqual(["submitted", "resubmitted", "accepted"]);
  });
});

describe("locks", () => {
  const q = parseQuarterKey("2026Q2")!; // ends 30 September; due 30 October; locks after 29 November
  const settings = { deadlineDays: 30, graceDays: 30 };
  it("lock a quarter after its due date plus grace, unless an exception is open", () => {
    expect(lockState(q, settings, "2026-11-29", "draft")).toMatchObject({ dueOn: "2026-10-30", editableUntil: "2026-11-29", locked: false });
    expect(lockState(q, settings, "2026-11-30", "draft")).toMatchObject({ locked: true, reason: "period" });
    expect(lockState(q, settings, "2026-11-30", "draft", "2026-12-05")).toMatchObject({ locked: false, exceptionUntil: "2026-12-05" });
    expect(lockState(q, settings, "2026-12-06", "draft", "2026-12-05")).toMatchObject({ locked: true, exceptionUntil: null });
  });

  it("lock an accepted return whatever the date", () => {
    expect(lockState(q, settings, "2026-10-01", "accepted")).toMatchObject({ locked: true, reason: "accepted" });
  });

  it("judge timeliness by the UK calendar day of the first submission", () => {
    expect(ukDate("2026-10-30T22:30:00Z")).toBe("2026-10-30"); // GMT again after 25 October: 22:30 in the UK
    expect(ukDate("2026-07-30T23:30:00Z")).toBe("2026-07-31"); // 00:30 BST the next day
    expect(timeliness("2026-10-30T22:30:00Z", "2026-10-30")).toBe("on_time");
    expect(timeliness("2026-10-31T00:10:00Z", "2026-10-30")).toBe("late");
    expect(timeliness(null, "2026-10-30")).toBeNull();
  });

  it("judge timeliness exactly as the UK day of the instant, across clock changes (property)", () => {
    // The instant a UK day ends is worked out once per due date: it must agree with the day itself,
    // to the minute around midnight and on the days the clocks go forward and back.
    const dueDays = ["2026-03-28", "2026-03-29", "2026-03-30", "2026-10-24", "2026-10-25", "2026-10-26", "2026-07-31", "2027-01-31"];
    fc.assert(
      fc.property(fc.constantFrom(...dueDays), fc.integer({ min: -36 * 60, max: 36 * 60 }), (due, minutes) => {
        const at = new Date(Date.parse(`${due}T23:00:00Z`) + minutes * 60_000);
        expect(timeliness(at, due)).toBe(ukDate(at) <= due ? "on_time" : "late");
        expect(timeliness(at.toISOString(), due)).toBe(timeliness(at, due));
      }),
    );
  });
});

describe("completeness and timeliness", () => {
  const row = (name: string, borough: string | null, sector: string, expected: boolean, status: ReturnStatus | null, at: string | null): CompletenessRow => ({
    organisationId: name,
    name,
    boroughName: borough,
    sector,
    expected,
    status,
    firstSubmittedAt: at,
  });
  it("counts expected, submitted, on time, late and missing per borough and sector", () => {
    const report = completeness(
      [
        row("A", "Hartlepool", "police", true, "accepted", "2026-10-20T10:00:00Z"),
        row("B", "Hartlepool", "housing", true, "submitted", "2026-11-02T10:00:00Z"),
        row("C", "Hartlepool", "housing", true, "returned", "2026-10-10T10:00:00Z"),
        row("D", null, "police", true, null, null),
        row("E", "Stockton-on-Tees", "housing", false, "submitted", "2026-10-01T10:00:00Z"),
      ],
      "2026-10-30",
    );
    expect(report.total).toEqual({ expected: 4, submitted: 2, onTime: 1, late: 1, missing: 2, percent: 50 });
    expect(report.byBorough.map((b) => [b.name, b.counts.expected, b.counts.missing])).toEqual([
      ["Hartlepool", 3, 1],
      ["County-wide", 1, 1],
    ]);
    expect(report.bySector.map((b) => [b.name, b.counts.submitted])).toEqual([
      ["housing", 1],
      ["police", 1],
    ]);
    expect(report.missing.map((m) => m.name)).toEqual(["C", "D"]);
  });
});

describe("reminders and to-dos", () => {
  it("send due in 7 days, due today and overdue in their windows only", () => {
    const due = "2026-10-30";
    const until = "2026-11-29";
    expect(["2026-10-22", "2026-10-23", "2026-10-29", "2026-10-30", "2026-10-31", "2026-11-29", "2026-11-30"].map((d) => reminderFor(due, until, d))).toEqual([
      null,
      "due_in_7_days",
      "due_in_7_days",
      "due_today",
      "overdue",
      "overdue",
      null,
    ]);
  });

  it("ask the champion about returned, overdue, then coming returns, and never about locked or counted ones", () => {
    const q = (quarter: string, status: ReturnStatus | null, dueOnDay: string, extra: object = {}) => ({
      quarter,
      label: quarter,
      expected: true,
      status,
      locked: false,
      dueOn: dueOnDay,
      editableUntil: addDays(dueOnDay, 30),
      returnReason: status === "returned" ? "Check feedback" : null,
      ...extra,
    });
    const todos = organisationTodos(
      [
        q("2026Q3", "draft", "2027-01-30"),
        q("2026Q2", null, "2026-10-30"),
        q("2026Q1", "returned", "2026-07-30"),
        q("2025Q4", "accepted", "2026-04-30"),
        q("2025Q3", null, "2026-01-30", { locked: true }),
      ],
      "2026-11-22",
    );
    expect(todos.map((t) => [t.quarter, t.kind])).toEqual([
      ["2026Q1", "returned"],
      ["2026Q2", "overdue"],
      ["2026Q3", "in_progress"],
    ]);
  });
});

describe("the demo seed's quarter arithmetic", () => {
  it("agrees with the app's periods", () => {
    let q = parseQuarterKey("2023Q1")!;
    for (let i = 0; i < 16; i++, q = nextQuarter(q)) {
      expect(quarterEnd(q.key)).toBe(q.end);
      expect(dueOn(q.key, 30)).toBe(dueDate(q, 30));
      expect(quarterKeyOf(q.start)).toBe(q.key);
      expect(quarterKeyOf(q.end)).toBe(quarterOf(q.end).key);
      expect(shiftQuarter(q.key, 1)).toBe(nextQuarter(q).key);
    }
  });
});
