/**
 * Values for every route parameter: one that belongs to the cleveland partnership (`own`) and one
 * of the same kind from hampshire (`other`). A route with a parameter not listed here fails the
 * access test until someone adds it.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import { newToken } from "~/modules/auth/tokens.server";
import { quarterOf } from "~/modules/reporting/periods";
import { epochMs, today } from "~/modules/platform/clock.server";
import { boroughId, championId, ledAction, metricId, milestoneOf, organisationId, partnershipId, planOf, pledgeVersionId, reviewOf, themeOf, userId } from "../helpers/fixtures";

export type ParamValues = { own: string; other: string };

const byName = (table: "boroughs", slug: string, name: string) => async (owner: Kysely<Database>) =>
  (
    await owner
      .selectFrom(table)
      .select("id")
      .where("partnership_id", "=", await partnershipId(owner, slug))
      .where("name", "=", name)
      .executeTakeFirstOrThrow()
  ).id;

/** An invitation email to Hartlepool Borough Council, so its administrator may read it too. */
async function hartlepoolInvitationEmail(owner: Kysely<Database>) {
  const partnership = await partnershipId(owner, "cleveland");
  const invitation = await owner
    .insertInto("invitations")
    .values({
      partnership_id: partnership,
      token_hash: newToken().hash,
      email: "matrix.emailed@example.org",
      role: "champion",
      organisation_id: await organisationId(owner, "cleveland", "Hartlepool Borough Council"),
      expires_at: new Date(epochMs() + 86_400_000),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const message = await owner
    .insertInto("outbox_messages")
    .values({
      partnership_id: partnership,
      kind: "invitation",
      invitation_id: invitation.id,
      to_address: "matrix.emailed@example.org",
      subject: "You are invited",
      body_text: "…",
      status: "kept",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return message.id;
}

const firstOutboxMessage = async (owner: Kysely<Database>, slug: string) =>
  (
    await owner
      .selectFrom("outbox_messages")
      .select("id")
      .where("partnership_id", "=", await partnershipId(owner, slug))
      .orderBy("created_at")
      .executeTakeFirstOrThrow()
  ).id;

const pendingInvitation = async (owner: Kysely<Database>, slug: string) =>
  (
    await owner
      .selectFrom("invitations")
      .select("id")
      .where("partnership_id", "=", await partnershipId(owner, slug))
      .where("accepted_at", "is", null)
      .where("cancelled_at", "is", null)
      .orderBy("created_at")
      .executeTakeFirstOrThrow()
  ).id;

/**
 * A live one-time link: the same token opens an invitation to cleveland, a password reset and an
 * email change, so every link route can be tried with it. `other` is a token nobody was ever sent.
 */
async function liveToken(owner: Kysely<Database>): Promise<ParamValues> {
  const { token, hash } = newToken();
  const expires = new Date(epochMs() + 86_400_000);
  await owner
    .insertInto("invitations")
    .values({
      partnership_id: await partnershipId(owner, "cleveland"),
      token_hash: hash,
      email: "matrix.invitee@example.org",
      role: "champion",
      organisation_id: await organisationId(owner, "cleveland", "Hartlepool Borough Council"),
      expires_at: expires,
    })
    .execute();
  await owner
    .insertInto("password_resets")
    .values({ token_hash: hash, user_id: await userId(owner, "board@cleveland.demo.test"), expires_at: expires })
    .execute();
  await owner
    .insertInto("email_changes")
    .values({ token_hash: hash, user_id: await userId(owner, "board@cleveland.demo.test"), new_email: "matrix.new-address@example.org", expires_at: expires })
    .execute();
  return { own: token, other: "a".repeat(32) };
}

export const PARAMS: Record<string, (owner: Kysely<Database>) => Promise<ParamValues>> = {
  slug: async () => ({ own: "cleveland", other: "hampshire" }),
  org: async (owner) => ({
    own: await organisationId(owner, "cleveland", "Hartlepool Borough Council"),
    other: await organisationId(owner, "hampshire", "Southampton Mediation Service"),
  }),
  plan: async (owner) => ({ own: await planOf(owner, "cleveland"), other: await planOf(owner, "hampshire") }),
  action: async (owner) => ({
    own: await ledAction(owner, "cleveland", "Hartlepool Borough Council"),
    other: await ledAction(owner, "hampshire", "Southampton Mediation Service"),
  }),
  review: async (owner) => ({ own: await reviewOf(owner, "cleveland"), other: await reviewOf(owner, "hampshire") }),
  champion: async (owner) => ({
    own: await championId(owner, "cleveland", "Daniel Reeve"),
    other: await championId(owner, "hampshire", "Aisha Rahman"),
  }),
  version: async (owner) => ({ own: await pledgeVersionId(owner, "cleveland", 1), other: await pledgeVersionId(owner, "hampshire", 1) }),
  // A quarter belongs to no partnership: "other" is one that cannot be reported yet, which must also be 404.
  quarter: async () => ({ own: quarterOf(today()).key, other: "2099Q1" }),
  metric: async (owner) => ({ own: await metricId(owner, "cleveland", "referrals_made"), other: await metricId(owner, "hampshire", "referrals_made") }),
  // A champion at Hartlepool Borough Council, so a form naming that role is right but for a swapped id.
  person: async (owner) => ({ own: await userId(owner, "champion@cleveland.demo.test"), other: await userId(owner, "champion@hampshire.demo.test") }),
  borough: async (owner) => ({ own: await byName("boroughs", "cleveland", "Hartlepool")(owner), other: await byName("boroughs", "hampshire", "Portsmouth")(owner) }),
  message: async (owner) => ({ own: await hartlepoolInvitationEmail(owner), other: await firstOutboxMessage(owner, "hampshire") }),
  token: liveToken,
};

/** Form field names that may carry an object id; each is tried with the other partnership's id. */
export const ID_FIELDS: Record<string, (owner: Kysely<Database>) => Promise<ParamValues>> = {
  organisationId: PARAMS.org,
  organisation_id: PARAMS.org,
  org: PARAMS.org,
  leadOrganisationId: PARAMS.org,
  supportingOrganisationIds: PARAMS.org,
  themeId: async (owner) => ({ own: await themeOf(owner, "cleveland"), other: await themeOf(owner, "hampshire") }),
  boroughIds: async (owner) => ({ own: await boroughId(owner, "cleveland"), other: await boroughId(owner, "hampshire") }),
  milestoneId: async (owner) => ({ own: await milestoneOf(owner, "cleveland"), other: await milestoneOf(owner, "hampshire") }),
  metricId: PARAMS.metric,
  boroughId: PARAMS.borough,
  userId: PARAMS.person,
  invitationId: async (owner) => ({ own: await pendingInvitation(owner, "cleveland"), other: await pendingInvitation(owner, "hampshire") }),
};
