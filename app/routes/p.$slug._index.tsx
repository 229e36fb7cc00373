import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { ownOrganisations } from "~/modules/dashboards/access.server";
import { countyDashboard } from "~/modules/dashboards/county.server";
import { DashboardFilters, Headlines, Problems, Sections } from "~/modules/dashboards/DashboardView";
import { filterInputs, parseFilters } from "~/modules/dashboards/filters";
import { cachedForPartnership } from "~/modules/dashboards/cache.server";
import { dashboardPage } from "~/modules/dashboards/page-data.server";
import { publishableYears } from "~/modules/dashboards/publication.server";
import { redirectKeepingNotice } from "~/modules/platform/notice.server";
import { readPartnership } from "~/modules/platform/read-routing.server";
import { financialYearLabel } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { isStarting, setupTasks } from "~/modules/tenancy/partnership-setup.server";
import { contactVacancies } from "~/modules/pledge/nudges.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { useDocumentData } from "~/ui/request-info";
import { documentOnly } from "~/modules/platform/document-data.server";
import { PAGE_CACHED } from "~/ui/page-handle";

/** Rendered once per dashboard data and reader, without client scripts: see platform/page-cache.server.ts. */
export const handle = PAGE_CACHED;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.partnership.name ?? "Partnership"} — Golden Thread` }];

/** The county dashboard for coordinators and board members; organisation members go to their organisation. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:view");
  const slug = ctx.partnership.slug;
  const search = new URL(request.url).searchParams;
  if (!ctx.can("dashboard:view")) {
    const organisations = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => ownOrganisations(tx, ctx));
    if (organisations.length === 1) throw await redirectKeepingNotice(request, `/p/${slug}/orgs/${organisations[0].id}`);
    return json({ kind: "member" as const, partnership: { name: ctx.partnership.name, county: ctx.partnership.county }, organisations, slug });
  }
  const day = today();
  const { filters, problems } = parseFilters(search, day);
  const borough = filters.borough ?? ctx.boroughScope;
  if (borough) {
    const rest = new URLSearchParams(search);
    rest.delete("borough");
    throw await redirectKeepingNotice(request, `/p/${slug}/dashboard/${borough}${rest.size ? `?${rest}` : ""}`);
  }
  const { key, value } = await cachedForPartnership(ctx.partnership.id, ["county", day, ...filterInputs(filters, problems)], () =>
    readPartnership(request, ctx.partnership.id, ctx.user.id, async (tx) => ({
      dashboard: await countyDashboard(tx, { partnership: ctx.partnership, filters, problems, today: day }),
      years: await publishableYears(tx, { partnershipId: ctx.partnership.id, today: day }),
      setup: (await isStarting(tx, { partnershipId: ctx.partnership.id })) ? await setupTasks(tx, { partnershipId: ctx.partnership.id }) : null,
    })),
  );
  const contactTodos = ctx.can("partnership:manage")
    ? await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => contactVacancies(tx, { partnershipId: ctx.partnership.id, on: day }))
    : [];
  return json({
    kind: "county" as const,
    contactTodos,
    slug,
    partnership: { name: ctx.partnership.name, county: ctx.partnership.county },
    dataKey: key,
    page: documentOnly(context, () => dashboardPage(value.dashboard, search)),
    years: value.years.map((y) => ({ year: y, label: financialYearLabel(y) })),
    canSetCriteria: ctx.can("partnership:manage"),
    // A new partnership's coordinator sees what is left to set up, until nothing is.
    setup: ctx.can("partnership:manage") && value.setup?.some((t) => !t.done) ? value.setup : null,
  });
}

export default function CountyDashboard() {
  const data = useLoaderData<typeof loader>();
  if (data.kind === "member") {
    return (
      <Main>
        <span className="govuk-caption-l">{data.partnership.county}</span>
        <h1 className="govuk-heading-l">{data.partnership.name}</h1>
        <p className="govuk-body">Your organisations in this partnership:</p>
        <ul className="govuk-list">
          {data.organisations.map((o) => (
            <li key={o.id}>
              <Link className="govuk-link" to={`/p/${data.slug}/orgs/${o.id}`}>
                {o.name}
              </Link>
            </li>
          ))}
        </ul>
      </Main>
    );
  }
  return <County data={data} />;
}

function County({ data }: { data: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { kind: "county" }> }) {
  const { slug, partnership, years, canSetCriteria, setup, contactTodos } = data;
  const page = useDocumentData(data.page);
  const download = `/p/${slug}/dashboard.csv`;
  return (
    <Main>
      <span className="govuk-caption-l">County dashboard · {partnership.county}</span>
      <h1 className="govuk-heading-l">{partnership.name}</h1>
      {setup ? <SetupTaskList slug={slug} tasks={setup} /> : null}
      {contactTodos.length ? (
        <section className="gt-card gt-todos" aria-labelledby="todos-heading">
          <h2 className="govuk-heading-m" id="todos-heading">
            To do
          </h2>
          <ul className="govuk-list govuk-list--bullet">
            {contactTodos.map((t) => (
              <li key={t.organisationId}>
                <Link className="govuk-link" to={`/p/${slug}/orgs/${t.organisationId}/champions`}>
                  {`${t.organisation}: ${t.title}`}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <DashboardFilters data={page} borough={null} clear={`/p/${slug}`} />
      <Problems problems={page.problems} />
      <Headlines headlines={page.headlines} />
      <Sections
        sections={page.sections}
        download={download}
        after={{
          restorative: (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/p/${slug}/restorative-borough`}>
                {canSetCriteria ? "Set the restorative-borough criteria" : "The restorative-borough criteria"}
              </Link>
            </p>
          ),
          activity: years.length ? (
            <p className="govuk-body">
              Figures for publication, with small numbers suppressed:{" "}
              {years.map((y, i) => (
                <span key={y.year}>
                  {i ? ", " : null}
                  <a className="govuk-link" href={`${download}?table=publication&year=${y.year}`} download>
                    {y.label}
                    <span className="govuk-visually-hidden"> figures for publication</span> (CSV)
                  </a>
                </span>
              ))}
            </p>
          ) : null,
        }}
      />
    </Main>
  );
}

function SetupTaskList({ slug, tasks }: { slug: string; tasks: Array<{ key: string; label: string; path: string; done: boolean }> }) {
  const left = tasks.filter((t) => !t.done).length;
  return (
    <section className="govuk-!-margin-bottom-8" aria-labelledby="setup-heading">
      <h2 className="govuk-heading-m" id="setup-heading">
        Set up the partnership
      </h2>
      <p className="govuk-body">
        {left === 1 ? "1 task" : `${left} tasks`} of {tasks.length} left. Organisations can sign and report once the pledge is published and they are invited.
      </p>
      <ul className="govuk-task-list">
        {tasks.map((t) => (
          <li className="govuk-task-list__item govuk-task-list__item--with-link" key={t.key}>
            <div className="govuk-task-list__name-and-hint">
              <Link className="govuk-link govuk-task-list__link" to={`/p/${slug}/${t.path}`} aria-describedby={`setup-${t.key}-status`}>
                {t.label}
              </Link>
            </div>
            <div className="govuk-task-list__status" id={`setup-${t.key}-status`}>
              {t.done ? "Completed" : <strong className="govuk-tag govuk-tag--blue">Incomplete</strong>}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
