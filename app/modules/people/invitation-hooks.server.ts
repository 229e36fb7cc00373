/**
 * What other capabilities do when someone accepts an invitation, in the same transaction as the
 * acceptance (a hook that throws undoes the acceptance, and the person sees an error page).
 * Append yours here, like DEMO_STEPS and REMINDER_RULES. A hook module should import only types
 * from this file and from ./invitations.server, so that no import cycle forms.
 *
 *   // app/modules/champions/link-account.server.ts
 *   export const linkChampionAccount: InvitationAcceptedHook = {
 *     name: "link champion to account",
 *     async run(tx, accepted) {
 *       const championId = accepted.context.championId;  // passed to createInvitation as `context`
 *       if (typeof championId !== "string") return;
 *       await tx.updateTable("champions").set({ user_id: accepted.userId })
 *         .where("partnership_id", "=", accepted.partnershipId).where("id", "=", championId).execute();
 *     },
 *   };
 */
import type { InvitedRole } from "../../../db/types";
import { linkChampionOnAcceptance } from "../champions/account-hook.server";
import type { Tx } from "../tenancy/with-partnership.server";

export interface AcceptedInvitation {
  invitationId: string;
  partnershipId: string;
  /** The account that accepted: newly created, or the existing account with the invited email. */
  userId: string;
  email: string;
  role: InvitedRole;
  organisationId: string | null;
  boroughId: string | null;
  /** Exactly what the inviter passed to createInvitation as `context`. */
  context: Record<string, unknown>;
  /** True when the invitation created the account. */
  newAccount: boolean;
}

export interface InvitationAcceptedHook {
  name: string;
  /** Runs with app.partnership_id and app.user_id (the accepting person) already set on `tx`. */
  run(tx: Tx, accepted: AcceptedInvitation): Promise<void>;
}

export const INVITATION_ACCEPTED_HOOKS: InvitationAcceptedHook[] = [linkChampionOnAcceptance];
