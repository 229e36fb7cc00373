/**
 * The pledge's reminder rule for `npm run jobs:reminders`: each nudge that has a reminder due is
 * emailed to the organisation's admins, once per admin (the dedupe key names the event and stage).
 */
import type { ReminderContext, ReminderRule } from "../notify/reminders.server";
import { queueEmail } from "../notify/outbox.server";
import type { Tx } from "../tenancy/with-partnership.server";
import type { Nudge } from "./nudges";
import { organisationNudges } from "./nudges.server";

const SUBJECTS: Record<Nudge["kind"], (org: string, nudge: Nudge) => string> = {
  renewal: (org, n) => (n.reminder?.startsWith("renewal-2w") ? `Two weeks left to renew ${org}'s restorative pledge` : `${org}'s restorative pledge is due for renewal`),
  lapsed: (org) => `${org}'s restorative pledge has lapsed`,
  vacancy: (org) => `${org} has no RJ champion`,
  accreditation: () => "An RJ champion's accreditation is about to expire",
  contact: (org) => `${org} has no communications contact`,
};

/** One email per admin per event and stage, whichever part of the code sends it first. */
export const pledgeReminderKey = (organisationId: string, reminder: string, userId: string) => `pledge:${organisationId}:${reminder}:${userId}`;

async function organisationAdmins(tx: Tx, partnershipId: string, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return tx
    .selectFrom("organisation_members as om")
    .innerJoin("users as u", "u.id", "om.user_id")
    .innerJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "om.partnership_id").onRef("o.id", "=", "om.organisation_id"))
    .select(["om.organisation_id", "o.name as organisation", "u.id as user_id", "u.email", "u.name"])
    .where("om.partnership_id", "=", partnershipId)
    .where("om.role", "=", "org_admin")
    .where("om.organisation_id", "in", organisationIds)
    .where("u.disabled_at", "is", null)
    .execute();
}

/** Organisations with no administrator yet are reached through their contact email, if the partnership has one. */
async function contactsOf(tx: Tx, partnershipId: string, organisationIds: string[]) {
  if (organisationIds.length === 0) return [];
  return tx
    .selectFrom("organisations")
    .select(["id as organisation_id", "name as organisation", "contact_email", "contact_name"])
    .where("partnership_id", "=", partnershipId)
    .where("id", "in", organisationIds)
    .where("contact_email", "is not", null)
    .execute();
}

export async function sendPledgeReminders(tx: Tx, ctx: ReminderContext): Promise<number> {
  const nudges = await organisationNudges(tx, { partnershipId: ctx.partnershipId, on: ctx.today });
  const due = [...nudges].filter(([, list]) => list.some((n) => n.reminder));
  const accounts = await organisationAdmins(
    tx,
    ctx.partnershipId,
    due.map(([id]) => id),
  );
  const withAdmin = new Set(accounts.map((a) => a.organisation_id));
  const contacts = await contactsOf(
    tx,
    ctx.partnershipId,
    due.map(([id]) => id).filter((id) => !withAdmin.has(id)),
  );
  const admins = [
    ...accounts.map((a) => ({ ...a, key: a.user_id })),
    ...contacts.map((c) => ({
      organisation_id: c.organisation_id,
      organisation: c.organisation,
      email: c.contact_email!,
      name: c.contact_name ?? `${c.organisation}`,
      key: `contact:${c.contact_email!.toLowerCase()}`,
    })),
  ];
  let queued = 0;
  for (const [organisationId, list] of due) {
    const page = `${ctx.origin}/p/${ctx.partnershipSlug}/orgs/${organisationId}`;
    for (const admin of admins.filter((a) => a.organisation_id === organisationId)) {
      for (const nudge of list.filter((n) => n.reminder)) {
        const sent = await queueEmail(tx, ctx.partnershipId, {
          to: admin.email,
          subject: SUBJECTS[nudge.kind](admin.organisation, nudge),
          text: `Dear ${admin.name},\n\n${nudge.title}.\n\nYou can deal with this on ${admin.organisation}'s page:\n${page}\n\nIt stays on the page's to-do list until it is done.\n\nGolden Thread`,
          kind: `reminder:${nudge.kind}`,
          dedupeKey: pledgeReminderKey(organisationId, nudge.reminder!, admin.key),
        });
        if (sent) queued++;
      }
    }
  }
  return queued;
}

export const PLEDGE_REMINDER_RULES: ReminderRule[] = [{ name: "pledge and champions", run: sendPledgeReminders }];
