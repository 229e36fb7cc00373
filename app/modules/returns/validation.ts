/**
 * Checking a return before it is saved or submitted. Errors block (a figure that is not a whole
 * number, negative or too large; a number and "not applicable" both given). Warnings ask for a
 * confirming tick before submission: a part larger than its whole, a figure more than three
 * times the organisation's highest of the previous four quarters, a stock that fell by more than
 * half, and free text that looks like personal data.
 */
import type { MetricAggregation } from "../../../db/types";
import { personalDataWarnings } from "../platform/personal-data-check";
import { isNumber, NOT_APPLICABLE, parseValue, problemMessage, type MetricValue } from "./values";

export interface FormMetric {
  id: string;
  key: string;
  label: string;
  aggregation: MetricAggregation;
  /** Key of the metric this one is part of ("of which"). */
  partOf: string | null;
}

export const NARRATIVE_FIELDS = [
  { name: "highlights", label: "Highlights" },
  { name: "barriers", label: "Barriers" },
  { name: "support_needed", label: "Support needed" },
  { name: "case_study", label: "Anonymised case study" },
] as const;
export type NarrativeField = (typeof NARRATIVE_FIELDS)[number]["name"];
export type Narrative = Record<NarrativeField, string | null>;
export const NARRATIVE_MAX = 5000;

export const valueField = (key: string) => `value.${key}`;
export const naField = (key: string) => `na.${key}`;

export interface ReturnInput {
  values: Record<string, MetricValue>;
  narrative: Narrative;
}

export interface Warning {
  /** The field it is about, for the link in the summary. */
  field: string;
  message: string;
}

export interface CheckedReturn {
  input: ReturnInput;
  /** Field name → message; any error blocks saving. */
  errors: Record<string, string>;
  warnings: Warning[];
}

/** What was posted, read into values and narrative, with every blocking error. */
export function readReturnForm(posted: Record<string, string | string[]>, metrics: FormMetric[]): CheckedReturn {
  const one = (name: string) => {
    const v = posted[name];
    return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  };
  const errors: Record<string, string> = {};
  const values: Record<string, MetricValue> = {};
  for (const metric of metrics) {
    const raw = one(valueField(metric.key));
    const ticked = posted[naField(metric.key)] !== undefined;
    const parsed = parseValue(raw, { allowNotApplicable: false });
    if (!parsed.ok) {
      errors[valueField(metric.key)] = problemMessage(parsed.problem, metric.label);
      continue;
    }
    if (ticked && parsed.value !== null) {
      errors[valueField(metric.key)] = `${metric.label}: enter a number or tick “not applicable”, not both`;
      continue;
    }
    values[metric.key] = ticked ? NOT_APPLICABLE : parsed.value;
  }
  const narrative = {} as Narrative;
  for (const field of NARRATIVE_FIELDS) {
    // NUL cannot be typed by a person or stored by PostgreSQL: drop it rather than fail.
    const text = one(field.name).replaceAll("\u0000", "").trim();
    if (text.length > NARRATIVE_MAX) errors[field.name] = `${field.label} must be ${NARRATIVE_MAX.toLocaleString("en-GB")} characters or fewer`;
    narrative[field.name] = text || null;
  }
  return { input: { values, narrative }, errors, warnings: [] };
}

export interface History {
  /** The organisation's figures for the previous four quarters, newest first, by metric key. */
  previous: Array<Record<string, MetricValue>>;
}

/** Warnings that ask the person to check before submitting. */
export function returnWarnings(input: ReturnInput, metrics: FormMetric[], history: History, options: { referenceYear: number }): Warning[] {
  const warnings: Warning[] = [];
  const labels = new Map(metrics.map((m) => [m.key, m.label]));
  for (const metric of metrics) {
    const value = input.values[metric.key];
    if (!isNumber(value)) continue;
    const field = valueField(metric.key);
    const whole = metric.partOf ? input.values[metric.partOf] : undefined;
    if (isNumber(whole) && value > whole) {
      warnings.push({ field, message: `${metric.label} (${value}) is more than ${labels.get(metric.partOf!) ?? metric.partOf} (${whole})` });
    }
    const earlier = history.previous.map((q) => q[metric.key]).filter(isNumber);
    const highest = earlier.length ? Math.max(...earlier) : 0;
    if (highest > 0 && value > 3 * highest) {
      warnings.push({ field, message: `${metric.label} (${value}) is more than three times your highest of the previous four quarters (${highest})` });
    }
    const last = history.previous[0]?.[metric.key];
    if (metric.aggregation === "last" && isNumber(last) && last > 0 && value < last / 2) {
      warnings.push({ field, message: `${metric.label} fell by more than half since last quarter (from ${last} to ${value})` });
    }
  }
  warnings.push(
    ...personalDataWarnings(
      NARRATIVE_FIELDS.map((f) => ({
        name: f.name,
        label: f.label,
        text: input.narrative[f.name],
      })),
      options.referenceYear,
    ),
  );
  return warnings;
}

/**
 * What to confirm before a submission goes in, beside the checks on the figures: a quarter that has
 * not ended yet (its figures would not be the whole quarter's), and figures left blank (a blank is
 * "not known", not nothing).
 */
export function submissionWarnings(input: ReturnInput, metrics: FormMetric[], quarter: { end: string; label: string }, today: string, endLabel: string): Warning[] {
  const warnings: Warning[] = [];
  if (metrics.length && today <= quarter.end) {
    warnings.push({
      field: valueField(metrics[0].key),
      message: `${quarter.label} has not ended yet (it ends on ${endLabel}): submit now only if these are the whole quarter's figures`,
    });
  }
  const blank = metrics.filter((m) => input.values[m.key] === null || input.values[m.key] === undefined);
  if (blank.length) {
    const names =
      blank.length <= 3
        ? blank.map((m) => m.label).join(", ")
        : `${blank
            .slice(0, 3)
            .map((m) => m.label)
            .join(", ")} and ${blank.length - 3} more`;
    warnings.push({
      field: valueField(blank[0].key),
      message: `${blank.length === 1 ? "1 figure is" : `${blank.length} figures are`} blank (${names}): a blank counts as not known. Enter 0 if there were none, or tick “not applicable”`,
    });
  }
  return warnings;
}

/** Values and narrative equal, for telling a repeated post from a real conflict. */
export function sameInput(a: ReturnInput, b: ReturnInput): boolean {
  const keys = new Set([...Object.keys(a.values), ...Object.keys(b.values)]);
  for (const key of keys) if ((a.values[key] ?? null) !== (b.values[key] ?? null)) return false;
  return NARRATIVE_FIELDS.every((f) => (a.narrative[f.name] ?? null) === (b.narrative[f.name] ?? null));
}

/** The fields whose stored content differs between two versions of a return. */
export function changedFields(before: ReturnInput, after: ReturnInput): string[] {
  const changed: string[] = [];
  const keys = new Set([...Object.keys(before.values), ...Object.keys(after.values)]);
  for (const key of keys) if ((before.values[key] ?? null) !== (after.values[key] ?? null)) changed.push(valueField(key));
  for (const f of NARRATIVE_FIELDS) if ((before.narrative[f.name] ?? null) !== (after.narrative[f.name] ?? null)) changed.push(f.name);
  return changed;
}
