/**
 * The quarterly return form: every metric as a whole-number box with its own "not applicable"
 * tick (a blank box is "not answered yet", never 0), last quarter's figure beside it, the
 * narrative, and Save draft / Submit. A refused save comes back with everything typed, what
 * changed meanwhile marked by each field, and warnings to confirm.
 */
import { Form, Link } from "@remix-run/react";
import { ErrorSummary, fieldId, TextArea } from "~/ui/form";
import { parseQuarterKey } from "../reporting/periods";
import { groupMetrics, type FormMetricView, type ReturnReply } from "./display";
import { NARRATIVE_FIELDS, NARRATIVE_MAX, naField, valueField, type Narrative, type Warning } from "./validation";
import { displayValue, NOT_APPLICABLE, type MetricValue } from "./values";

const NARRATIVE_HINTS: Record<keyof Narrative, string> = {
  highlights: "What went well this quarter.",
  barriers: "What got in the way.",
  support_needed: "What would help, from the partnership or others.",
  case_study: "A short story of one case, with nothing that could identify anyone: no names, addresses, dates of birth or contact details.",
};

function posted(reply: ReturnReply | null | undefined, name: string): string | undefined {
  const v = reply?.values?.[name];
  return Array.isArray(v) ? v[0] : v;
}

function Conflict({ reply, field }: { reply: ReturnReply | null | undefined; field: string }) {
  const change = reply?.conflict?.changed.find((c) => c.field === field);
  if (!change) return null;
  const now = typeof change.now === "string" && change.now !== NOT_APPLICABLE ? `“${change.now}”` : displayValue(change.now as MetricValue);
  return (
    <div className="govuk-inset-text gt-conflict">
      <strong>Changed meanwhile by {reply?.conflict?.by ?? "someone else"}:</strong> now {change.now === null ? "empty" : now}. The box shows what you typed.
    </div>
  );
}

function MetricField({ metric, reply, disabled }: { metric: FormMetricView; reply: ReturnReply | null | undefined; disabled: boolean }) {
  const name = valueField(metric.key);
  const id = fieldId(name);
  const error = reply?.errors?.[name];
  const typed = posted(reply, name);
  const value = typed ?? (typeof metric.value === "number" ? String(metric.value) : "");
  const notApplicable = reply?.values ? reply.values[naField(metric.key)] !== undefined : metric.value === NOT_APPLICABLE;
  const hintId = `${id}-hint`;
  return (
    <div className={`govuk-form-group gt-metric${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {metric.label}
      </label>
      <div id={hintId} className="govuk-hint">
        {metric.definition}
        {metric.definitionChangedFrom ? (
          <span className="gt-metric__changed"> What counts here changed from {parseQuarterKey(metric.definitionChangedFrom)?.label ?? metric.definitionChangedFrom}.</span>
        ) : null}
        <span className="gt-metric__last"> Last quarter: {displayValue(metric.last).toLowerCase() === "not answered" ? "not reported" : displayValue(metric.last)}.</span>
      </div>
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <div className="gt-metric__answer">
        <input
          className={`govuk-input govuk-input--width-5${error ? " govuk-input--error" : ""}`}
          id={id}
          name={name}
          type="text"
          inputMode="numeric"
          spellCheck={false}
          autoComplete="off"
          defaultValue={value}
          disabled={disabled}
          aria-describedby={[hintId, error ? `${id}-error` : null].filter(Boolean).join(" ")}
          aria-invalid={error ? true : undefined}
        />
        {metric.unit ? <span className="gt-metric__unit">{metric.unit}</span> : null}
        <div className="govuk-checkboxes govuk-checkboxes--small gt-metric__na">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id={`${id}-na`} name={naField(metric.key)} type="checkbox" defaultChecked={notApplicable} disabled={disabled} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor={`${id}-na`}>
              Not applicable<span className="govuk-visually-hidden"> for {metric.label}</span>
            </label>
          </div>
        </div>
      </div>
      <Conflict reply={reply} field={name} />
    </div>
  );
}

export function WarningList({ warnings, heading }: { warnings: Warning[]; heading: string }) {
  if (!warnings.length) return null;
  return (
    <div className="govuk-warning-text gt-warnings">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <div className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {heading}
        <ul className="govuk-list govuk-list--bullet govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          {warnings.map((w, i) => (
            <li key={i} className="govuk-body">
              <a className="govuk-link" href={`#${fieldId(w.field)}`}>
                {w.message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function ReturnForm({
  metrics,
  narrative,
  version,
  reply,
  storedWarnings,
  disabled,
  reloadHref,
}: {
  metrics: FormMetricView[];
  narrative: Narrative;
  version: number;
  reply: ReturnReply | null | undefined;
  storedWarnings: Warning[];
  disabled: boolean;
  reloadHref: string;
}) {
  const warnings = reply?.warnings ?? storedWarnings;
  const order = [...metrics.map((m) => valueField(m.key)), ...NARRATIVE_FIELDS.map((f) => f.name)];
  return (
    <>
      <ErrorSummary reply={reply} order={order} />
      {reply?.conflict ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={reloadHref} reloadDocument>
            Discard what I typed and show the latest version
          </Link>
        </p>
      ) : null}
      <WarningList warnings={warnings} heading={reply?.warnings ? "Check these before you submit:" : "Check these before you submit (you will be asked to confirm them):"} />
      {/* Remounts when the stored version changes, so fields show what was saved. */}
      <Form method="post" noValidate key={version} className="gt-return-form">
        <input type="hidden" name="baseVersion" value={posted(reply, "baseVersion") ?? String(version)} />
        {groupMetrics(metrics).map(({ group, metrics: list }) => (
          <fieldset className="govuk-fieldset govuk-!-margin-bottom-6" key={group}>
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">
              <h2 className="govuk-fieldset__heading">{group}</h2>
            </legend>
            {list.map((metric) => (
              <MetricField key={metric.key} metric={metric} reply={reply} disabled={disabled} />
            ))}
          </fieldset>
        ))}
        <h2 className="govuk-heading-m">About the quarter</h2>
        {NARRATIVE_FIELDS.map((f) => (
          <div key={f.name}>
            <TextArea
              name={f.name}
              label={f.label}
              labelClassName="govuk-label--s"
              hint={NARRATIVE_HINTS[f.name]}
              reply={reply}
              defaultValue={narrative[f.name]}
              rows={4}
              maxLength={NARRATIVE_MAX}
            />
            <Conflict reply={reply} field={f.name} />
          </div>
        ))}
        {warnings.length ? (
          <div className="govuk-form-group">
            <div className="govuk-checkboxes govuk-checkboxes--small">
              <div className="govuk-checkboxes__item">
                <input className="govuk-checkboxes__input" id="f-confirm" name="confirm" type="checkbox" disabled={disabled} />
                <label className="govuk-label govuk-checkboxes__label" htmlFor="f-confirm">
                  I have checked the warnings above: the figures are right and the text identifies nobody
                </label>
              </div>
            </div>
          </div>
        ) : null}
        {disabled ? null : (
          <div className="govuk-button-group">
            {/* Save draft comes first so pressing Enter in a box saves rather than submits. */}
            <button type="submit" name="intent" value="save" className="govuk-button govuk-button--secondary" data-module="govuk-button">
              Save draft
            </button>
            <button type="submit" name="intent" value="submit" className="govuk-button" data-module="govuk-button" data-prevent-double-click="true">
              Submit return
            </button>
          </div>
        )}
      </Form>
    </>
  );
}
