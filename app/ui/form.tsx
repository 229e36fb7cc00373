/**
 * Form fields in the GOV.UK pattern: label, hint, the error message by the field, and the value the
 * person typed when a form comes back. `reply` is what an action returned for a rejected form.
 */
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode } from "react";

export interface Reply {
  values?: Record<string, string | string[]>;
  errors?: Record<string, string>;
  formError?: string;
}

export const fieldId = (name: string) => `f-${name.replace(/[^\w-]/g, "-")}`;

function valueOf(reply: Reply | undefined | null, name: string, fallback: string | number | null | undefined): string {
  const v = reply?.values?.[name];
  if (v !== undefined) return Array.isArray(v) ? (v[0] ?? "") : v;
  return fallback === null || fallback === undefined ? "" : String(fallback);
}

function valuesOf(reply: Reply | undefined | null, name: string, fallback: string[] | undefined): string[] {
  const v = reply?.values?.[name];
  if (v !== undefined) return Array.isArray(v) ? v : [v];
  return fallback ?? [];
}

/**
 * "Error: " before the page title while a summary of problems is shown. PageMeta does it for a
 * refused form posted by navigation (and with JavaScript off); this covers a form posted by a fetcher.
 */
export function useErrorTitle(shown: boolean) {
  useEffect(() => {
    if (!shown || document.title.startsWith("Error: ")) return;
    document.title = `Error: ${document.title}`;
    return () => {
      if (document.title.startsWith("Error: ")) document.title = document.title.slice("Error: ".length);
    };
  }, [shown]);
}

