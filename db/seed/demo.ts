/**
 * Loads the demo: two partnerships with their boroughs, organisations and accounts, then each
 * capability's own demo data (pledges, champions, returns, plans) through `DEMO_STEPS`.
 * Runs as the schema owner, but still names the partnership on every transaction, so it works
 * where the owner is subject to row level security too.
 */
import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../types";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET, hasDemoTwoFactor } from "./accounts";
import { seedDeliveryPlans } from "./delivery-plans";
import { DEMO_PARTNERSHIPS, type DemoPartnership } from "./places";
import { seedChampions } from "./champions";
import { seedInvitations } from "./invitations";
import { seedJoinRequests } from "./join-requests";
import { seedPledges } from "./pledges";
import { addDays } from "./quarters";
import { seedReturns } from "./returns";

export interface DemoContext {
  partnership: DemoPartnership;
  partnershipId: string;
  boroughIds: Map<string, string>;
  organisationIds: Map<string, string>;
  userIds: Map<string, string>;
  /** The moment the demo is seeded; nothing in it happens later. */
  now: Date;
  /** The UK day of `now` ('YYYY-MM-DD'); figures are laid out backwards from it. */
  today: string;
  /** Where links in the demo's kept emails point (db/ reads no environment). */
  origin: string;
}

export type DemoStep = (tx: Transaction<Database>, ctx: DemoContext) => Promise<void>;

/** Each capability appends the step that fills its tables, in dependency order. */
export const DEMO_STEPS: DemoStep[] = [seedPledges, seedChampions, seedReturns, seedDeliveryPlans, seedInvitations, seedJoinRequests];

export interface SeedOptions {
  hashPassword: (password: string) => Promise<string>;
  /** One reading of the app's clock (db/ never reads a clock itself): the moment and its UK day. */
  now: Date;
  today: string;
  /** The app's address for links in emails (linkOrigin()); `npm start`'s default when not given. */
  origin?: string;
  /** Steps to run after the built-in ones; tests use this to seed extra fixtures. */
  steps?: DemoStep[];
}

export async function hasDemoPartnerships(db: Kysely<Database>) {
  const row = await db.selectFrom("partnerships").select("id").where("is_demo", "=", true).limit(1).executeTakeFirst();
  return Boolean(row);
}

async function asPartnership(tx: Transaction<Database>, partnershipId: string) {
  await sql`select set_config('app.partnership_id', ${partnershipId}, true), set_config('app.platform_admin', 'on', true)`.execute(tx);
}

export async function removeDemo(db: Kysely<Database>) {
  const demo = await db.selectFrom("partnerships").select("id").where("is_demo", "=", true).execute();
  for (const { id } of demo) {
    await db.transaction().execute(async (tx) => {
      await asPartnership(tx, id);
      await tx.deleteFrom("partnerships").where("id", "=", id).execute();
    });
  }
  await db
    .deleteFrom("users")
    .where(
      sql`lower(email)`,
      "in",
      DEMO_ACCOUNTS.map((a) => a.email.toLowerCase()),
    )
    .execute();
}

/** The demo, all or nothing: a seed that fails part way removes what it wrote, accounts included. */
export async function seedDemo(db: Kysely<Database>, options: SeedOptions) {
  try {
    await writeDemo(db, options);
  } catch (error) {
    await removeDemo(db).catch(() => {});
    throw error;
  }
}

async function writeDemo(db: Kysely<Database>, options: SeedOptions) {
  const { now, today } = options;
  const userIds = new Map<string, string>();
  for (const account of DEMO_ACCOUNTS) {
    const { id } = await db
      .insertInto("users")
      .values({
        email: account.email,
        name: account.name,
        password_hash: await options.hashPassword(DEMO_PASSWORD),
        is_platform_admin: account.platformAdmin ?? false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    userIds.set(account.email, id);
    if (hasDemoTwoFactor(account)) {
      await db.insertInto("two_factor_credentials").values({ user_id: id, secret: DEMO_TOTP_SECRET, is_demo: true }).execute();
    }
  }

  for (const partnership of DEMO_PARTNERSHIPS) {
    await db.transaction().execute(async (tx) => {
      // The id first, as the scope: the partnership's audit row must pass row level security too.
      const { rows } = await sql<{ id: string }>`select gen_random_uuid() as id`.execute(tx);
      const partnershipId = rows[0].id;
      await asPartnership(tx, partnershipId);
      await tx
        .insertInto("partnerships")
        .values({
          id: partnershipId,
          slug: partnership.slug,
          name: partnership.name,
          county: partnership.county,
          publish_register: partnership.publishRegister,
          publish_figures: partnership.publishFigures,
          is_demo: true,
          created_at: now,
        })
        .execute();

      const boroughIds = new Map<string, string>();
      for (const borough of partnership.boroughs) {
        const { id } = await tx
          .insertInto("boroughs")
          .values({ partnership_id: partnershipId, name: borough.name, ons_code: borough.ons })
          .returning("id")
          .executeTakeFirstOrThrow();
        boroughIds.set(borough.name, id);
      }

      const organisationIds = new Map<string, string>();
      for (const org of partnership.organisations) {
        const { id } = await tx
          .insertInto("organisations")
          .values({
            partnership_id: partnershipId,
            name: org.name,
            sector: org.sector,
            borough_id: org.borough ? boroughIds.get(org.borough)! : null,
            is_statutory: org.statutory ?? false,
            quality_mark: org.qualityMark?.kind ?? null,
            quality_mark_expires_on: org.qualityMark ? addDays(today, org.qualityMark.expiresInDays) : null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        organisationIds.set(org.name, id);
      }

      for (const account of DEMO_ACCOUNTS) {
        const userId = userIds.get(account.email)!;
        if (account.partnership?.slug === partnership.slug) {
          await tx.insertInto("partnership_members").values({ partnership_id: partnershipId, user_id: userId, role: account.partnership.role, borough_id: null }).execute();
        }
        if (account.organisation?.slug === partnership.slug) {
          const organisationId = organisationIds.get(account.organisation.name);
          if (!organisationId) throw new Error(`Demo account ${account.email} names unknown organisation ${account.organisation.name}`);
          await tx
            .insertInto("organisation_members")
            .values({ partnership_id: partnershipId, organisation_id: organisationId, user_id: userId, role: account.organisation.role })
            .execute();
        }
      }

      const ctx: DemoContext = { partnership, partnershipId, boroughIds, organisationIds, userIds, now, today, origin: options.origin ?? "http://localhost:3000" };
      for (const step of [...DEMO_STEPS, ...(options.steps ?? [])]) await step(tx, ctx);
    });
  }
}
