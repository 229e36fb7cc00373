import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/modules/auth/guard.server";
import { today } from "~/modules/platform/clock.server";
import { quarterParam } from "~/modules/returns/form-page.server";
import { quarterValuesCsv } from "~/modules/returns/values-csv.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { csvResponse } from "~/modules/platform/csv/write.server";

/** A quarter's values as CSV, in the shape the upload takes back. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const quarter = quarterParam(params.quarter, today());
  const ctx = await requireAccess(request, params, "returns:view");
  const csv = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => quarterValuesCsv(tx, { partnershipId: ctx.partnership.id, quarter, boroughId: ctx.boroughScope }));
  return csvResponse(`${ctx.partnership.slug}-${quarter.key}-values.csv`, csv);
}
