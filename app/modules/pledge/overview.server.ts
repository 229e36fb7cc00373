/** An organisation's home page in one read: its pledge, champions, to-dos and any signing in progress. */
import { listChampions } from "../champions/champions.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { organisationNudges } from "./nudges.server";
import { findSigningDraft, lastSignature } from "./signing.server";
import { organisationPledges } from "./status.server";

export async function organisationOverview(tx: Tx, { partnershipId, organisationId, on }: { partnershipId: string; organisationId: string; on: string }) {
  const scope = { partnershipId, organisationId };
  const [pledges, champions, nudges, draft, last] = await Promise.all([
    organisationPledges(tx, { partnershipId, on, organisationIds: [organisationId] }),
    listChampions(tx, scope),
    organisationNudges(tx, { partnershipId, on, organisationIds: [organisationId] }),
    findSigningDraft(tx, scope),
    lastSignature(tx, scope),
  ]);
  const pledge = pledges.get(organisationId) ?? { status: "prospect" as const, signature: null };
  return {
    pledge,
    signatory: last ? { name: last.signatory_name, title: last.signatory_title } : null,
    champions: champions.filter((c) => !c.leftOn),
    formerChampions: champions.filter((c) => c.leftOn).length,
    todos: nudges.get(organisationId) ?? [],
    signingInProgress: Boolean(draft),
  };
}
