/**
 * Small facts about the demo data that tests look up by name rather than hard-coding ids.
 * Reads run as the schema owner (a superuser in tests), so they see every partnership.
 */
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/types";

export async function partnershipId(owner: Kysely<Database>, slug: string) {
  return (await owner.selectFrom("partnerships").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;
}

export async function organisationId(owner: Kysely<Database>, slug: string, name: string) {
  const row = await owner
    .selectFrom("organisations as o")
    .innerJoin("partnerships as p", "p.id", "o.partnership_id")
    .select("o.id")
    .where("p.slug", "=", slug)
    .where("o.name", "=", name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function anyOrganisationId(owner: Kysely<Database>, slug: string) {
  const row = await owner
    .selectFrom("organisations as o")
    .innerJoin("partnerships as p", "p.id", "o.partnership_id")
    .select("o.id")
    .where("p.slug", "=", slug)
    .orderBy("o.name")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function championId(owner: Kysely<Database>, slug: string, name: string) {
  const row = await owner
    .selectFrom("champions as c")
    .innerJoin("partnerships as p", "p.id", "c.partnership_id")
    .select("c.id")
    .where("p.slug", "=", slug)
    .where("c.name", "=", name)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function pledgeVersionId(owner: Kysely<Database>, slug: string, version: number) {
  const row = await owner
    .selectFrom("pledge_versions as v")
    .innerJoin("partnerships as p", "p.id", "v.partnership_id")
    .select("v.id")
    .where("p.slug", "=", slug)
    .where("v.version", "=", version)
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function userId(owner: Kysely<Database>, email: string) {
  return (
    await owner
      .selectFrom("users")
      .select("id")
      .where(sql`lower(email)`, "=", email.toLowerCase())
      .executeTakeFirstOrThrow()
  ).id;
}

/** How many audit rows a partnership has: every write to a tenant table adds at least one. */
export async function auditCount(owner: Kysely<Database>, partnership: string) {
  const row = await owner
    .selectFrom("audit_events")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("partnership_id", "=", partnership)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const inPartnership = (slug: string) => (eb: any) => eb("partnership_id", "=", eb.selectFrom("partnerships").select("id").where("slug", "=", slug));

/** This financial year's delivery plan of a demo partnership. */
export async function planOf(owner: Kysely<Database>, slug: string) {
  const row = await owner.selectFrom("delivery_plans").select("id").where(inPartnership(slug)).orderBy("financial_year", "desc").executeTakeFirstOrThrow();
  return row.id;
}

/** An action of this year's plan led by the named organisation, with milestones where there is one. */
export async function ledAction(owner: Kysely<Database>, slug: string, lead: string) {
  const plan = await planOf(owner, slug);
  const org = await organisationId(owner, slug, lead);
  const row = await owner
    .selectFrom("plan_actions as a")
    .select("a.id")
    .where("a.plan_id", "=", plan)
    .where("a.lead_organisation_id", "=", org)
    .orderBy(
      (eb) =>
        eb
          .selectFrom("plan_milestones as m")
          .select((m) => m.fn.countAll().as("n"))
          .whereRef("m.action_id", "=", "a.id"),
      "desc",
    )
    .orderBy("a.reference")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function reviewOf(owner: Kysely<Database>, slug: string) {
  return (await owner.selectFrom("plan_reviews").select("id").where(inPartnership(slug)).orderBy("opened_at").executeTakeFirstOrThrow()).id;
}

export async function themeOf(owner: Kysely<Database>, slug: string) {
  return (await owner.selectFrom("plan_themes").select("id").where(inPartnership(slug)).orderBy("position").executeTakeFirstOrThrow()).id;
}

export async function boroughId(owner: Kysely<Database>, slug: string) {
  return (await owner.selectFrom("boroughs").select("id").where(inPartnership(slug)).orderBy("name").executeTakeFirstOrThrow()).id;
}

export async function milestoneOf(owner: Kysely<Database>, slug: string) {
  return (await owner.selectFrom("plan_milestones").select("id").where(inPartnership(slug)).orderBy("due_on").executeTakeFirstOrThrow()).id;
}

export async function metricId(owner: Kysely<Database>, slug: string, key: string) {
  const row = await owner
    .selectFrom("metrics as m")
    .innerJoin("partnerships as p", "p.id", "m.partnership_id")
    .select("m.id")
    .where("p.slug", "=", slug)
    .where("m.key", "=", key)
    .executeTakeFirstOrThrow();
  return row.id;
}
