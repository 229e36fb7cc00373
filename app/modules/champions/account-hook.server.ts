/**
 * Links a champion's record to the account they accepted their invitation with: an
 * INVITATION_ACCEPTED_HOOKS entry, run in the acceptance's transaction. Imports only types from
 * the invitations module, so no import cycle forms.
 */
import { sql } from "kysely";
import type { InvitationAcceptedHook } from "../people/invitation-hooks.server";

export const linkChampionOnAcceptance: InvitationAcceptedHook = {
  name: "link champion to account",
  async run(tx, accepted) {
    const championId = accepted.context.championId;
    if (typeof championId !== "string" || accepted.role !== "champion" || !accepted.organisationId) return;
    const linked = await tx
      .updateTable("champions")
      .set({ user_id: accepted.userId, updated_at: sql`clock_timestamp()` })
      .where("partnership_id", "=", accepted.partnershipId)
      .where("organisation_id", "=", accepted.organisationId)
      .where("id", "=", championId)
      .where("left_on", "is", null)
      .executeTakeFirst();
    // The champion left while the invitation was on its way: it grants nothing.
    if (Number(linked.numUpdatedRows) === 0) {
      await tx
        .deleteFrom("organisation_members")
        .where("partnership_id", "=", accepted.partnershipId)
        .where("organisation_id", "=", accepted.organisationId)
        .where("user_id", "=", accepted.userId)
        .where("role", "=", "champion")
        .execute();
    }
  },
};
