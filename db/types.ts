/**
 * The Database interface Kysely checks every query against. One interface per table,
 * named after the table; Selectable/Insertable aliases where modules need row shapes.
 * Kept by hand beside the migrations: a migration that changes a table changes its interface here.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A calendar date, 'YYYY-MM-DD' (both engines are configured to return dates as text). */
type DateText = ColumnType<string, string, string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export const SECTORS = [
  "police",
  "local_authority",
  "housing",
  "education",
  "health",
  "youth_justice",
  "probation",
  "prison",
  "victim_services",
  "voluntary_community",
  "business",
  "faith",
] as const;
export type Sector = (typeof SECTORS)[number];

export type PartnershipRole = "coordinator" | "board";
export type OrganisationRole = "org_admin" | "champion";

export interface PartnershipsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  county: string;
  /** Days after quarter end that a return is due. */
  deadline_days: Generated<number>;
  /** Days after the due date before a quarter's returns lock. */
  grace_days: Generated<number>;
  /** Counts of people below this are suppressed in published figures (never below 3). */
  suppression_threshold: Generated<number>;
  publish_register: Generated<boolean>;
  publish_figures: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: GeneratedTimestamp;
  /** The public page offers "Ask to join" (issue 20). */
  join_requests_open: Generated<boolean>;
}

export interface BoroughsTable {
  partnership_id: string;
  id: Generated<string>;
  name: string;
  ons_code: string;
  created_at: GeneratedTimestamp;
}

export interface OrganisationsTable {
  partnership_id: string;
  id: Generated<string>;
  name: string;
  sector: Sector;
  /** Null means county-wide: the organisation works across the whole partnership. */
  borough_id: string | null;
  is_statutory: Generated<boolean>;
  website: string | null;
  /** Who the partnership deals with there before anyone has an account: invitations and reminders go to this email. */
  contact_name: string | null;
  contact_email: string | null;
  quality_mark: "rsqm" | "rjc_registered" | null;
  quality_mark_expires_on: DateText | null;
  /** The organisation has left the partnership's programme (distinct from withdrawing a pledge). */
  withdrawn_at: Timestamp | null;
  withdrawn_reason: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  password_hash: string | null;
  is_platform_admin: Generated<boolean>;
  disabled_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  /** The person was erased: name and email are tombstones, the account cannot sign in. */
  erased_at: Timestamp | null;
}

export interface SessionsTable {
  /** sha-256 of the token in the cookie, hex: a leaked table holds no usable session. */
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: GeneratedTimestamp;
  /** Whether sign-in passed a second factor (a TOTP or recovery code). */
  second_factor: Generated<boolean>;
  /** When the person last proved who they are: sign-in, or re-authentication before a sensitive change. */
  authenticated_at: GeneratedTimestamp;
}

export interface LoginThrottleTable {
  /** `account:<email>` or `address:<ip>`. */
  key: string;
  failures: Generated<number>;
  window_started_at: GeneratedTimestamp;
  locked_until: Timestamp | null;
}

