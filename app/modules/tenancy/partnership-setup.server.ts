/**
 * Setting a partnership up: the platform administrator creates it and invites its first
 * coordinator; the coordinator keeps its settings.
 */
import { sql } from "kysely";
import { createDefaultMetrics } from "../returns/metrics.server";
import { z } from "zod";
import { deliverSoon } from "../notify/delivery.server";
import { text } from "../platform/form.server";
import { createInvitation } from "../people/invitations.server";
import { emailAddress } from "../people/invite-form.server";
import { asPlatformAdmin, type Tx, setScope } from "./with-partnership.server";

const wholeNumber = (label: string, min: number, max: number, example: number) =>
  z
    .string({ required_error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .regex(/^\d+$/, `Enter ${label} as a whole number, like ${example}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `Enter ${label} between ${min} and ${max}`);

export const NewPartnershipSchema = z.object({
  name: text("the partnership's name"),
  county: text("the area it covers"),
  slug: z
    .string({ required_error: "Enter a web address" })
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/, "Enter a web address of 3 to 50 lower-case letters, numbers and hyphens, like west-yorkshire"),
  coordinatorName: text("the coordinator's full name"),
  coordinatorEmail: emailAddress,
});

export const PartnershipSettingsSchema = z.object({
  name: text("the partnership's name"),
  deadlineDays: wholeNumber("the number of days a return is due after the quarter ends", 0, 180, 30),
  graceDays: wholeNumber("the number of days before returns lock", 0, 365, 30),
  suppressionThreshold: wholeNumber("the smallest count that may be published", 3, 50, 5),
  /** Ticked boxes: "register", "figures", "join" (Ask to join). */
  publish: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

export type StartOutcome = { ok: true; slug: string; partnershipId: string } | { ok: false; field: "slug"; message: string };

/** A new partnership and the invitation of its first coordinator, together or not at all. */
export async function startPartnership(input: { adminId: string; origin: string } & z.infer<typeof NewPartnershipSchema>): Promise<StartOutcome> {
  const slugTaken: StartOutcome = { ok: false, field: "slug", message: `There is already a partnership at /p/${input.slug}. Choose another web address` };
  const outcome = await asPlatformAdmin(input.adminId, async (tx): Promise<StartOutcome> => {
    const taken = await tx.selectFrom("partnerships").select("id").where("slug", "=", input.slug).executeTakeFirst();
    if (taken) return slugTaken;
    // The new partnership's id is chosen first and set as the scope, so the rows its insert writes
    // (the audit trail's first entry) pass row level security even where the schema owner does not bypass it.
    const { rows } = await sql<{ id: string }>`select gen_random_uuid() as id`.execute(tx);
    const id = rows[0].id;
    await setScope(tx, { partnershipId: id });
    await tx.insertInto("partnerships").values({ id, slug: input.slug, name: input.name, county: input.county }).execute();
    await createDefaultMetrics(tx, { partnershipId: id });
    const invited = await createInvitation(tx, {
      partnershipId: id,
      email: input.coordinatorEmail,
      name: input.coordinatorName,
      role: "coordinator",
      invitedBy: input.adminId,
      origin: input.origin,
    });
    if (!invited.ok) throw new Error(invited.message);
    return { ok: true, slug: input.slug, partnershipId: id };
  }).catch((error: { code?: string }) => {
    // Two administrators choosing the same address at the same moment: the second is told, not failed.
    if (error.code === "23505") return slugTaken;
    throw error;
  });
  if (outcome.ok) deliverSoon(outcome.partnershipId);
  return outcome;
}

export async function updatePartnershipSettings(tx: Tx, { partnershipId, settings }: { partnershipId: string; settings: z.infer<typeof PartnershipSettingsSchema> }) {
  await tx
    .updateTable("partnerships")
    .set({
      name: settings.name,
      deadline_days: settings.deadlineDays,
      grace_days: settings.graceDays,
      suppression_threshold: settings.suppressionThreshold,
      publish_register: settings.publish.has("register"),
      publish_figures: settings.publish.has("figures"),
      join_requests_open: settings.publish.has("join"),
    })
    .where("id", "=", partnershipId)
    .execute();
}

export interface SetupTask {
  key: "boroughs" | "organisations" | "settings" | "metrics" | "pledge" | "criteria" | "plan" | "people";
  label: string;
  /** Under /p/:slug. */
  path: string;
  done: boolean;
}

/**
 * What a new partnership sets up before anyone signs, and what of it is done: the coordinator's
 * task list on the county dashboard until every task is done or an organisation has signed.
 */
/** The task list is for a partnership getting started: once any organisation has signed, it is running. */
export async function isStarting(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<boolean> {
  const signed = await tx.selectFrom("pledge_signatures").select("id").where("partnership_id", "=", partnershipId).limit(1).executeTakeFirst();
  return !signed;
}

export async function setupTasks(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<SetupTask[]> {
  const count = async (table: "boroughs" | "organisations" | "metrics" | "delivery_plans" | "restorative_criteria" | "partnership_members" | "invitations") =>
    Number(
      (
        await tx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .where("partnership_id", "=", partnershipId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const [boroughs, organisations, metrics, plans, criteria, members, invitations] = await Promise.all([
    count("boroughs"),
    count("organisations"),
    count("metrics"),
    count("delivery_plans"),
    count("restorative_criteria"),
    count("partnership_members"),
    count("invitations"),
  ]);
  const published = await tx
    .selectFrom("pledge_versions")
    .select("id")
    .where("partnership_id", "=", partnershipId)
    .where("published_at", "is not", null)
    .limit(1)
    .executeTakeFirst();
  const settingsSaved = await tx
    .selectFrom("audit_events")
    .select("id")
    .where("partnership_id", "=", partnershipId)
    .where("table_name", "=", "partnerships")
    .where("action", "=", "update")
    .limit(1)
    .executeTakeFirst();
  return [
    { key: "boroughs", label: "Add the boroughs", path: "boroughs", done: boroughs > 0 },
    { key: "organisations", label: "Add the organisations, or upload them from a spreadsheet", path: "orgs", done: organisations > 0 },
    { key: "settings", label: "Check the return deadlines and what is published", path: "settings", done: Boolean(settingsSaved) },
    { key: "metrics", label: "The quarterly return's measures: a default set is ready, change it if you need to", path: "metrics", done: metrics > 0 },
    { key: "pledge", label: "Write and publish the pledge", path: "pledge", done: Boolean(published) },
    { key: "criteria", label: "Decide what makes a restorative borough", path: "restorative-borough", done: criteria > 0 },
    { key: "plan", label: "Start the delivery plan", path: "plans", done: plans > 0 },
    { key: "people", label: "Invite the board and the organisations' administrators", path: "people", done: members + invitations > 1 },
  ];
}
