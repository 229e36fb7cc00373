import type { Sector } from "../../../db/types";
import type { Tx } from "./with-partnership.server";

export interface OrganisationRow {
  id: string;
  name: string;
  sector: Sector;
  borough_id: string | null;
  borough_name: string | null;
  is_statutory: boolean;
  withdrawn_at: Date | null;
}

export function listOrganisations(tx: Tx, { partnershipId, boroughId }: { partnershipId: string; boroughId?: string | null }) {
  let query = tx
    .selectFrom("organisations as o")
    .leftJoin("boroughs as b", (join) => join.onRef("b.partnership_id", "=", "o.partnership_id").onRef("b.id", "=", "o.borough_id"))
    .select(["o.id", "o.name", "o.sector", "o.borough_id", "b.name as borough_name", "o.is_statutory", "o.withdrawn_at"])
    .where("o.partnership_id", "=", partnershipId)
    .orderBy("o.name");
  if (boroughId) query = query.where((eb) => eb.or([eb("o.borough_id", "=", boroughId), eb("o.borough_id", "is", null)]));
  return query.execute() as Promise<OrganisationRow[]>;
}

export function findOrganisation(tx: Tx, { partnershipId, organisationId }: { partnershipId: string; organisationId: string }) {
  return tx
    .selectFrom("organisations as o")
    .leftJoin("boroughs as b", (join) => join.onRef("b.partnership_id", "=", "o.partnership_id").onRef("b.id", "=", "o.borough_id"))
    .selectAll("o")
    .select("b.name as borough_name")
    .where("o.partnership_id", "=", partnershipId)
    .where("o.id", "=", organisationId)
    .executeTakeFirst();
}
