/** Inviting a champion to log in; account-hook.server.ts links them once they accept. */
import { createInvitation } from "../people/invitations.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { findChampion } from "./champions.server";

export type InviteResult = { ok: true } | { ok: false; message: string };

export async function inviteChampion(
  tx: Tx,
  scope: { partnershipId: string; organisationId: string; championId: string; invitedBy: string; origin: string },
): Promise<InviteResult | null> {
  const champion = await findChampion(tx, scope);
  if (!champion) return null;
  if (champion.leftOn) return { ok: false, message: `${champion.name} has left, so cannot be invited` };
  if (champion.userId) return { ok: false, message: `${champion.name} can already sign in` };
  const invited = await createInvitation(tx, {
    partnershipId: scope.partnershipId,
    email: champion.email,
    name: champion.name,
    role: "champion",
    organisationId: scope.organisationId,
    invitedBy: scope.invitedBy,
    origin: scope.origin,
    context: { championId: champion.id },
  });
  return invited.ok ? { ok: true } : { ok: false, message: invited.message };
}
