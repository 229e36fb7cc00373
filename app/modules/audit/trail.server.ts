/**
 * Reading the audit trail (written by triggers, see the foundation migration): newest first,
 * filtered by organisation, by person (who made the change, or whom it is about) and by day.
 */
import { sql } from "kysely";
import { z } from "zod";
import type { Tx } from "../tenancy/with-partnership.server";
import { ACTION_LABELS, changesOf, tableLabel, type Change } from "./describe";

const isoDay = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v)), `Enter the ${label} as a real date, like 2026-04-01`);

const optionalId = (message: string) =>
  z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().uuid(message).nullable());

export const AuditFilterSchema = z
  .object({
    organisation: optionalId("Choose an organisation from the list"),
    person: optionalId("Choose a person from the list"),
    from: isoDay("start date"),
    to: isoDay("end date"),
    before: z.string().regex(/^\d{1,18}$/, "Start again from the newest changes: the page link was not recognised").optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "Enter an end date that is the same as or after the start date", path: ["to"] });
export type AuditFilter = z.infer<typeof AuditFilterSchema>;

export interface AuditEntry {
  id: string;
  at: Date;
  actor: string;
  action: string;
  what: string;
  subject: string | null;
  changes: Change[];
}

const PAGE = 50;

export async function listAuditEntries(tx: Tx, { partnershipId, filter }: { partnershipId: string; filter: AuditFilter }) {
  let q = tx.selectFrom("audit_events").selectAll().where("partnership_id", "=", partnershipId).orderBy("id", "desc").limit(PAGE + 1);
  if (filter.organisation) {
    const org = filter.organisation;
    q = q.where((eb) =>
      eb.or([
        eb.and([eb("table_name", "=", "organisations"), eb(sql`row_key->>'id'`, "=", org)]),
        eb(sql`row_key->>'organisation_id'`, "=", org),
        eb(sql`new_values->>'organisation_id'`, "=", org),
        eb(sql`old_values->>'organisation_id'`, "=", org),
      ]),
    );
  }
  if (filter.person) {
    const person = filter.person;
    q = q.where((eb) => eb.or([eb("actor_user_id", "=", person), eb(sql`row_key->>'user_id'`, "=", person)]));
  }
  if (filter.from) q = q.where(sql`(at at time zone 'Europe/London')::date`, ">=", filter.from);
  if (filter.to) q = q.where(sql`(at at time zone 'Europe/London')::date`, "<=", filter.to);
  if (filter.before) q = q.where("id", "<", filter.before);
  const rows = await q.execute();
  const events = rows.slice(0, PAGE);
  const nameOf = await namesFor(tx, partnershipId, events);
  const entries: AuditEntry[] = events.map((e) => ({
    id: String(e.id),
    at: e.at,
    actor: e.actor_user_id ? (nameOf(e.actor_user_id) ?? "A removed account") : "Golden Thread (automatic)",
    action: ACTION_LABELS[e.action],
    what: tableLabel(e.table_name),
    subject: subjectOf(e, nameOf),
    changes: changesOf(e, nameOf),
  }));
  return { entries, olderFrom: rows.length > PAGE ? String(events[events.length - 1].id) : null };
}

type Event = { table_name: string; row_key: Record<string, unknown>; old_values: Record<string, unknown> | null; new_values: Record<string, unknown> | null };

/** What the row is: the organisation's or borough's name, the person a role belongs to, the invited email. */
function subjectOf(e: Event, nameOf: (id: string) => string | undefined): string | null {
  const value = (k: string) => (e.row_key[k] ?? e.new_values?.[k] ?? e.old_values?.[k]) as string | undefined;
  const id = value("id");
  if ((e.table_name === "organisations" || e.table_name === "boroughs") && id) return nameOf(id) ?? value("name") ?? null;
  if (e.table_name === "invitations") return value("email") ?? null;
  const person = value("user_id") ? nameOf(value("user_id")!) : undefined;
  const organisation = value("organisation_id") ? nameOf(value("organisation_id")!) : undefined;
  if (person && organisation) return `${person}, ${organisation}`;
  return person ?? organisation ?? null;
}

/** One lookup per kind of thing the page's events mention, instead of one per event. */
async function namesFor(tx: Tx, partnershipId: string, events: Event[]) {
  const ids = new Set<string>();
  const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  for (const e of events as Array<Event & { actor_user_id?: string | null }>) {
    if (e.actor_user_id) ids.add(e.actor_user_id);
    for (const bag of [e.row_key, e.old_values ?? {}, e.new_values ?? {}]) {
      for (const [k, v] of Object.entries(bag)) if ((k === "id" || /(_id|_by)$/.test(k)) && typeof v === "string" && uuidLike.test(v)) ids.add(v);
    }
  }
  const names = new Map<string, string>();
  if (ids.size) {
    const list = [...ids];
    for (const u of await tx.selectFrom("users").select(["id", "name"]).where("id", "in", list).execute()) names.set(u.id, u.name);
    for (const o of await tx.selectFrom("organisations").select(["id", "name"]).where("partnership_id", "=", partnershipId).where("id", "in", list).execute()) names.set(o.id, o.name);
    for (const b of await tx.selectFrom("boroughs").select(["id", "name"]).where("partnership_id", "=", partnershipId).where("id", "in", list).execute()) names.set(b.id, b.name);
  }
  return (id: string) => names.get(id);
}

/** Everyone who appears in the partnership's trail as the one making a change, for the filter. */
export async function auditActors(tx: Tx, { partnershipId }: { partnershipId: string }) {
  return tx
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", (eb) => eb.selectFrom("audit_events").select("actor_user_id").where("partnership_id", "=", partnershipId).where("actor_user_id", "is not", null).$narrowType<{ actor_user_id: string }>())
    .orderBy("name")
    .execute();
}
