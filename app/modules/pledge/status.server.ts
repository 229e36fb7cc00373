/**
 * Pledge status for many organisations at once, from their signatures and withdrawals.
 * Other capabilities ask here: returns (who is expected to report), dashboards (adoption).
 */
import type { Quarter } from "../reporting/periods";
import type { Tx } from "../tenancy/with-partnership.server";
import { isCurrent, pledgeStatus, type PledgeEvent, type PledgeStatus } from "./status";

export interface OrganisationPledge {
  status: PledgeStatus;
  /** The signature in force or last in force, if any. */
  signature: { id: string; signedOn: string; validUntil: string } | null;
}

export async function pledgeHistories(tx: Tx, { partnershipId, organisationIds }: { partnershipId: string; organisationIds?: string[] }) {
  let signatures = tx.selectFrom("pledge_signatures").select(["id", "organisation_id", "signed_on", "expires_on", "created_at"]).where("partnership_id", "=", partnershipId);
  let withdrawals = tx.selectFrom("pledge_withdrawals").select(["organisation_id", "withdrawn_on", "created_at"]).where("partnership_id", "=", partnershipId);
  if (organisationIds) {
    if (organisationIds.length === 0) return new Map<string, Array<PledgeEvent & { id?: string }>>();
    signatures = signatures.where("organisation_id", "in", organisationIds);
    withdrawals = withdrawals.where("organisation_id", "in", organisationIds);
  }
  const events = new Map<string, Array<PledgeEvent & { id?: string }>>();
  const add = (orgId: string, e: PledgeEvent & { id?: string }) => {
    const list = events.get(orgId);
    if (list) list.push(e);
    else events.set(orgId, [e]);
  };
  for (const s of await signatures.execute()) add(s.organisation_id, { kind: "signature", on: s.signed_on, validUntil: s.expires_on, recordedAt: s.created_at, id: s.id });
  for (const w of await withdrawals.execute()) add(w.organisation_id, { kind: "withdrawal", on: w.withdrawn_on, recordedAt: w.created_at });
  return events;
}

/** Every organisation's pledge status on a day (organisations with no history are prospects). */
export async function organisationPledges(
  tx: Tx,
  { partnershipId, on, organisationIds }: { partnershipId: string; on: string; organisationIds?: string[] },
): Promise<Map<string, OrganisationPledge>> {
  let orgs = tx.selectFrom("organisations").select(["id", "withdrawn_at"]).where("partnership_id", "=", partnershipId);
  if (organisationIds) {
    if (organisationIds.length === 0) return new Map();
    orgs = orgs.where("id", "in", organisationIds);
  }
  const [organisations, histories] = await Promise.all([orgs.execute(), pledgeHistories(tx, { partnershipId, organisationIds })]);
  const result = new Map<string, OrganisationPledge>();
  for (const org of organisations) {
    const events = histories.get(org.id) ?? [];
    const left = org.withdrawn_at ? org.withdrawn_at.toISOString().slice(0, 10) : null;
    const signature = events.filter((e) => e.kind === "signature" && e.on <= on).sort((a, b) => (a.on < b.on ? 1 : -1))[0];
    result.set(org.id, {
      status: pledgeStatus(events, on, left),
      signature: signature ? { id: signature.id!, signedOn: signature.on, validUntil: signature.validUntil! } : null,
    });
  }
  return result;
}

/** Organisations expected to file a return for a quarter: their pledge was current on its last day. */
export async function expectedToReport(tx: Tx, { partnershipId, quarter }: { partnershipId: string; quarter: Quarter }): Promise<string[]> {
  const pledges = await organisationPledges(tx, { partnershipId, on: quarter.end });
  return [...pledges].filter(([, p]) => isCurrent(p.status)).map(([id]) => id);
}
