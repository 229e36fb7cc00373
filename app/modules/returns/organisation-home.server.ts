/** The returns block on an organisation's home page, where champions land after signing in. */
import { today } from "../platform/clock.server";
import type { AccessContext } from "../auth/guard.server";
import { withPartnership } from "../tenancy/with-partnership.server";
import { organisationTodos, type OrganisationTodo } from "./display";
import { reportingSettings } from "./form-page.server";
import { organisationQuarters } from "./overview.server";

export async function returnsTodos(ctx: AccessContext): Promise<OrganisationTodo[] | null> {
  if (!ctx.organisation || !ctx.can("return:edit")) return null;
  const day = today();
  const quarters = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    organisationQuarters(tx, { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id, settings: reportingSettings(ctx.partnership), today: day }),
  );
  return organisationTodos(quarters, day);
}
