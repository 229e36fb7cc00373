/**
 * GOV.UK date inputs: a date arrives as three fields (`since-day`, `since-month`, `since-year`)
 * and is checked as one, with messages that say which part is wrong.
 */
import { z } from "zod";
import { capitalise } from "./form.server";

const PARTS = ["day", "month", "year"] as const;

/** Joins each named date's three fields into one 'YYYY-MM-DD' value before `schema` checks it. */
export function withDates<S extends z.ZodTypeAny>(names: string[], schema: S) {
  return z.preprocess((input) => {
    if (!input || typeof input !== "object") return input;
    const values = { ...(input as Record<string, unknown>) };
    for (const name of names) {
      const parts = PARTS.map((p) => String(values[`${name}-${p}`] ?? "").trim());
      if (parts.every((p) => !p)) continue;
      const missing = PARTS.filter((_, i) => !parts[i]);
      const [d, m, y] = parts;
      values[name] = missing.length ? `partial:${missing.join(",")}` : `${y.padStart(4, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
    }
    return values;
  }, schema);
}

export function isRealDate(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= "1900-01-01" && value <= "2199-12-31";
}

/** A date field joined by withDates; `when` limits it to the past or the future of `today`. */
export function dateField(label: string, options: { today?: string; when?: "past" | "future" } = {}) {
  return z.string({ required_error: `Enter ${label}` }).superRefine((value, ctx) => {
    if (value.startsWith("partial:")) {
      const missing = value.slice("partial:".length).split(",");
      ctx.addIssue({ code: "custom", message: `${capitalise(label)} must include a ${missing.join(" and ")}` });
    } else if (!isRealDate(value)) {
      ctx.addIssue({ code: "custom", message: `${capitalise(label)} must be a real date` });
    } else if (options.today && options.when === "past" && value > options.today) {
      ctx.addIssue({ code: "custom", message: `${capitalise(label)} must be today or in the past` });
    } else if (options.today && options.when === "future" && value < options.today) {
      ctx.addIssue({ code: "custom", message: `${capitalise(label)} must be today or in the future` });
    }
  });
}
