/** Forms about one person's roles in a partnership: which role (hidden fields), and what it becomes. */
import { z } from "zod";
import type { RoleKey } from "./members.server";
import { isOrganisationRole } from "./roles";

const roleName = z.enum(["coordinator", "board", "org_admin", "champion"], { errorMap: () => ({ message: "Choose a role from the list" }) });
const optionalId = (message: string) =>
  z
    .string()
    .optional()
    .transform((v) => v || null)
    .pipe(z.string().uuid(message).nullable());

/** The role being changed or removed: `role`, and `organisationId` for organisation roles. */
export const RoleKeySchema = z
  .object({ role: roleName, organisationId: optionalId("Choose a role from the list") })
  .transform((k): RoleKey => ({ role: k.role, organisationId: isOrganisationRole(k.role) ? k.organisationId : null }))
  .refine((k) => !isOrganisationRole(k.role) || k.organisationId, { message: "Choose a role from the list", path: ["role"] });

export const NewRoleSchema = z.object({
  newRole: z.enum(["coordinator", "board", "org_admin", "champion"], { errorMap: () => ({ message: "Choose the role they should have" }) }),
  boroughId: optionalId("Choose a borough from the list"),
});

export const RemoveMemberSchema = z.object({
  intent: z.literal("remove"),
  confirm: z.enum(["on", "yes"], { errorMap: () => ({ message: "Tick the box to confirm you want to remove them from the partnership" }) }),
});

export const RemoveRoleSchema = z.object({ intent: z.literal("removeRole") }).and(RoleKeySchema);
