/** The shared form fields' markup: every id on a page once, each description pointing at its own text. */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CheckboxesField, RadiosField } from "~/ui/form";

function describedTexts(html: string) {
  const doc = new Map([...html.matchAll(/id="([^"]+)"[^>]*>([^<]*)/g)].map((m) => [m[1], m[2]]));
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  const inputs = [...html.matchAll(/<input[^>]*>/g)].map((m) => [/value="([^"]+)"/.exec(m[0])?.[1], doc.get(/aria-describedby="([^"]+)"/.exec(m[0])?.[1] ?? "")]);
  return { ids, inputs };
}

const options = [
  { value: "awareness", label: "Awareness", hint: "A briefing of an hour or two" },
  { value: "facilitator", label: "Facilitator", hint: "RJC-approved facilitator training" },
];

describe("radios and checkboxes with hints", () => {
  it("gives each option's hint its own id, apart from the group's hint", () => {
    for (const Field of [RadiosField, CheckboxesField]) {
      const html = renderToStaticMarkup(<Field name="training" legend="Training" hint="Their highest level" options={options} />);
      const { ids, inputs } = describedTexts(html);
      expect(new Set(ids).size, html).toBe(ids.length);
      expect(inputs).toEqual([
        ["awareness", "A briefing of an hour or two"],
        ["facilitator", "RJC-approved facilitator training"],
      ]);
    }
  });
});
