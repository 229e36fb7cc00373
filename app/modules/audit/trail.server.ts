/**
 * Reading the audit trail (written by triggers, see the foundation migration): newest first,
 * filtered by organisation, by person (who made the change, or whom it is about) and by day.
 */
import { sql } from "kysely";
import { z } from "zod";
import { csvText, type CsvCell } from "../platform/csv/write.server";
import { spreadsheetDateTime } from "../platform/dates";
import type { Tx } from "../tenancy/with-partnership.server";
import { ACTION_LABELS, changesOf, tableLabel, type Change } from "./describe";
import { isNamedTable, NAMED_TABLES, quarterText } from "./names";
import { namesFor, type AuditEvent, type Names } from "./names.server";

const isoDay = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine(
      (v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v)),
      `Enter the ${label} as a real date, like 2026-04-01`,
    );

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
    before: z
      .string()
      .regex(/^\d{1,18}$/, "Start again from the newest changes: the page link was not recognised")
      .optional(),
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

export async function listAuditEntries(tx: Tx, { partnershipId, filter, page = PAGE }: { partnershipId: string; filter: AuditFilter; page?: number }) {
  const PAGE = page;
  let q = tx
    .selectFrom("audit_events")
    .selectAll()
    .where("partnership_id", "=", partnershipId)
    .orderBy("id", "desc")
    .limit(PAGE + 1);
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
  const names = await namesFor(tx, partnershipId, events);
  const entries: AuditEntry[] = events.map((e) => {
    const subject = subjectOf(e, names);
    return {
      id: String(e.id),
      at: e.at,
      actor: e.actor_user_id ? (names.nameOf(e.actor_user_id) ?? "A removed account") : "Golden Thread (automatic)",
      action: ACTION_LABELS[e.action],
      what: tableLabel(e.table_name),
      subject,
      // A return value is one figure: its label is what it is a figure of.
      changes: changesOf(e, names.nameOf, e.table_name === "return_values" ? { value: subject ?? undefined } : {}),
    };
  });
  return {
    entries,
    olderFrom: rows.length > PAGE ? String(events[events.length - 1].id) : null,
  };
}

/** The most a download holds: a year of a busy partnership's changes; the filters narrow it. */
const CSV_LIMIT = 50_000;

/** The trail as the page shows it, with the page's filters, every page at once (up to CSV_LIMIT). */
export async function auditCsv(tx: Tx, { partnershipId, filter }: { partnershipId: string; filter: AuditFilter }) {
  const rows: CsvCell[][] = [];
  let before = filter.before;
  do {
    const { entries, olderFrom } = await listAuditEntries(tx, {
      partnershipId,
      filter: { ...filter, before },
      page: 1000,
    });
    for (const e of entries) {
      const changes = e.changes.map((c) => `${c.label}: ${c.from ?? ""}${c.from !== null && c.to !== null ? " → " : ""}${c.to ?? (c.from !== null ? " (removed)" : "")}`);
      rows.push([spreadsheetDateTime(e.at), e.actor, `${e.action} ${e.what.toLowerCase()}`, e.subject, changes.join("\n")]);
    }
    before = olderFrom ?? undefined;
  } while (before && rows.length < CSV_LIMIT);
  return csvText(["When (UK time)", "Who", "What", "Which", "Change"], rows);
}

/** What the row is, in words: "Referrals made to RJ services, 2026/27 Q2, Hartlepool Borough Council". */
function subjectOf(e: AuditEvent, { nameOf, rowOf }: Names): string | null {
  const value = (k: string) => (e.row_key[k] ?? e.new_values?.[k] ?? e.old_values?.[k]) as string | undefined;
  const named = (k: string) => (value(k) ? (nameOf(value(k)!) ?? "(no longer exists)") : undefined);
  const id = value("id");
  const own = id ? (nameOf(id) ?? (isNamedTable(e.table_name) ? NAMED_TABLES[e.table_name]({ ...e.old_values, ...e.new_values }) : undefined)) : undefined;
  const quarter = quarterText(value("quarter"));
  const join = (...parts: Array<string | undefined | null>) => parts.filter(Boolean).join(", ") || null;
  const actionOf = (actionId: string | undefined) => (actionId ? nameOf(actionId) : undefined);
  switch (e.table_name) {
    case "return_values":
      return join(named("metric_id"), quarter, named("organisation_id"));
    case "quarterly_returns":
    case "return_versions":
    case "return_lock_exceptions":
      return join(named("organisation_id"), quarter);
    case "metric_definitions":
      return join(named("metric_id"), value("version") ? `definition version ${value("version")}` : null);
    case "plan_action_updates": {
      const action = value("action_id") ?? (rowOf(id ?? "")?.action_id as string | undefined);
      return join(actionOf(action) ?? "(no longer exists)", quarter);
    }
    case "plan_milestones":
      return join(own, actionOf(value("action_id")));
    case "plan_action_supporters":
      return join(named("action_id"), named("organisation_id"));
    case "plan_action_boroughs":
      return join(named("action_id"), named("borough_id"));
    case "plan_reviews":
      return join(own, named("plan_id"));
    case "plan_review_summaries":
      return join(named("review_id"), named("theme_id"));
    case "pledge_signatures":
    case "pledge_withdrawals":
      return join(named("organisation_id"), own);
    case "champions":
      return join(own, named("organisation_id"));
  }
  if (own) return own;
  const person = value("user_id") ? nameOf(value("user_id")!) : undefined;
  const organisation = value("organisation_id") ? nameOf(value("organisation_id")!) : undefined;
  return join(person, organisation);
}

/** Everyone who appears in the partnership's trail as the one making a change, for the filter. */
export async function auditActors(tx: Tx, { partnershipId }: { partnershipId: string }) {
  return tx
    .selectFrom("users")
    .select(["id", "name"])
    .where("id", "in", (eb) =>
      eb
        .selectFrom("audit_events")
        .select("actor_user_id")
        .where("partnership_id", "=", partnershipId)
        .where("actor_user_id", "is not", null)
        .$narrowType<{ actor_user_id: string }>(),
    )
    .orderBy("name")
    .execute();
}
