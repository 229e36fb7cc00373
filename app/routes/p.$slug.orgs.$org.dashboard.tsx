import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { DashboardFilters, Headlines, Problems, Sections } from "~/modules/dashboards/DashboardView";
import { parseFilters } from "~/modules/dashboards/filters";
import { organisationDashboard } from "~/modules/dashboards/organisation.server";
import { dashboardPage } from "~/modules/dashboards/page-data.server";
import { readPartnership } from "~/modules/platform/read-routing.server";
import { today } from "~/modules/platform/clock.server";
import { findOrganisation } from "~/modules/tenancy/organisations.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "Organisation"} dashboard — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:view");
  const search = new URL(request.url).searchParams;
  const day = today();
  const { filters, problems } = parseFilters(search, day);
  const partnershipId = ctx.partnership.id;
  const found = await readPartnership(request, partnershipId, ctx.user.id, async (tx) => {
    const organisation = await findOrganisation(tx, { partnershipId, organisationId: ctx.organisation!.id });
    if (!organisation) return null;
    return {
      organisation,
      dashboard: await organisationDashboard(tx, { partnership: ctx.partnership, organisation, filters, problems, today: day, realFigures: ctx.can("dashboard:view") }),
    };
  });
  if (!found) notFound();
  const { organisation, dashboard } = found;
  return json({
    slug: ctx.partnership.slug,
    organisation: { id: organisation.id, name: organisation.name, borough: organisation.borough_name },
    page: dashboardPage(dashboard, search),
  });
}

export default function OrganisationDashboard() {
  const { slug, organisation, page } = useLoaderData<typeof loader>();
  const home = `/p/${slug}/orgs/${organisation.id}`;
  return (
    <Main backLink={{ to: home, label: organisation.name }}>
      <span className="govuk-caption-l">Organisation dashboard · {organisation.borough ?? "County-wide"}</span>
      <h1 className="govuk-heading-l">{organisation.name}</h1>
      <DashboardFilters data={page} sector={false} clear={`${home}/dashboard`} />
      <Problems problems={page.problems} />
      <Headlines headlines={page.headlines} />
      <Sections sections={page.sections} download={`${home}/dashboard.csv`} />
    </Main>
  );
}
