import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/modules/auth/guard.server";
import { organisationDashboardCsv } from "~/modules/dashboards/downloads.server";

/** One table of an organisation's dashboard as CSV, with the page's filters and sort. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:view");
  return organisationDashboardCsv(request, ctx);
}
