/** Free text that looks like personal data is found, with where it is; ordinary report text is not. */
import { describe, expect, it } from "vitest";
import { findPersonalData, findPersonalDataIn } from "~/modules/returns/personal-data";

const kinds = (text: string) => findPersonalData(text, { referenceYear: 2026 }).map((f) => [f.kind, f.match]);

describe("personal data in free text", () => {
  it("finds email addresses, UK phone numbers, postcodes and dates of birth", () => {
    expect(kinds("Contact j.smith@example.org for details")).toEqual([["email", "j.smith@example.org"]]);
    expect(kinds("call 07700 900123 or 01429 266522")).toEqual([
      ["phone", "07700 900123"],
      ["phone", "01429 266522"],
    ]);
    expect(kinds("ring +44 7700 900123 today")).toEqual([["phone", "+44 7700 900123"]]);
    expect(kinds("lives near TS24 8AA and visits SO14 7LY")).toEqual([
      ["postcode", "TS24 8AA"],
      ["postcode", "SO14 7LY"],
    ]);
    expect(kinds("postcode ts248aa")).toEqual([["postcode", "ts248aa"]]);
    expect(kinds("the young person (DOB 03/04/2011) agreed")).toEqual([["date_of_birth", "03/04/2011"]]);
    expect(kinds("she was born on 12 March 1987")).toEqual([["date_of_birth", "12 March 1987"]]);
    expect(kinds("a man, 14/02/1979, took part")).toEqual([["date_of_birth", "14/02/1979"]]);
  });

  it("leaves ordinary report text alone", () => {
    for (const text of [
      "We completed 12 direct processes and 1,204 staff attended briefings.",
      "On 12/10/2026 we held a session; the next is on 3 December 2026.",
      "Referrals rose 25% in 2026/27 Q2 compared with Q1.",
      "Room 101 at the civic centre, 2 sessions, 45 people.",
      "Our target for Q3 is 40 briefings across 3 schools.",
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });

  it("says which field and where in it", () => {
    const found = findPersonalDataIn(
      [
        { name: "highlights", label: "Highlights", text: "All good." },
        { name: "case_study", label: "Anonymised case study", text: "Mr X (TS24 8AA) met the person who harmed him." },
      ],
      { referenceYear: 2026 },
    );
    expect(found).toEqual([{ kind: "postcode", match: "TS24 8AA", index: 6, field: "case_study", fieldLabel: "Anonymised case study" }]);
  });
});
