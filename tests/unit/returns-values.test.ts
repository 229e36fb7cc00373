/** What a person types in a figure's box or a CSV cell: blank, N/A and 0 stay three different things. */
import { describe, expect, it } from "vitest";
import { csvValue, displayValue, NOT_APPLICABLE, parseValue } from "~/modules/returns/values";

describe("reading a figure", () => {
  it("keeps blank, not applicable and zero apart", () => {
    expect(parseValue("")).toEqual({ ok: true, value: null });
    expect(parseValue("  ")).toEqual({ ok: true, value: null });
    expect(parseValue("0")).toEqual({ ok: true, value: 0 });
    expect(parseValue("N/A")).toEqual({ ok: true, value: NOT_APPLICABLE });
    expect(parseValue("n/a")).toEqual({ ok: true, value: NOT_APPLICABLE });
    expect(parseValue("na", { allowNotApplicable: false })).toEqual({ ok: false, problem: "not_whole_number" });
  });

  it("takes whole numbers as people write them and says what is wrong with anything else", () => {
    expect(parseValue("1,204")).toEqual({ ok: true, value: 1204 });
    expect(parseValue("1 204")).toEqual({ ok: true, value: 1204 });
    expect(parseValue(" 12 ")).toEqual({ ok: true, value: 12 });
    expect(parseValue("12.5")).toEqual({ ok: false, problem: "not_whole_number" });
    expect(parseValue("12,5")).toEqual({ ok: false, problem: "not_whole_number" });
    expect(parseValue("twelve")).toEqual({ ok: false, problem: "not_whole_number" });
    expect(parseValue("1e3")).toEqual({ ok: false, problem: "not_whole_number" });
    expect(parseValue("-3")).toEqual({ ok: false, problem: "negative" });
    expect(parseValue("1000000")).toEqual({ ok: false, problem: "too_large" });
    expect(parseValue("999,999")).toEqual({ ok: true, value: 999_999 });
  });

  it("writes each back distinctly for people and for CSV", () => {
    expect([displayValue(0), displayValue(NOT_APPLICABLE), displayValue(null)]).toEqual(["0", "Not applicable", "Not answered"]);
    expect([csvValue(0), csvValue(NOT_APPLICABLE), csvValue(null)]).toEqual(["0", "N/A", ""]);
    for (const v of [0, 7, NOT_APPLICABLE, null] as const) expect(parseValue(csvValue(v))).toEqual({ ok: true, value: v });
  });
});
