/**
 * Values for every route parameter: one that belongs to the cleveland partnership (`own`) and one
 * of the same kind from hampshire (`other`). A route with a parameter not listed here fails the
 * access test until someone adds it.
 */
import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import { quarterOf, today } from "~/modules/reporting/periods";
import { boroughId, championId, ledAction, metricId, milestoneOf, organisationId, planOf, pledgeVersionId, reviewOf, themeOf } from "../helpers/fixtures";

export type ParamValues = { own: string; other: string };

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
  borough: async (owner) => ({ own: await boroughId(owner, "cleveland"), other: await boroughId(owner, "hampshire") }),
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
};
