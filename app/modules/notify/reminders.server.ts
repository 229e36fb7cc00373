/**
 * `npm run jobs:reminders`: every capability's reminder rules, run for each partnership in turn.
 * Each rule queues emails with a dedupe key (see queueEmail), so running the job every hour from
 * cron sends each reminder once. Capabilities append their rule to REMINDER_RULES.
 */
import { PLEDGE_REMINDER_RULES } from "../pledge/reminders.server";
import { returnReminderRule } from "../returns/reminders.server";
import { linkOrigin } from "../platform/origin.server";
import { listPartnerships } from "../tenancy/partnerships.server";
import { asPlatformAdmin, withPartnership, type Tx } from "../tenancy/with-partnership.server";
import { deliverPending, deliverPlatformPending } from "./delivery.server";

export interface ReminderContext {
  partnershipId: string;
  partnershipSlug: string;
  /** The day the job runs for, 'YYYY-MM-DD' (tests pass a date; cron uses today). */
  today: string;
  /** Base URL for links in emails: linkOrigin(), as for every email the app sends. */
  origin: string;
}

/** Returns how many new messages it queued. */
export type ReminderRule = { name: string; run: (tx: Tx, ctx: ReminderContext) => Promise<number> };

export const REMINDER_RULES: ReminderRule[] = [...PLEDGE_REMINDER_RULES, returnReminderRule];

/** `origin` is for tests; everyone else gets linkOrigin() (APP_ORIGIN, else the address the server listens on). */
export async function runReminders(options: { today: string; origin?: string; rules?: ReminderRule[] }) {
  const rules = options.rules ?? REMINDER_RULES;
  const origin = options.origin ?? linkOrigin();
  const partnerships = await asPlatformAdmin("00000000-0000-0000-0000-000000000000", (tx) => listPartnerships(tx));
  const queued: Record<string, number> = {};
  for (const partnership of partnerships) {
    const ctx: ReminderContext = { partnershipId: partnership.id, partnershipSlug: partnership.slug, today: options.today, origin };
    for (const rule of rules) {
      // One transaction per rule and partnership: a failing rule does not hold back the others.
      const count = await withPartnership(partnership.id, null, (tx) => rule.run(tx, ctx));
      queued[rule.name] = (queued[rule.name] ?? 0) + count;
    }
    await deliverPending(partnership.id, 500);
  }
  await deliverPlatformPending(500);
  return queued;
}