/** Lists every problem at the top, each linking to its field; takes focus so it is read first. */
export function ErrorSummary({ reply, order = [] }: { reply: Reply | undefined | null; order?: string[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const errors = reply?.errors ?? {};
  const names = [...order.filter((n) => errors[n]), ...Object.keys(errors).filter((n) => !order.includes(n))];
  const hasProblems = names.length > 0 || Boolean(reply?.formError);
  useEffect(() => {
    if (hasProblems) ref.current?.focus();
  }, [hasProblems, reply]);
  useErrorTitle(hasProblems);
  if (!hasProblems) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          {reply?.formError ? <p className="govuk-body">{reply.formError}</p> : null}
          {names.length ? (
            <ul className="govuk-list govuk-error-summary__list">
              {names.map((name) => (
                <li key={name}>
                  <a href={`#${fieldId(name)}`}>{errors[name]}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </div>
    </div>
  );
}

function ErrorMessage({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {message}
    </p>
  );
}

interface FieldProps {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  reply?: Reply | null;
  /** A label that is also the page's heading (GOV.UK question pages). */
  isPageHeading?: boolean;
  labelClassName?: string;
}

function Label({ id, label, isPageHeading, className }: { id: string; label: ReactNode; isPageHeading?: boolean; className?: string }) {
  const labelEl = (
    <label className={`govuk-label ${className ?? (isPageHeading ? "govuk-label--l" : "")}`} htmlFor={id}>
      {label}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{labelEl}</h1> : labelEl;
}

function describedBy(id: string, hint: unknown, error: unknown, extra?: string) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null, extra].filter(Boolean).join(" ") || undefined;
}

export function TextField({
  name,
  label,
  hint,
  reply,
  defaultValue,
  isPageHeading,
  labelClassName,
  width,
  suffix,
  ...input
}: FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue"> & {
    defaultValue?: string | number | null;
    width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
    suffix?: string;
  }) {
  const id = input.id ?? fieldId(name);
  const error = reply?.errors?.[name];
  const field = (
    <input
      {...input}
      id={id}
      name={name}
      type={input.type ?? "text"}
      defaultValue={valueOf(reply, name, defaultValue)}
      className={`govuk-input${width ? ` govuk-input--width-${width}` : ""}${error ? " govuk-input--error" : ""}`}
      aria-describedby={describedBy(id, hint, error, input["aria-describedby"])}
      aria-invalid={error ? true : undefined}
    />
  );
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} isPageHeading={isPageHeading} className={labelClassName} />
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} message={error} />
      {suffix ? (
        <div className="govuk-input__wrapper">
          {field}
          <div className="govuk-input__suffix" aria-hidden="true">
            {suffix}
          </div>
        </div>
      ) : (
        field
      )}
    </div>
  );
}

export function TextArea({
  name,
  label,
  hint,
  reply,
  defaultValue,
  rows = 5,
  maxLength,
  isPageHeading,
  labelClassName,
}: FieldProps & { defaultValue?: string | null; rows?: number; maxLength?: number }) {
  const id = fieldId(name);
  const error = reply?.errors?.[name];
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} isPageHeading={isPageHeading} className={labelClassName} />
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} message={error} />
      <textarea
        id={id}
        name={name}
        rows={rows}
        maxLength={maxLength}
        defaultValue={valueOf(reply, name, defaultValue)}
        className={`govuk-textarea${error ? " govuk-textarea--error" : ""}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      />
    </div>
  );
}

export interface Option {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
}

export function SelectField({
  name,
  label,
  hint,
  reply,
  options,
  defaultValue,
  placeholder,
  isPageHeading,
  labelClassName,
}: FieldProps & { options: Array<{ value: string; label: string }>; defaultValue?: string | null; placeholder?: string }) {
  const id = fieldId(name);
  const error = reply?.errors?.[name];
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <Label id={id} label={label} isPageHeading={isPageHeading} className={labelClassName} />
      {hint ? (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={id} message={error} />
      <select
        id={id}
        name={name}
        defaultValue={valueOf(reply, name, defaultValue)}
        className={`govuk-select${error ? " govuk-select--error" : ""}`}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Fieldset({
  id,
  legend,
  hint,
  error,
  isPageHeading,
  children,
  legendClassName,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  isPageHeading?: boolean;
  children: ReactNode;
  legendClassName?: string;
}) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(id, hint, error)}>
        <legend className={`govuk-fieldset__legend ${legendClassName ?? (isPageHeading ? "govuk-fieldset__legend--l" : "govuk-fieldset__legend--s")}`}>
          {isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
        </legend>
        {hint ? (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        ) : null}
        <ErrorMessage id={id} message={error} />
        {children}
      </fieldset>
    </div>
  );
}

/** Each option's hint has an id of its own (`…-item-hint`): the first option's id is the group's, so `${id}-hint` would repeat the group hint's id. */
export function RadiosField({
  name,
  legend,
  hint,
  reply,
  options,
  defaultValue,
  inline,
  small,
  isPageHeading,
  legendClassName,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  reply?: Reply | null;
  options: Option[];
  defaultValue?: string | null;
  inline?: boolean;
  small?: boolean;
  isPageHeading?: boolean;
  legendClassName?: string;
}) {
  const id = fieldId(name);
  const error = reply?.errors?.[name];
  const current = valueOf(reply, name, defaultValue);
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} isPageHeading={isPageHeading} legendClassName={legendClassName}>
      <div className={`govuk-radios${inline ? " govuk-radios--inline" : ""}${small ? " govuk-radios--small" : ""}`} data-module="govuk-radios">
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${i + 1}`;
          return (
            <div className="govuk-radios__item" key={o.value}>
              <input
                className="govuk-radios__input"
                id={optionId}
                name={name}
                type="radio"
                value={o.value}
                defaultChecked={current === o.value}
                aria-describedby={o.hint ? `${optionId}-item-hint` : undefined}
              />
              <label className="govuk-label govuk-radios__label" htmlFor={optionId}>
                {o.label}
              </label>
              {o.hint ? (
                <div id={`${optionId}-item-hint`} className="govuk-hint govuk-radios__hint">
                  {o.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function CheckboxesField({
  name,
  legend,
  hint,
  reply,
  options,
  defaultValues,
  small,
  legendClassName,
}: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  reply?: Reply | null;
  options: Option[];
  defaultValues?: string[];
  small?: boolean;
  legendClassName?: string;
}) {
  const id = fieldId(name);
  const error = reply?.errors?.[name];
  // A form that came back has the ticked boxes in `values`; none ticked means none, not the defaults.
  const current = new Set(reply?.values ? valuesOf(reply, name, []) : (defaultValues ?? []));
  return (
    <Fieldset id={id} legend={legend} hint={hint} error={error} legendClassName={legendClassName}>
      <div className={`govuk-checkboxes${small ? " govuk-checkboxes--small" : ""}`} data-module="govuk-checkboxes">
        {options.map((o, i) => {
          const optionId = i === 0 ? id : `${id}-${i + 1}`;
          return (
            <div className="govuk-checkboxes__item" key={o.value}>
              <input
                className="govuk-checkboxes__input"
                id={optionId}
                name={name}
                type="checkbox"
                value={o.value}
                defaultChecked={current.has(o.value)}
                aria-describedby={o.hint ? `${optionId}-item-hint` : undefined}
              />
              <label className="govuk-label govuk-checkboxes__label" htmlFor={optionId}>
                {o.label}
              </label>
              {o.hint ? (
                <div id={`${optionId}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                  {o.hint}
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
    </Fieldset>
  );
}

/** A single yes/no tick box ("I confirm…"), posted as `on` when ticked. */
export function Checkbox({ name, label, hint, reply, defaultChecked }: { name: string; label: ReactNode; hint?: ReactNode; reply?: Reply | null; defaultChecked?: boolean }) {
  const id = fieldId(name);
  const error = reply?.errors?.[name];
  const checked = reply?.values ? reply.values[name] !== undefined : Boolean(defaultChecked);
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <ErrorMessage id={id} message={error} />
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input className="govuk-checkboxes__input" id={id} name={name} type="checkbox" defaultChecked={checked} aria-describedby={describedBy(id, hint, error)} />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
          {hint ? (
            <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}

export function Button({
  children,
  secondary,
  warning,
  name,
  value,
  disabled,
  formNoValidate,
}: {
  children: ReactNode;
  secondary?: boolean;
  warning?: boolean;
  name?: string;
  value?: string;
  disabled?: boolean;
  formNoValidate?: boolean;
}) {
  return (
    <button
      type="submit"
      className={`govuk-button${secondary ? " govuk-button--secondary" : ""}${warning ? " govuk-button--warning" : ""}`}
      data-module="govuk-button"
      data-prevent-double-click="true"
      name={name}
      value={value}
      disabled={disabled}
      formNoValidate={formNoValidate}
    >
      {children}
    </button>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>;
}
