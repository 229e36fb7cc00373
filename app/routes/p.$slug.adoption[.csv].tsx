import type { LoaderFunctionArgs } from "@remix-run/node";
import { adoptionFacts, adoptionTables } from "~/modules/adoption/adoption.server";
import { requireAccess } from "~/modules/auth/guard.server";
import { tableCsvResponse } from "~/modules/exports/table.server";
import { readPartnership } from "~/modules/platform/read-routing.server";
import { today } from "~/modules/platform/clock.server";

/** One table of the adoption page as CSV (`?table=<id>`), sorted as the page's link asks. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "adoption:view");
  const search = new URL(request.url).searchParams;
  const on = today();
  const facts = await readPartnership(request, ctx.partnership.id, ctx.user.id, (tx) => adoptionFacts(tx, { partnershipId: ctx.partnership.id, on, boroughId: ctx.boroughScope }));
  const table = adoptionTables(facts).find((t) => t.id === search.get("table"));
  if (!table) throw new Response("Choose one of the adoption page's tables to download", { status: 400 });
  return tableCsvResponse(table, search, `${ctx.partnership.slug}-adoption-${on}`);
}
