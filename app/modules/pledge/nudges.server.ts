/** To-dos and reminders for many organisations at once, from their pledge status and champions. */
import { championsOf } from "../champions/champions.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { nudgesFor, type Nudge } from "./nudges";
import { organisationPledges } from "./status.server";

export async function organisationNudges(
  tx: Tx,
  { partnershipId, on, organisationIds }: { partnershipId: string; on: string; organisationIds?: string[] },
): Promise<Map<string, Nudge[]>> {
  const [pledges, champions] = await Promise.all([organisationPledges(tx, { partnershipId, on, organisationIds }), championsOf(tx, { partnershipId, organisationIds })]);
  const result = new Map<string, Nudge[]>();
  for (const [organisationId, pledge] of pledges) {
    // A withdrawn organisation is not chased about anything.
    if (pledge.status === "withdrawn") continue;
    const nudges = nudgesFor({
      today: on,
      status: pledge.status,
      signature: pledge.signature,
      champions: champions.filter((c) => c.organisationId === organisationId),
    });
    if (nudges.length) result.set(organisationId, nudges);
  }
  return result;
}

/** Organisations whose communications contact left with nobody chosen since: the coordinator's to-dos. */
export async function contactVacancies(tx: Tx, { partnershipId, on }: { partnershipId: string; on: string }) {
  const nudges = await organisationNudges(tx, { partnershipId, on });
  const ids = [...nudges].filter(([, list]) => list.some((n) => n.kind === "contact")).map(([id]) => id);
  if (!ids.length) return [];
  const names = await tx.selectFrom("organisations").select(["id", "name"]).where("partnership_id", "=", partnershipId).where("id", "in", ids).orderBy("name").execute();
  return names.map((o) => ({
    organisationId: o.id,
    organisation: o.name,
    title: nudges.get(o.id)!.find((n) => n.kind === "contact")!.title,
  }));
}
