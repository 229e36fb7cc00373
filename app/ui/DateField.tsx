/** The GOV.UK date input: day, month and year boxes, one error message for the date as a whole. */
import type { ReactNode } from "react";
import { fieldId, type Reply } from "./form";

function part(reply: Reply | null | undefined, name: string, fallback: string) {
  const v = reply?.values?.[name];
  if (v !== undefined) return Array.isArray(v) ? (v[0] ?? "") : v;
  return fallback;
}

export function DateField({ name, legend, hint, reply, defaultValue }: { name: string; legend: ReactNode; hint?: ReactNode; reply?: Reply | null; defaultValue?: string | null }) {
  const id = fieldId(name);
  const error = reply?.errors?.[name];
  const [y, m, d] = defaultValue ? defaultValue.split("-") : ["", "", ""];
  const fields = [
    { key: "day", label: "Day", width: 2, value: d ? String(Number(d)) : "" },
    { key: "month", label: "Month", width: 2, value: m ? String(Number(m)) : "" },
    { key: "year", label: "Year", width: 4, value: y ?? "" },
  ];
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" role="group" aria-describedby={describedBy}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        <div className="govuk-date-input">
          {fields.map((f, i) => {
            const inputId = i === 0 ? id : `${id}-${f.key}`;
            return (
              <div className="govuk-date-input__item" key={f.key}>
                <div className="govuk-form-group">
                  <label className="govuk-label govuk-date-input__label" htmlFor={inputId}>
                    {f.label}
                  </label>
                  <input
                    className={`govuk-input govuk-date-input__input govuk-input--width-${f.width}${error ? " govuk-input--error" : ""}`}
                    id={inputId}
                    name={`${name}-${f.key}`}
                    type="text"
                    inputMode="numeric"
                    defaultValue={part(reply, `${name}-${f.key}`, f.value)}
                  />
                </div>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
