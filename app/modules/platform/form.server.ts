/**
 * Form posts parsed with zod. A rejected form comes back with what the person typed and one
 * message per field, in page order, for the error summary (GOV.UK pattern).
 */
import { z } from "zod";

export type FieldErrors = Record<string, string>;

export interface FormReply {
  values: Record<string, string | string[]>;
  errors: FieldErrors;
  /** A message for the whole form, shown in the error summary (e.g. a stale save). */
  formError?: string;
}

export type ParsedForm<T> = { ok: true; data: T; values: FormReply["values"] } | { ok: false; reply: FormReply };

/** Every posted field, repeated ones as arrays; files dropped. */
export function formValues(form: FormData): FormReply["values"] {
  const values: FormReply["values"] = {};
  for (const [key, rawValue] of form.entries()) {
    if (typeof rawValue !== "string") continue;
    // PostgreSQL text cannot hold NUL; no person types one, so it is dropped rather than stored.
    const value = rawValue.replace(/\u0000/g, "");
    const existing = values[key];
    if (existing === undefined) values[key] = value;
    else values[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return values;
}

export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    return new FormData();
  }
}

export async function parseForm<S extends z.ZodTypeAny>(request: Request | FormData, schema: S): Promise<ParsedForm<z.infer<S>>> {
  const form = request instanceof FormData ? request : await readForm(request);
  return parseFormData(form, schema);
}

export function parseFormData<S extends z.ZodTypeAny>(form: FormData, schema: S): ParsedForm<z.infer<S>> {
  const values = formValues(form);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data, values };
  return { ok: false, reply: { values, errors: fieldErrors(result.error) } };
}

/** The reply for a form the module refused after parsing (a rule, a conflict). */
export function refuse(values: FormReply["values"], errors: FieldErrors, formError?: string): FormReply {
  return { values, errors, formError };
}

/** Common field schemas with messages that say how to fix the input. */
export const text = (label: string, max = 200) =>
  z
    .string({ required_error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`);

export const optionalText = (label: string, max = 2000) =>
  z
    .string()
    .trim()
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`)
    .optional()
    .transform((v) => (v ? v : null));

export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("yes"), z.array(z.string())])
  .optional()
  .transform((v) => v !== undefined);

/** What a PostgreSQL integer column holds: bigger numbers are refused as input, not by the database. */
export const INTEGER_MAX = 2_147_483_647;

/** A whole number between bounds (by default 0 to what an integer column holds), with one message. */
export const wholeNumber = (message: string, { min = 0, max = INTEGER_MAX }: { min?: number; max?: number } = {}) =>
  z.coerce.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message);

/** The version (or revision) a form was opened at, for the stale-save check. */
export const formVersion = wholeNumber("This form is out of date. Reload the page and try again");

export const uuid = (message = "Choose an option from the list") => z.string({ required_error: message }).uuid(message);

export function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Errors that mean the database was out of reach or dropped the connection (or gave up on a
 * conflict it asks to be retried), as opposed to a bug: the write did not happen, so the person
 * can simply send it again (platform/outage.server.tsx answers such a request).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === "string" ? e.code : "";
  if (/^08/.test(code) || ["57P01", "57P02", "57P03", "53300", "40001", "40P01", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT"].includes(code)) return true;
  const message = typeof e?.message === "string" ? e.message : "";
  return /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|terminating connection/i.test(message);
}
