import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { requireBorough } from "~/modules/dashboards/access.server";
import { boroughDashboard } from "~/modules/dashboards/borough.server";
import { DashboardFilters, Headlines, Problems, Sections } from "~/modules/dashboards/DashboardView";
import { filterInputs, linkQuery, parseFilters } from "~/modules/dashboards/filters";
import { cachedForPartnership } from "~/modules/dashboards/cache.server";
import { dashboardPage } from "~/modules/dashboards/page-data.server";
import { readPartnership } from "~/modules/platform/read-routing.server";
import { today } from "~/modules/platform/clock.server";
import { Main } from "~/ui/Layout";
import { useDocumentData } from "~/ui/request-info";
import { documentOnly } from "~/modules/platform/document-data.server";
import { PAGE_CACHED } from "~/ui/page-handle";

/** Rendered once per dashboard data and reader, without client scripts: see platform/page-cache.server.ts. */
export const handle = PAGE_CACHED;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.borough.name ?? "Borough"} dashboard — Golden Thread` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "dashboard:view");
  const search = new URL(request.url).searchParams;
  const day = today();
  const { filters, problems } = parseFilters(search, day);
  // Whether this person may see the borough is checked on every request (requireBorough), never cached.
  const borough = await readPartnership(request, ctx.partnership.id, ctx.user.id, (tx) => requireBorough(tx, ctx, params.borough));
  const { key, value: dashboard } = await cachedForPartnership(ctx.partnership.id, ["borough", borough.id, day, ...filterInputs(filters, problems)], () =>
    readPartnership(request, ctx.partnership.id, ctx.user.id, (tx) => boroughDashboard(tx, { partnership: ctx.partnership, filters, problems, today: day, borough })),
  );
  return json({
    slug: ctx.partnership.slug,
    partnershipName: ctx.partnership.name,
    borough,
    wholeCounty: !ctx.boroughScope,
    dataKey: key,
    page: documentOnly(context, () => dashboardPage(dashboard, search)),
  });
}

export default function BoroughDashboard() {
  const { slug, partnershipName, borough, wholeCounty, page: fromLoader } = useLoaderData<typeof loader>();
  const page = useDocumentData(fromLoader);
  const county = `/p/${slug}?${linkQuery(page.filters)}`;
  return (
    <Main backLink={wholeCounty ? { to: county, label: "County dashboard" } : undefined}>
      <span className="govuk-caption-l">Borough dashboard · {partnershipName}</span>
      <h1 className="govuk-heading-l">{borough.name}</h1>
      <DashboardFilters data={page} clear={`/p/${slug}/dashboard/${borough.id}`} />
      <Problems problems={page.problems} />
      <Headlines headlines={page.headlines} />
      <Sections sections={page.sections} download={`/p/${slug}/dashboard.csv?borough=${borough.id}`} />
      {wholeCounty ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={county}>
            Back to the county dashboard
          </Link>
        </p>
      ) : null}
    </Main>
  );
}
