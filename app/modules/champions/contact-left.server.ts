/**
 * When the communications contact leaves, the organisation's admins and the partnership's
 * coordinators hear it at once (the to-do on the organisation's page stays until someone is
 * chosen). An admin's email carries the reminder job's key, so the next run does not send it again.
 */
import { queueEmail } from "../notify/outbox.server";
import { formatDate } from "../platform/dates";
import { pledgeReminderKey } from "../pledge/reminders.server";
import type { Tx } from "../tenancy/with-partnership.server";

export async function tellContactLeft(
  tx: Tx,
  scope: {
    partnershipId: string;
    partnershipSlug: string;
    organisationId: string;
    championId: string;
    name: string;
    leftOn: string;
    origin: string;
  },
) {
  const organisation = await tx
    .selectFrom("organisations")
    .select("name")
    .where("partnership_id", "=", scope.partnershipId)
    .where("id", "=", scope.organisationId)
    .executeTakeFirstOrThrow();
  const admins = await tx
    .selectFrom("organisation_members as om")
    .innerJoin("users as u", "u.id", "om.user_id")
    .select(["u.id", "u.email", "u.name"])
    .where("om.partnership_id", "=", scope.partnershipId)
    .where("om.organisation_id", "=", scope.organisationId)
    .where("om.role", "=", "org_admin")
    .where("u.disabled_at", "is", null)
    .execute();
  const coordinators = await tx
    .selectFrom("partnership_members as pm")
    .innerJoin("users as u", "u.id", "pm.user_id")
    .select(["u.id", "u.email", "u.name"])
    .where("pm.partnership_id", "=", scope.partnershipId)
    .where("pm.role", "=", "coordinator")
    .where("u.disabled_at", "is", null)
    .execute();
  const page = `${scope.origin}/p/${scope.partnershipSlug}/orgs/${scope.organisationId}/champions`;
  const reminder = `contact:${scope.championId}:${scope.leftOn}`;
  const subject = `${organisation.name} has no communications contact`;
  const body = (name: string) =>
    `Dear ${name},\n\nNo communications contact since ${scope.name} left ${organisation.name} on ${formatDate(scope.leftOn)}. Choose one of the organisation's champions as the contact, so news from the partnership reaches someone:\n${page}\n\nIt stays on the organisation's to-do list until it is done.\n\nGolden Thread`;
  for (const admin of admins) {
    await queueEmail(tx, scope.partnershipId, {
      to: admin.email,
      subject,
      text: body(admin.name),
      kind: "reminder:contact",
      dedupeKey: pledgeReminderKey(scope.organisationId, reminder, admin.id),
    });
  }
  for (const c of coordinators.filter((c) => !admins.some((a) => a.id === c.id))) {
    await queueEmail(tx, scope.partnershipId, {
      to: c.email,
      subject,
      text: body(c.name),
      kind: "contact-left",
      dedupeKey: `contact-left:${reminder}:${c.id}`,
    });
  }
}
