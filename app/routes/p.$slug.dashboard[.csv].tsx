import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/modules/auth/guard.server";
import { dashboardCsv } from "~/modules/dashboards/downloads.server";

/**
 * One table of the county dashboard (or of a borough's, with `borough`) as CSV, with the page's
 * filters and sort; `table=publication&year=YYYY` gives the figures for publication, suppressed.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "dashboard:view");
  return dashboardCsv(request, ctx);
}
