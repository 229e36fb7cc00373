/**
 * What an organisation must attend to about its pledge and champions: renewal due, lapsed, a
 * champion post left empty, an accreditation close to expiry. Each is a to-do on the organisation's
 * page for as long as it holds, and an email at fixed points (`reminder` is its once-only key).
 */
import { ACCREDITATION_NOTICE_DAYS, accreditationNeedsAttention } from "../champions/training";
import { formatDate } from "../platform/dates";
import { addDays } from "../reporting/periods";
import { isCurrent, type PledgeStatus } from "./status";

export type NudgeKind = "renewal" | "lapsed" | "vacancy" | "accreditation" | "contact";

export interface Nudge {
  kind: NudgeKind;
  /** The reminder to email today, if one is due: unique per event and stage. */
  reminder: string | null;
  title: string;
  championId?: string;
}

export interface NudgeFacts {
  today: string;
  status: PledgeStatus;
  signature: { id: string; validUntil: string } | null;
  champions: Array<{
    id: string;
    name: string;
    training: string;
    accreditationExpiresOn: string | null;
    leftOn: string | null;
    isContact?: boolean;
    leftAsContact?: boolean;
    accountDisabled?: boolean;
  }>;
}

/** The second renewal reminder goes two weeks before the lapse day (the day after the last valid day). */
export const FINAL_REMINDER_DAYS = 14;
/** A lapse is emailed within this many days of it; an older one is a to-do only. */
export const LAPSE_NOTICE_DAYS = 30;

export function nudgesFor({ today, status, signature, champions }: NudgeFacts): Nudge[] {
  const nudges: Nudge[] = [];
  if (status === "renewal_due" && signature) {
    const lapsesOn = addDays(signature.validUntil, 1);
    const stage = today >= addDays(lapsesOn, -FINAL_REMINDER_DAYS) ? "2w" : "2m";
    nudges.push({ kind: "renewal", reminder: `renewal-${stage}:${signature.id}`, title: `Renew the pledge: it is valid until ${formatDate(signature.validUntil)}` });
  }
  if (status === "lapsed" && signature) {
    const lapsedOn = addDays(signature.validUntil, 1);
    const recent = today <= addDays(lapsedOn, LAPSE_NOTICE_DAYS);
    nudges.push({ kind: "lapsed", reminder: recent ? `lapsed:${signature.id}` : null, title: `Sign the pledge again: it lapsed on ${formatDate(lapsedOn)}` });
  }
  const current = champions.filter((c) => !c.leftOn);
  if (isCurrent(status) && current.length === 0) {
    const lastLeft =
      champions
        .map((c) => c.leftOn!)
        .sort()
        .at(-1) ?? "none";
    nudges.push({ kind: "vacancy", reminder: `vacancy:${lastLeft}`, title: "Name an RJ champion: the organisation has none at the moment" });
  }
  const contact = contactGone(champions);
  if (contact) {
    nudges.push({
      kind: "contact",
      reminder: `contact:${contact.id}:${contact.leftOn ?? "disabled"}`,
      title: `No communications contact since ${contact.name} left: choose one of the champions`,
    });
  }
  for (const c of current) {
    if (c.training !== "accredited" || !accreditationNeedsAttention(c.accreditationExpiresOn, today)) continue;
    const expires = c.accreditationExpiresOn!;
    const expired = expires < today;
    nudges.push({
      kind: "accreditation",
      reminder: expired ? null : `accreditation:${c.id}:${expires}`,
      title: expired
        ? `${c.name}'s RJC accreditation expired on ${formatDate(expires)}: record the renewal`
        : `${c.name}'s RJC accreditation expires on ${formatDate(expires)}: record the renewal when it is done`,
      championId: c.id,
    });
  }
  return nudges;
}

/**
 * The contact who has gone, while nobody has taken their place: the current contact whose account
 * is disabled, or (with no current contact) the last champion to leave while being the contact.
 */
function contactGone(champions: NudgeFacts["champions"]) {
  const current = champions.find((c) => !c.leftOn && c.isContact);
  if (current) return current.accountDisabled ? current : null;
  return (
    champions
      .filter((c) => c.leftOn && c.leftAsContact)
      .sort((a, b) => a.leftOn!.localeCompare(b.leftOn!))
      .at(-1) ?? null
  );
}

export { ACCREDITATION_NOTICE_DAYS };
