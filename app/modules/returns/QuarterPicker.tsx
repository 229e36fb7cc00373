/** Choosing a quarter with a plain GET form, so it works without JavaScript and the URL says what is shown. */
import { Form } from "@remix-run/react";

export function QuarterPicker({ quarters, current, extra = {} }: { quarters: Array<{ key: string; label: string }>; current: string; extra?: Record<string, string> }) {
  return (
    <Form method="get" className="gt-inline-form">
      {Object.entries(extra).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="govuk-form-group">
        <label className="govuk-label" htmlFor="f-quarter">
          Quarter
        </label>
        <select className="govuk-select" id="f-quarter" name="quarter" defaultValue={current} key={current}>
          {quarters.map((q) => (
            <option key={q.key} value={q.key}>
              {q.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
        Show
      </button>
    </Form>
  );
}
