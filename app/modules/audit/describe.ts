/**
 * The audit trail in words: "Organisation Linthorpe Homes — Borough: Middlesbrough → Hartlepool".
 * Tables and fields without a label here are shown with their column names made readable, so a
 * new capability's tables appear without anyone remembering to add them (labels make them nicer).
 */
import { ROLE_LABELS, type Role } from "../auth/permissions";
import { formatDateTime } from "../platform/dates";
import { sectorLabel } from "../tenancy/sectors";
import { quarterText } from "./names";

export const TABLE_LABELS: Record<string, string> = {
  partnerships: "Partnership settings",
  boroughs: "Borough",
  organisations: "Organisation",
  partnership_members: "Partnership role",
  organisation_members: "Organisation role",
  invitations: "Invitation",
  pledge_versions: "Pledge text",
  pledge_signatures: "Pledge signature",
  pledge_withdrawals: "Pledge withdrawal",
  metrics: "Metric",
  metric_definitions: "Metric definition",
  quarterly_returns: "Quarterly return",
  return_values: "Return value",
  return_versions: "Return version",
  return_lock_exceptions: "Lock exception",
  import_jobs: "Upload",
  champions: "Champion",
  erasures: "Erasure of personal data",
  plan_themes: "Plan theme",
  delivery_plans: "Delivery plan",
  plan_actions: "Plan action",
  plan_action_supporters: "Supporting organisation",
  plan_action_boroughs: "Action borough",
  plan_milestones: "Milestone",
  plan_action_updates: "Action update",
  plan_reviews: "Plan review",
  plan_review_summaries: "Review summary of a theme",
};

export const FIELD_LABELS: Record<string, string> = {
  name: "Name",
  county: "Area",
  slug: "Web address",
  deadline_days: "Return due (days after quarter end)",
  grace_days: "Returns lock (days after due date)",
  suppression_threshold: "Smallest published count",
  publish_register: "Publishes register",
  publish_figures: "Publishes figures",
  ons_code: "ONS code",
  sector: "Sector",
  borough_id: "Borough",
  organisation_id: "Organisation",
  user_id: "Person",
  is_statutory: "Statutory partner",
  website: "Website",
  withdrawn_at: "Left the programme",
  withdrawn_reason: "Reason for leaving",
  role: "Role",
  email: "Email address",
  expires_at: "Link valid until",
  accepted_at: "Accepted",
  accepted_by: "Accepted by",
  cancelled_at: "Cancelled",
  invited_by: "Invited by",
  token_hash: "Link",
  quality_mark: "Quality mark",
  quality_mark_expires_on: "Quality mark expires",
  job_title: "Job title",
  subject: "Whose data",
  erased_record: "Record",
  erased_by: "Erased by",
  erased_at: "Erased",
  source: "Signed",
  submitted_by: "Submitted or recorded by",
  quarter: "Quarter",
  metric_id: "Metric",
  action_id: "Action",
  plan_id: "Delivery plan",
  theme_id: "Theme",
  review_id: "Review",
  lead_organisation_id: "Lead organisation",
  pledge_version_id: "Pledge text",
  label: "Label",
  title: "Title",
  commentary: "Commentary",
  progress: "Progress (%)",
  status: "Status",
};

/** Bookkeeping columns that say nothing a reader needs. */
const HIDDEN_FIELDS = new Set(["id", "partnership_id", "created_at", "updated_at", "context"]);

export const ACTION_LABELS = { insert: "Added", update: "Changed", delete: "Removed" } as const;

export const tableLabel = (table: string) => TABLE_LABELS[table] ?? humanise(table);
export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? humanise(field);

function humanise(name: string) {
  const words = name.replace(/_id$/, "").replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export interface Change {
  field: string;
  label: string;
  from: string | null;
  to: string | null;
}

/** Names of the things ids point at (organisations, boroughs, people), looked up by the caller. */
export type NameOf = (id: string) => string | undefined;

function valueText(field: string, value: unknown, nameOf: NameOf): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (field === "role" && typeof value === "string" && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
  if (field === "sector" && typeof value === "string") return sectorLabel(value);
  if (field === "source" && value === "paper") return "On a paper form, recorded by the coordinator";
  if (field === "source" && value === "online") return "Online";
  if (typeof value === "string" && /(_id|_by)$/.test(field)) return nameOf(value) ?? "(no longer exists)";
  if (typeof value === "string" && /^(quarter|valid_from|retired_from)$/.test(field)) return quarterText(value) ?? value;
  if (typeof value === "string" && /^(status|kind|training|aggregation)$/.test(field) && /^[a-z_]+$/.test(value)) return humanise(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return formatDateTime(value);
  if (typeof value === "object") {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 119)}…` : json;
  }
  return String(value);
}

export function changesOf(
  event: { action: "insert" | "update" | "delete"; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null },
  nameOf: NameOf,
  /** Labels a caller knows better for this event, by field: a return value's is its metric, quarter and organisation. */
  labels: Record<string, string | undefined> = {},
): Change[] {
  const fields = new Set([...Object.keys(event.old_values ?? {}), ...Object.keys(event.new_values ?? {})]);
  const changes: Change[] = [];
  for (const field of fields) {
    if (HIDDEN_FIELDS.has(field) || (field === "token_hash" && event.action !== "update")) continue;
    const from = valueText(field, event.old_values?.[field], nameOf);
    const to = valueText(field, event.new_values?.[field], nameOf);
    if (from === null && to === null) continue;
    // A new token means the invitation was sent again; its hash means nothing to a reader.
    if (field === "token_hash")
      changes.push({
        field,
        label: "Link",
        from: "old link",
        to: "new link sent",
      });
    else
      changes.push({
        field,
        label: labels[field] ?? fieldLabel(field),
        from,
        to,
      });
  }
  return changes;
}
