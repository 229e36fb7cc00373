/**
 * An organisation's pledge status is derived from its history and the date, never typed in:
 * prospect (never signed) → signed → renewal due (in the last two months) → lapsed (past its end)
 * or withdrawn. A signature lasts 12 months: signed on 22 Nov 2025, valid until 21 Nov 2026.
 */
import { formatDate } from "../platform/dates";
import { addDays, addMonths } from "../reporting/periods";

export type PledgeStatus = "prospect" | "signed" | "renewal_due" | "lapsed" | "withdrawn";

export const PLEDGE_STATUS_LABELS: Record<PledgeStatus, string> = {
  prospect: "Prospect",
  signed: "Signed",
  renewal_due: "Renewal due",
  lapsed: "Lapsed",
  withdrawn: "Withdrawn",
};

export const RENEWAL_WINDOW_MONTHS = 2;
export const SIGNATURE_MONTHS = 12;

export interface PledgeEvent {
  kind: "signature" | "withdrawal";
  /** signed_on or withdrawn_on. */
  on: string;
  /** For a signature: its last valid day. */
  validUntil?: string;
  /** Orders two events on the same day (the later one wins). */
  recordedAt: Date | string;
}

/** The last day a signature made on `signedOn` is valid: the day before its anniversary (1 March for 29 February). */
export function validUntil(signedOn: string): string {
  const [y, m, d] = signedOn.split("-").map(Number);
  const anniversary = new Date(Date.UTC(y + SIGNATURE_MONTHS / 12, m - 1, d)).toISOString().slice(0, 10);
  return addDays(anniversary, -1);
}

/** The first day of the renewal window of a signature valid until `until`. */
export function renewalDueFrom(until: string): string {
  return addDays(addMonths(until, -RENEWAL_WINDOW_MONTHS), 1);
}

const recorded = (e: PledgeEvent) => (e.recordedAt instanceof Date ? e.recordedAt.getTime() : new Date(e.recordedAt).getTime());

/** The last event on or before the day (of two on the same day, the later recorded). One pass: dashboards ask it of every organisation. */
function latest(events: PledgeEvent[], on: string): PledgeEvent | undefined {
  let last: PledgeEvent | undefined;
  for (const e of events) {
    if (e.on > on) continue;
    if (!last || e.on > last.on || (e.on === last.on && recorded(e) >= recorded(last))) last = e;
  }
  return last;
}

/**
 * Status on the given day. `leftProgrammeOn` is the day the organisation left the partnership's
 * programme altogether (recorded by the coordinator), which overrides its pledge history.
 */
export function pledgeStatus(events: PledgeEvent[], on: string, leftProgrammeOn?: string | null): PledgeStatus {
  if (leftProgrammeOn && leftProgrammeOn <= on) return "withdrawn";
  const last = latest(events, on);
  if (!last) return "prospect";
  if (last.kind === "withdrawal") return "withdrawn";
  const until = last.validUntil ?? validUntil(last.on);
  if (on > until) return "lapsed";
  if (on >= renewalDueFrom(until)) return "renewal_due";
  return "signed";
}

/** Signed or in its renewal window: the pledge is current, so the organisation reports and is listed. */
export function isCurrent(status: PledgeStatus) {
  return status === "signed" || status === "renewal_due";
}

/** `isCurrent(pledgeStatus(events, on, leftProgrammeOn))` without working out the renewal window. */
export function isCurrentOn(events: PledgeEvent[], on: string, leftProgrammeOn?: string | null): boolean {
  if (leftProgrammeOn && leftProgrammeOn <= on) return false;
  const last = latest(events, on);
  return last !== undefined && last.kind === "signature" && on <= (last.validUntil ?? validUntil(last.on));
}

/** Why a current pledge cannot be signed again yet: it is signed and outside its renewal window. */
export interface RenewalWait {
  validUntil: string;
  renewableFrom: string;
}

/** The words for a pledge that cannot be signed again yet, the same on every page. */
export function notYetMessage(wait: RenewalWait): string {
  return `Your organisation's pledge is signed and valid until ${formatDate(wait.validUntil)}. You can renew it from ${formatDate(wait.renewableFrom)}, or sooner if the partnership publishes a new version of the pledge.`;
}
