/**
 * The places a person works in: partnerships where they coordinate or sit on the board,
 * organisations they administer or champion. Sign-in lands them in the right one.
 */
import type { Role } from "../auth/permissions";
import type { SessionUser } from "../auth/session.server";
import { asUser, setScope } from "./with-partnership.server";

export interface Place {
  href: string;
  role: Role;
  partnershipName: string;
  organisationName: string | null;
}

export async function placesOf(user: SessionUser): Promise<Place[]> {
  return asUser(user.id, async (tx) => {
    const partnershipRoles = await tx
      .selectFrom("partnership_members as pm")
      .innerJoin("partnerships as p", "p.id", "pm.partnership_id")
      .select(["p.slug", "p.name", "pm.role"])
      .where("pm.user_id", "=", user.id)
      .orderBy("p.name")
      .execute();
    const organisationRoles = await tx
      .selectFrom("organisation_members as om")
      .innerJoin("partnerships as p", "p.id", "om.partnership_id")
      .select(["p.slug", "p.name", "p.id as partnership_id", "om.organisation_id", "om.role"])
      .where("om.user_id", "=", user.id)
      .execute();
    const organisationNames = new Map<string, string>();
    for (const membership of organisationRoles) {
      // Organisation names are tenant data: read each inside its own partnership.
      await setScope(tx, { partnershipId: membership.partnership_id });
      const org = await tx
        .selectFrom("organisations")
        .select("name")
        .where("partnership_id", "=", membership.partnership_id)
        .where("id", "=", membership.organisation_id)
        .executeTakeFirst();
      if (org) organisationNames.set(membership.organisation_id, org.name);
    }
    return [
      ...partnershipRoles.map((r) => ({ href: `/p/${r.slug}`, role: r.role as Role, partnershipName: r.name, organisationName: null })),
      ...organisationRoles.map((r) => ({
        href: `/p/${r.slug}/orgs/${r.organisation_id}`,
        role: r.role as Role,
        partnershipName: r.name,
        organisationName: organisationNames.get(r.organisation_id) ?? null,
      })),
    ];
  });
}

/** Where sign-in takes a person: the admin area, their one place, or the list of their places. */
export async function landingPath(user: SessionUser): Promise<string> {
  if (user.isPlatformAdmin) return "/admin";
  const places = await placesOf(user);
  const distinct = [...new Set(places.map((p) => p.href))];
  if (distinct.length === 1) return distinct[0];
  // A coordinator or board member who also champions an organisation starts at the partnership.
  const partnership = places.find((p) => p.role === "coordinator" || p.role === "board");
  if (partnership && places.every((p) => p.partnershipName === partnership.partnershipName)) return partnership.href;
  return "/home";
}
