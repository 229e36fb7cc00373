import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/modules/auth/guard.server";
import { csvResponse } from "~/modules/platform/csv/write.server";
import { organisationsCsv } from "~/modules/imports/organisations.server";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";

/** The organisations and prospects as CSV, in the shape the upload takes. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "adoption:view");
  const on = today();
  const body = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    organisationsCsv(tx, { partnershipId: ctx.partnership.id, on, boroughId: ctx.boroughScope, contacts: ctx.can("imports:run") }),
  );
  return csvResponse(`${ctx.partnership.slug}-organisations-${on}.csv`, body);
}
