/**
 * What the trail calls a thing, from its row: "Action ‘Train PCSOs in restorative meetings’",
 * "Delivery plan 2026/27". The same words name a live row and one the trail remembers being deleted.
 */
import { financialYearLabel, parseQuarterKey } from "../reporting/periods";
import { formatDate } from "../platform/dates";

type Row = Record<string, unknown>;
const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);

export const quarterText = (v: unknown) => (typeof v === "string" ? (parseQuarterKey(v)?.label ?? v) : undefined);

const REVIEW_KINDS: Record<string, string> = {
  mid_year: "Mid-year review",
  end_year: "End-year review",
};

/** Tables whose rows have an `id` and something a person would call them by. */
export const NAMED_TABLES = {
  users: (r: Row) => text(r.name),
  organisations: (r: Row) => text(r.name),
  boroughs: (r: Row) => text(r.name),
  partnerships: (r: Row) => text(r.name),
  metrics: (r: Row) => text(r.label),
  plan_themes: (r: Row) => text(r.name),
  delivery_plans: (r: Row) => (typeof r.financial_year === "number" ? `Delivery plan ${financialYearLabel(r.financial_year)}` : undefined),
  plan_actions: (r: Row) => (text(r.title) ? `Action ‘${text(r.title)}’` : undefined),
  plan_milestones: (r: Row) => (text(r.title) ? `Milestone ‘${text(r.title)}’` : undefined),
  plan_reviews: (r: Row) => (typeof r.kind === "string" ? `${REVIEW_KINDS[r.kind] ?? r.kind}, ${quarterText(r.quarter)}` : undefined),
  pledge_versions: (r: Row) => (typeof r.version === "number" ? `Pledge text version ${r.version}` : text(r.title) ? `Pledge text ‘${text(r.title)}’ (draft)` : undefined),
  pledge_signatures: (r: Row) => (text(r.signed_on) ? `Pledge signed on ${formatDate(String(r.signed_on))}` : undefined),
  pledge_withdrawals: (r: Row) => (text(r.withdrawn_on) ? `Leaving on ${formatDate(String(r.withdrawn_on))}` : undefined),
  champions: (r: Row) => text(r.name),
  invitations: (r: Row) => text(r.email),
  plan_action_updates: (r: Row) => quarterText(r.quarter) && `Update for ${quarterText(r.quarter)}`,
} as const satisfies Record<string, (r: Row) => string | undefined>;

export type NamedTable = keyof typeof NAMED_TABLES;
export const isNamedTable = (t: string): t is NamedTable => t in NAMED_TABLES;
