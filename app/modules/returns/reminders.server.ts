/**
 * Return reminders for `npm run jobs:reminders`: due in 7 days, due today, overdue — to the
 * organisation's champions and admins, once each (the outbox's dedupe key). Only organisations
 * expected to report whose return does not count yet (not started, draft, or returned) are
 * reminded, and none once the quarter has locked for them.
 */
import type { ReminderContext, ReminderRule } from "../notify/reminders.server";
import { queueEmail } from "../notify/outbox.server";
import { expectedToReport } from "../pledge/status.server";
import { addDays, previousQuarter, quarterOf, type Quarter } from "../reporting/periods";
import type { Tx } from "../tenancy/with-partnership.server";
import { longDate, lockState } from "./calendar";
import { countsForFigures } from "./status";

export type ReturnReminderKind = "due_in_7_days" | "due_today" | "overdue";

/** Which reminder, if any, a quarter's return gets on `today`. */
export function reminderFor(dueOn: string, editableUntil: string, today: string): ReturnReminderKind | null {
  if (today === dueOn) return "due_today";
  if (today >= addDays(dueOn, -7) && today < dueOn) return "due_in_7_days";
  if (today > dueOn && today <= editableUntil) return "overdue";
  return null;
}

function message(kind: ReturnReminderKind, q: Quarter, organisation: string, dueOn: string, editableUntil: string, link: string) {
  const subjects: Record<ReturnReminderKind, string> = {
    due_in_7_days: `${organisation}: your ${q.label} return is due on ${longDate(dueOn)}`,
    due_today: `${organisation}: your ${q.label} return is due today`,
    overdue: `${organisation}: your ${q.label} return is overdue`,
  };
  const lead: Record<ReturnReminderKind, string> = {
    due_in_7_days: `Your organisation's quarterly return for ${q.label} is due on ${longDate(dueOn)}.`,
    due_today: `Your organisation's quarterly return for ${q.label} is due today, ${longDate(dueOn)}.`,
    overdue: `Your organisation's quarterly return for ${q.label} was due on ${longDate(dueOn)} and has not been submitted. You can still submit it until ${longDate(editableUntil)}, when the quarter locks.`,
  };
  const text = [
    lead[kind],
    "",
    "It takes about ten minutes: figures for the quarter (leave a box blank if you do not know yet, or tick “not applicable”), and a few lines on highlights and barriers.",
    "",
    `Fill it in: ${link}`,
    "",
    "You are receiving this because you are an RJ champion or organisation administrator in Golden Thread.",
  ].join("\n");
  return { subject: subjects[kind], text };
}

export async function queueReturnReminders(tx: Tx, ctx: ReminderContext): Promise<number> {
  const partnership = await tx.selectFrom("partnerships").select(["deadline_days", "grace_days"]).where("id", "=", ctx.partnershipId).executeTakeFirstOrThrow();
  const settings = { deadlineDays: partnership.deadline_days, graceDays: partnership.grace_days };
  // Returns can be due or overdue for at most the last few quarters; three covers any settings allowed.
  const candidates: Quarter[] = [];
  for (let q = previousQuarter(quarterOf(ctx.today)), i = 0; i < 3; q = previousQuarter(q), i++) candidates.push(q);
  let queued = 0;
  for (const q of candidates) {
    const base = lockState(q, settings, ctx.today, null);
    const kind = reminderFor(base.dueOn, base.editableUntil, ctx.today);
    if (!kind) continue;
    const expected = await expectedToReport(tx, { partnershipId: ctx.partnershipId, quarter: q });
    if (expected.length === 0) continue;
    const returns = await tx
      .selectFrom("quarterly_returns")
      .select(["organisation_id", "status"])
      .where("partnership_id", "=", ctx.partnershipId)
      .where("quarter", "=", q.key)
      .execute();
    const counting = new Set(returns.filter((r) => countsForFigures(r.status)).map((r) => r.organisation_id));
    const due = expected.filter((id) => !counting.has(id));
    if (due.length === 0) continue;
    const recipients = await tx
      .selectFrom("organisation_members as om")
      .innerJoin("users as u", "u.id", "om.user_id")
      .innerJoin("organisations as o", (join) => join.onRef("o.partnership_id", "=", "om.partnership_id").onRef("o.id", "=", "om.organisation_id"))
      .select(["om.organisation_id", "o.name as organisation", "u.id as user_id", "u.email"])
      .where("om.partnership_id", "=", ctx.partnershipId)
      .where("om.organisation_id", "in", due)
      .where("om.role", "in", ["champion", "org_admin"])
      .where("u.disabled_at", "is", null)
      .distinct()
      .execute();
    // An organisation with no account yet hears through the contact the partnership has for it.
    const reached = new Set(recipients.map((r) => r.organisation_id));
    const unreached = due.filter((id) => !reached.has(id));
    const contacts = unreached.length
      ? await tx
          .selectFrom("organisations")
          .select(["id as organisation_id", "name as organisation", "contact_email as email"])
          .where("partnership_id", "=", ctx.partnershipId)
          .where("id", "in", unreached)
          .where("contact_email", "is not", null)
          .execute()
      : [];
    const everyone = [...recipients, ...contacts.map((c) => ({ ...c, email: c.email!, user_id: `contact:${c.email!.toLowerCase()}` }))];
    for (const r of everyone) {
      const link = `${ctx.origin}/p/${ctx.partnershipSlug}/orgs/${r.organisation_id}/returns/${q.key}`;
      const { subject, text } = message(kind, q, r.organisation, base.dueOn, base.editableUntil, link);
      const sent = await queueEmail(tx, ctx.partnershipId, {
        to: r.email,
        subject,
        text,
        kind: `reminder:return-${kind.replaceAll("_", "-")}`,
        dedupeKey: `return:${r.organisation_id}:${q.key}:${kind}:${r.user_id}`,
      });
      if (sent) queued += 1;
    }
  }
  return queued;
}

export const returnReminderRule: ReminderRule = { name: "returns", run: queueReturnReminders };
