/**
 * What the benchmark and the load test need in a database besides its data: people to act as.
 * Sessions are made the way the sign-in makes them (the session module's own stored id), so a
 * benchmark of thousands of organisations does not spend minutes on argon2.
 */
import { machineNow } from "../../app/modules/platform/clock.server";
import { randomBytes } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/types";
import { storedSessionId } from "../../app/modules/auth/session.server";
import { hashPassword } from "../../app/modules/auth/password.server";
import { DEFAULT_METRICS } from "../../db/metric-defaults";

export interface Actor {
  userId: string;
  cookie: string;
}

export interface Submitter extends Actor {
  slug: string;
  organisationId: string;
}

const SESSION_HOURS = 6;

async function sessionsFor(db: Kysely<Database>, userIds: string[]): Promise<string[]> {
  const tokens = userIds.map(() => randomBytes(20).toString("hex"));
  // Sessions are lucia's, measured on the machine's clock (clock.server.ts).
  const expires = new Date(machineNow().getTime() + SESSION_HOURS * 3600_000);
  for (let i = 0; i < userIds.length; i += 5000) {
    await db
      .insertInto("sessions")
      .values(userIds.slice(i, i + 5000).map((userId, j) => ({ id: storedSessionId(tokens[i + j]), user_id: userId, expires_at: expires, created_at: machineNow() })))
      .execute();
  }
  return tokens.map((t) => `gt_session=${t}`);
}

/** A county-wide board member of the partnership, signed in. */
export async function boardMember(db: Kysely<Database>, slug: string, tag: string): Promise<Actor> {
  const partnership = await db.selectFrom("partnerships").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  const user = await db
    .insertInto("users")
    .values({ email: `bench-board-${tag}@${slug}.bench.test`, name: `Bench board member ${tag}` })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("partnership_members").values({ partnership_id: partnership.id, user_id: user.id, role: "board" }).execute();
  const [cookie] = await sessionsFor(db, [user.id]);
  return { userId: user.id, cookie };
}

/** People who sign in with a password during the load (a real argon2 check each time). */
export async function passwordUsers(db: Kysely<Database>, slug: string, count: number, password: string): Promise<string[]> {
  const partnership = await db.selectFrom("partnerships").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  const hash = await hashPassword(password);
  const emails = Array.from({ length: count }, (_, i) => `bench-login-${i}@${slug}.bench.test`);
  const users = await db
    .insertInto("users")
    .values(emails.map((email, i) => ({ email, name: `Bench reader ${i}`, password_hash: hash })))
    .returning("id")
    .execute();
  await db
    .insertInto("partnership_members")
    .values(users.map((u) => ({ partnership_id: partnership.id, user_id: u.id, role: "board" as const })))
    .execute();
  return emails;
}

/**
 * Organisation admins for `count` organisations with no return yet for `quarter`, each signed in,
 * from the partnerships given (all when none), organisations interleaved across them.
 */
export async function submitters(db: Kysely<Database>, options: { count: number; quarter: string; slugs?: string[] }): Promise<Submitter[]> {
  const organisations = await sql<{ id: string; partnership_id: string; slug: string }>`
    select o.id, o.partnership_id, p.slug
    from organisations o join partnerships p on p.id = o.partnership_id
    where (${options.slugs ?? null}::text[] is null or p.slug = any(${options.slugs ?? null}::text[]))
      and not exists (select 1 from quarterly_returns r where r.partnership_id = o.partnership_id and r.organisation_id = o.id and r.quarter = ${options.quarter})
      and not exists (select 1 from organisation_members m where m.partnership_id = o.partnership_id and m.organisation_id = o.id and m.user_id in
                      (select id from users where email like 'bench-%'))
    order by row_number() over (partition by o.partnership_id order by o.id), o.partnership_id
    limit ${options.count}`.execute(db);
  if (organisations.rows.length < options.count) {
    throw new Error(`Only ${organisations.rows.length} organisations have no ${options.quarter} return yet; ${options.count} were needed.`);
  }
  const stamp = randomBytes(3).toString("hex");
  const users: Array<{ id: string }> = [];
  for (let i = 0; i < organisations.rows.length; i += 5000) {
    users.push(
      ...(await db
        .insertInto("users")
        .values(organisations.rows.slice(i, i + 5000).map((o, j) => ({ email: `bench-admin-${stamp}-${i + j}@bench.test`, name: `Bench admin ${i + j}` })))
        .returning("id")
        .execute()),
    );
  }
  for (let i = 0; i < organisations.rows.length; i += 5000) {
    await db
      .insertInto("organisation_members")
      .values(
        organisations.rows.slice(i, i + 5000).map((o, j) => ({ partnership_id: o.partnership_id, organisation_id: o.id, user_id: users[i + j].id, role: "org_admin" as const })),
      )
      .execute();
  }
  const cookies = await sessionsFor(
    db,
    users.map((u) => u.id),
  );
  return organisations.rows.map((o, i) => ({ slug: o.slug, organisationId: o.id, userId: users[i].id, cookie: cookies[i] }));
}

/** The posted return form: every default metric answered, confirmed, submitted (or saved). */
export function returnFormBody(options: { intent: "save" | "submit"; seed: number; baseVersion?: number }): string {
  const form = new URLSearchParams({ intent: options.intent, baseVersion: String(options.baseVersion ?? 0), confirm: "on" });
  for (const [i, metric] of DEFAULT_METRICS.entries()) form.set(`value.${metric.key}`, String(((options.seed + i * 7) % 9) + 1));
  form.set("highlights", `Benchmark return ${options.seed}: two conferences and a staff briefing.`);
  return form.toString();
}
