/**
 * Dashboard tables as CSV: exactly the rows of the table on the page (every page of it, in the
 * order the page's sort asks), under the same filters. The figures "for publication" are the
 * suppressed whole-year table (publication.server.ts), in a file whose name says so.
 */
import type { AccessContext } from "../auth/guard.server";
import { tableCsvResponse } from "../exports/table.server";
import { readPartnership } from "../platform/read-routing.server";
import { financialYearLabel } from "../reporting/periods";
import { today } from "../platform/clock.server";
import { findOrganisation } from "../tenancy/organisations.server";
import { forbidden, notFound } from "../auth/guard.server";
import { requireBorough } from "./access.server";
import { boroughDashboard } from "./borough.server";
import { countyDashboard } from "./county.server";
import { allTables } from "./dashboard";
import { parseFilters } from "./filters";
import { organisationDashboard } from "./organisation.server";
import { publicationTable, publishableYears } from "./publication.server";

const unknownTable = () => new Response("Choose one of the dashboard's tables to download", { status: 400 });

export async function dashboardCsv(request: Request, ctx: AccessContext) {
  const search = new URL(request.url).searchParams;
  const day = today();
  const { filters, problems } = parseFilters(search, day);
  const partnershipId = ctx.partnership.id;
  return readPartnership(request, partnershipId, ctx.user.id, async (tx) => {
    if (search.get("table") === "publication") {
      const year = Number(search.get("year"));
      // Figures for publication are the whole partnership's: not for a board member limited to one borough.
      if (ctx.boroughScope) forbidden();
      if (!(await publishableYears(tx, { partnershipId, today: day })).includes(year))
        return new Response("Choose a financial year that has ended and has figures", { status: 400 });
      const table = await publicationTable(tx, { partnershipId, financialYear: year, threshold: ctx.partnership.suppression_threshold });
      return tableCsvResponse(table, search, `${ctx.partnership.slug}-${financialYearLabel(year).replace("/", "-")}-for-publication`);
    }
    // "all" is what the county page's filter sends for the whole county.
    const asked = search.get("borough");
    const boroughParam = asked && asked !== "all" ? asked : ctx.boroughScope;
    const borough = boroughParam ? await requireBorough(tx, ctx, boroughParam) : null;
    const args = { partnership: ctx.partnership, filters, problems, today: day };
    const dashboard = borough ? await boroughDashboard(tx, { ...args, borough }) : await countyDashboard(tx, args);
    const table = allTables(dashboard).find((t) => t.id === search.get("table"));
    if (!table) return unknownTable();
    return tableCsvResponse(table, search, `${ctx.partnership.slug}-${borough ? "borough" : "county"}-${filters.from.key}-${filters.to.key}`);
  });
}

export async function organisationDashboardCsv(request: Request, ctx: AccessContext) {
  const search = new URL(request.url).searchParams;
  const day = today();
  const { filters, problems } = parseFilters(search, day);
  const partnershipId = ctx.partnership.id;
  return readPartnership(request, partnershipId, ctx.user.id, async (tx) => {
    const organisation = await findOrganisation(tx, { partnershipId, organisationId: ctx.organisation!.id });
    if (!organisation) notFound();
    const dashboard = await organisationDashboard(tx, { partnership: ctx.partnership, organisation, filters, problems, today: day, realFigures: ctx.can("dashboard:view") });
    const table = allTables(dashboard).find((t) => t.id === search.get("table"));
    if (!table) return unknownTable();
    return tableCsvResponse(table, search, `${ctx.partnership.slug}-organisation-${filters.from.key}-${filters.to.key}`);
  });
}