export interface JoinRequestsTable {
  partnership_id: string;
  id: Generated<string>;
  organisation_name: string;
  sector: Sector;
  borough_id: string | null;
  contact_name: string;
  contact_email: string;
  message: string | null;
  status: Generated<"pending" | "approved" | "declined">;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decline_reason: string | null;
  /** The organisation an approval created. */
  organisation_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface KeptFields {
  fields: Array<[string, string]>;
  withheld: string[];
}

export interface KeptPostsTable {
  /** SHA-256 of the token in the browser's gt_kept cookie. */
  id: string;
  path: string;
  /** The posted fields in order (passwords and codes never kept), and the labels of those left out. */
  fields: KeptFields;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface PartnershipMembersTable {
  partnership_id: string;
  user_id: string;
  role: PartnershipRole;
  /** A board member may be limited to one borough. */
  borough_id: string | null;
  created_at: GeneratedTimestamp;
}

export interface OrganisationMembersTable {
  partnership_id: string;
  organisation_id: string;
  user_id: string;
  role: OrganisationRole;
  created_at: GeneratedTimestamp;
}

export interface AuditEventsTable {
  partnership_id: string;
  id: Generated<string>;
  at: GeneratedTimestamp;
  actor_user_id: string | null;
  table_name: string;
  action: "insert" | "update" | "delete";
  row_key: Json<Record<string, unknown>>;
  old_values: Json<Record<string, unknown>> | null;
  new_values: Json<Record<string, unknown>> | null;
}

export interface PledgeVersionsTable {
  partnership_id: string;
  id: Generated<string>;
  /** Null while a draft; numbered 1, 2, 3… when published. */
  version: number | null;
  state: Generated<"draft" | "published">;
  title: string;
  introduction: Generated<string>;
  /** The numbered commitments, in order: commitment n is element n − 1. */
  commitments: Json<string[]>;
  published_at: Timestamp | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PledgeSignaturesTable {
  partnership_id: string;
  id: Generated<string>;
  organisation_id: string;
  pledge_version_id: string;
  signed_on: DateText;
  /** Generated: the last day the signature is valid. */
  expires_on: ColumnType<string, never, never>;
  signatory_name: string;
  signatory_title: string;
  /** Numbers of the commitments the organisation takes on. */
  commitments: ColumnType<number[], number[] | undefined, number[]>;
  /** Proposed activity for the year, by theme key. */
  activity: Json<Record<string, string>>;
  /** Who submitted it: the organisation online, or the coordinator who recorded a paper form. */
  submitted_by: string | null;
  renews_signature_id: string | null;
  /** 'paper': recorded by the coordinator (submitted_by, on created_at) from a signed paper form. */
  source: Generated<"online" | "paper">;
  created_at: GeneratedTimestamp;
}

export interface PledgeWithdrawalsTable {
  partnership_id: string;
  id: Generated<string>;
  organisation_id: string;
  withdrawn_on: DateText;
  reason: string;
  recorded_by: string | null;
  created_at: GeneratedTimestamp;
}

export type TrainingLevel = "none" | "awareness" | "facilitator" | "accredited";

export interface ChampionsTable {
  partnership_id: string;
  id: Generated<string>;
  organisation_id: string;
  name: string;
  /** Work email: where an invitation to log in goes. */
  email: string;
  job_title: string;
  since: DateText;
  training: TrainingLevel;
  /** Set exactly when training is "accredited". */
  accreditation_expires_on: DateText | null;
  /** The organisation's communications single point of contact (one at most). */
  is_contact: Generated<boolean>;
  /** The day the champion left; null while current. */
  left_on: DateText | null;
  /** They were the communications contact when they left (or their account was disabled). */
  left_as_contact: Generated<boolean>;
  /** The user account, once the champion has accepted an invitation. */
  user_id: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** An organisation admin's answers part-way through signing; one per organisation. */
export interface PledgeSigningDraftsTable {
  partnership_id: string;
  organisation_id: string;
  pledge_version_id: string;
  signatory_name: string | null;
  signatory_title: string | null;
  /** Null until the commitments question is answered. */
  commitments: ColumnType<number[] | null, number[] | null | undefined, number[] | null>;
  activity: Json<Record<string, string>> | null;
  renews_signature_id: string | null;
  started_by: string | null;
  /** Every save carries the revision it was based on; a stale save is refused. */
  revision: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type OutboxStatus = "pending" | "sent" | "failed" | "kept";

export interface OutboxMessagesTable {
  partnership_id: string;
  id: Generated<string>;
  kind: string;
  dedupe_key: string | null;
  to_address: string;
  subject: string;
  body_text: string;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: GeneratedTimestamp;
  sent_at: Timestamp | null;
  /** The invitation this email carries, if it is one (migration 2026_12_04_21). */
  invitation_id: string | null;
}

export type PlatformOutboxMessagesTable = Omit<OutboxMessagesTable, "partnership_id" | "invitation_id">;

export type InvitedRole = PartnershipRole | OrganisationRole;

export interface InvitationsTable {
  partnership_id: string;
  id: Generated<string>;
  /** sha-256 of the token in the emailed link, hex; the token itself is never stored. */
  token_hash: string;
  email: string;
  name: string | null;
  role: InvitedRole;
  /** Set exactly for organisation roles. */
  organisation_id: string | null;
  /** A board member limited to one borough. */
  borough_id: string | null;
  /** What the inviting capability needs when the invitation is accepted (e.g. a champion's id). */
  context: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string | Record<string, unknown>>;
  invited_by: string | null;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  cancelled_at: Timestamp | null;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type MetricAggregation = "sum" | "last";
export type ReturnStatus = "draft" | "submitted" | "accepted" | "returned" | "resubmitted";
export type ReturnVersionKind = "saved" | "submitted" | "resubmitted" | "accepted" | "returned" | "corrected";

export interface MetricsTable {
  partnership_id: string;
  id: Generated<string>;
  /** Stable: the CSV column and the snapshot key. Never renamed. */
  key: string;
  label: string;
  group_name: string;
  unit: Generated<string>;
  /** `sum` for flows (summed over quarters), `last` for stocks (latest quarter, never summed). */
  aggregation: MetricAggregation;
  /** Counts of people taking part in RJ: never given targets or RAG ratings. */
  is_participant_count: Generated<boolean>;
  /** "Of which": this metric counts part of another (satisfied responses of responses). */
  part_of_metric_id: string | null;
  position: number;
  /** Quarter key from which the metric is no longer on the return. */
  retired_from: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface MetricDefinitionsTable {
  partnership_id: string;
  metric_id: string;
  version: number;
  /** Quarter key from which this definition applies. */
  valid_from: string;
  /** What counts and what does not. */
  definition: string;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface QuarterlyReturnsTable {
  partnership_id: string;
  organisation_id: string;
  quarter: string;
  status: ReturnStatus;
  /** Bumped by every change; a save names the version it was edited from. */
  version: number;
  highlights: string | null;
  barriers: string | null;
  support_needed: string | null;
  case_study: string | null;
  first_submitted_at: Timestamp | null;
  last_submitted_at: Timestamp | null;
  reviewed_at: Timestamp | null;
  reviewed_by: string | null;
  return_reason: string | null;
  updated_by: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface ReturnValuesTable {
  partnership_id: string;
  organisation_id: string;
  quarter: string;
  metric_id: string;
  /** Null exactly when not applicable; an unanswered metric has no row. */
  value: number | null;
  not_applicable: Generated<boolean>;
  definition_version: number;
  updated_at: GeneratedTimestamp;
}

export interface ReturnVersionsTable {
  partnership_id: string;
  organisation_id: string;
  quarter: string;
  version: number;
  kind: ReturnVersionKind;
  status: ReturnStatus;
  snapshot: Json<ReturnSnapshot>;
  reason: string | null;
  actor_user_id: string | null;
  at: GeneratedTimestamp;
}

/** What a return held at one version: values by metric key (a number or "na"), and its narrative. */
export interface ReturnSnapshot {
  values: Record<string, number | "na">;
  definitions: Record<string, number>;
  narrative: { highlights: string | null; barriers: string | null; support_needed: string | null; case_study: string | null };
}

export interface ReturnLockExceptionsTable {
  partnership_id: string;
  organisation_id: string;
  quarter: string;
  open_until: DateText;
  reason: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export type ImportJobStatus = "checking" | "applying" | "done" | "rejected" | "failed";

export interface ImportJobsTable {
  partnership_id: string;
  /** Chosen by the page that uploads, so a repeated post of one upload is recognised. */
  id: string;
  kind: string;
  subject: Generated<string>;
  file_name: Generated<string>;
  status: Generated<ImportJobStatus>;
  total_rows: Generated<number>;
  processed_rows: Generated<number>;
  report: Json<Record<string, unknown>>;
  created_by: string | null;
  created_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
}

export const ACTION_STATUSES = ["not_started", "on_track", "at_risk", "off_track", "complete", "dropped"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** The six themes of Appendix A; app/modules/delivery/themes.ts names them. */
export type ThemeKey = "communication" | "quality" | "sustainability" | "information_sharing" | "innovation" | "partnership_working";
export type ReviewKind = "mid_year" | "end_year";

export interface PlanThemesTable {
  partnership_id: string;
  id: Generated<string>;
  key: ThemeKey;
  name: string;
  /** 1–6, the order of Appendix A; the first digit of every action reference. */
  position: number;
}

export interface DeliveryPlansTable {
  partnership_id: string;
  id: Generated<string>;
  /** The calendar year the financial year starts in (April). */
  financial_year: number;
  carried_from_plan_id: string | null;
  created_by: string | null;
  created_at: GeneratedTimestamp;
}

export interface PlanActionsTable {
  partnership_id: string;
  id: Generated<string>;
  plan_id: string;
  theme_id: string;
  /** "2.3": theme position, then the action's number within the theme. */
  reference: string;
  title: string;
  description: string | null;
  lead_organisation_id: string;
  /** False means the action covers only the boroughs in plan_action_boroughs. */
  whole_partnership: Generated<boolean>;
  start_on: DateText;
  due_on: DateText;
  success_measure: string | null;
  weight: Generated<number>;
  /** Progress before any update this year (where a carried-over action had got to). */
  starting_progress: Generated<number>;
  carried_from_action_id: string | null;
  /** Bumped by every change to the action, its milestones or its updates: stale saves are refused. */
  version: Generated<number>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export interface PlanActionSupportersTable {
  partnership_id: string;
  action_id: string;
  organisation_id: string;
}

export interface PlanActionBoroughsTable {
  partnership_id: string;
  action_id: string;
  borough_id: string;
}

export interface PlanMilestonesTable {
  partnership_id: string;
  id: Generated<string>;
  action_id: string;
  title: string;
  due_on: DateText;
  done_on: DateText | null;
  created_at: GeneratedTimestamp;
}

export interface PlanActionUpdatesTable {
  partnership_id: string;
  id: Generated<string>;
  action_id: string;
  /** QuarterKey, e.g. "2026Q3". */
  quarter: string;
  status: ActionStatus;
  /** Null when the action's progress comes from its milestones. */
  progress: number | null;
  commentary: string | null;
  recorded_by: string | null;
  recorded_at: GeneratedTimestamp;
}

export interface PlanReviewsTable {
  partnership_id: string;
  id: Generated<string>;
  plan_id: string;
  kind: ReviewKind;
  quarter: string;
  /** Frozen when the review is opened (a trigger refuses changes); carries its own `version`. */
  snapshot: Json<Record<string, unknown>>;
  summary: string | null;
  version: Generated<number>;
  opened_by: string | null;
  opened_at: GeneratedTimestamp;
}

export interface PlanReviewSummariesTable {
  partnership_id: string;
  review_id: string;
  theme_id: string;
  summary: string;
}

/** Counted return figures per borough × sector × quarter × metric (derived; see the rollups migration). */
export interface MetricRollupsTable {
  partnership_id: string;
  quarter: string;
  metric_id: string;
  /** The borough's id, or the nil uuid for county-wide organisations. */
  borough_key: string;
  sector: Sector;
  total: number;
  reporting: number;
  not_applicable: number;
}

/** A partnership's restorative-borough criteria; a null threshold is a criterion not used. */
export interface RestorativeCriteriaTable {
  partnership_id: string;
  all_statutory_signed: Generated<boolean>;
  min_signed: number | null;
  min_sectors: number | null;
  champion_for_every_signatory: Generated<boolean>;
  min_trained_champions: number | null;
  min_return_percent: number | null;
  return_quarters: Generated<number>;
  no_action_off_track: Generated<boolean>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: GeneratedTimestamp;
}

/** An account's TOTP secret (RFC 6238, SHA-1, 6 digits, 30 seconds). */
export interface TwoFactorCredentialsTable {
  user_id: string;
  /** 20 random bytes, base32 (what the person types into an authenticator app). */
  secret: string;
  /** The published demo secret: codes may be replayed (docs/decisions/0015). */
  is_demo: Generated<boolean>;
  /** The time step of the last code accepted; a code for this step or an earlier one is refused. */
  last_used_step: number | null;
  created_at: GeneratedTimestamp;
}

export interface TwoFactorRecoveryCodesTable {
  user_id: string;
  position: number;
  /** 16 random bytes, hex; code_hash is sha256(salt ‖ code), hex. */
  salt: string;
  code_hash: string;
  used_at: Timestamp | null;
  created_at: GeneratedTimestamp;
}

/** A right password waiting for its code; `id` is sha256 of the token in the browser's cookie. */
export interface PendingSignInsTable {
  id: string;
  user_id: string;
  redirect_to: string | null;
  failed_attempts: Generated<number>;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
}

export interface EmailChangesTable {
  id: Generated<string>;
  token_hash: string;
  user_id: string;
  new_email: string;
  created_at: GeneratedTimestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

/** One erasure of a person's data (UK GDPR art. 17): which record, by whom, when. Holds no personal values. */
export interface ErasuresTable {
  partnership_id: string;
  id: Generated<string>;
  subject: "champion" | "member";
  /** The champion's id, or the account's user id. */
  erased_record: string;
  erased_by: string | null;
  erased_at: GeneratedTimestamp;
}

export interface Database {
  partnerships: PartnershipsTable;
  boroughs: BoroughsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  kept_posts: KeptPostsTable;
  join_requests: JoinRequestsTable;
  partnership_members: PartnershipMembersTable;
  organisation_members: OrganisationMembersTable;
  audit_events: AuditEventsTable;
  outbox_messages: OutboxMessagesTable;
  pledge_versions: PledgeVersionsTable;
  pledge_signatures: PledgeSignaturesTable;
  pledge_withdrawals: PledgeWithdrawalsTable;
  champions: ChampionsTable;
  pledge_signing_drafts: PledgeSigningDraftsTable;
  platform_outbox_messages: PlatformOutboxMessagesTable;
  invitations: InvitationsTable;
  password_resets: PasswordResetsTable;
  metrics: MetricsTable;
  metric_definitions: MetricDefinitionsTable;
  quarterly_returns: QuarterlyReturnsTable;
  return_values: ReturnValuesTable;
  return_versions: ReturnVersionsTable;
  return_lock_exceptions: ReturnLockExceptionsTable;
  import_jobs: ImportJobsTable;
  plan_themes: PlanThemesTable;
  delivery_plans: DeliveryPlansTable;
  plan_actions: PlanActionsTable;
  plan_action_supporters: PlanActionSupportersTable;
  plan_action_boroughs: PlanActionBoroughsTable;
  plan_milestones: PlanMilestonesTable;
  plan_action_updates: PlanActionUpdatesTable;
  plan_reviews: PlanReviewsTable;
  plan_review_summaries: PlanReviewSummariesTable;
  metric_rollups: MetricRollupsTable;
  restorative_criteria: RestorativeCriteriaTable;
  two_factor_credentials: TwoFactorCredentialsTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  pending_sign_ins: PendingSignInsTable;
  email_changes: EmailChangesTable;
  erasures: ErasuresTable;
}

export type Partnership = Selectable<PartnershipsTable>;
export type Borough = Selectable<BoroughsTable>;
export type Organisation = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type OrganisationUpdate = Updateable<OrganisationsTable>;
export type User = Selectable<UsersTable>;
export type AuditEvent = Selectable<AuditEventsTable>;
export type OutboxMessage = Selectable<OutboxMessagesTable>;
export type Invitation = Selectable<InvitationsTable>;
export type Metric = Selectable<MetricsTable>;
export type QuarterlyReturn = Selectable<QuarterlyReturnsTable>;
