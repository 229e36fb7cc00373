/**
 * The public register: a partnership's current signatories and its pledge text, shown to anyone
 * only while the partnership chooses to publish it. Only published versions and current
 * signatures appear; nothing about people (signatories, champions) does.
 */
import { databases } from "../../db.server";
import { listOrganisations } from "../tenancy/organisations.server";
import { withPartnership, type Tx } from "../tenancy/with-partnership.server";
import { isCurrent } from "./status";
import { organisationPledges } from "./status.server";
import { latestPublished } from "./versions.server";

export interface RegisterEntry {
  id: string;
  name: string;
  borough: string | null;
  sector: string;
  signedOn: string;
}

export async function publishedRegister(slug: string, on: string) {
  const partnership = await databases().app.selectFrom("partnerships").select(["id", "slug", "name", "county", "publish_register"]).where("slug", "=", slug).executeTakeFirst();
  if (!partnership?.publish_register) return null;
  return withPartnership(partnership.id, null, async (tx) => {
    const scope = { partnershipId: partnership.id };
    const [pledge, organisations, pledges] = await Promise.all([latestPublished(tx, scope), listOrganisations(tx, scope), organisationPledges(tx, { ...scope, on })]);
    const signatories: RegisterEntry[] = organisations.flatMap((o) => {
      const p = pledges.get(o.id);
      return p && isCurrent(p.status) && p.signature ? [{ id: o.id, name: o.name, borough: o.borough_name, sector: o.sector, signedOn: p.signature.signedOn }] : [];
    });
    return {
      partnership: { name: partnership.name, county: partnership.county, slug: partnership.slug },
      pledge: pledge ? { title: pledge.title, introduction: pledge.introduction, commitments: pledge.commitments, version: pledge.version } : null,
      signatories,
    };
  });
}

/** Whether the partnership publishes its register (for the coordinator's switch). */
export async function setRegisterPublished(tx: Tx, { partnershipId, published }: { partnershipId: string; published: boolean }) {
  await tx.updateTable("partnerships").set({ publish_register: published }).where("id", "=", partnershipId).execute();
}
