import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { returnsTodos } from "~/modules/returns/organisation-home.server";
import { ReturnsTodo } from "~/modules/returns/ReturnsTodo";
import { findOrganisation } from "~/modules/tenancy/organisations.server";
import { sectorLabel } from "~/modules/tenancy/sectors";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "Organisation"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:view");
  const organisation = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    findOrganisation(tx, { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id }),
  );
  if (!organisation) notFound();
  return json({
    returns: { base: `/p/${ctx.partnership.slug}/orgs/${organisation.id}/returns`, todos: await returnsTodos(ctx) },
    partnership: { name: ctx.partnership.name },
    organisation: {
      name: organisation.name,
      sector: organisation.sector,
      borough: organisation.borough_name,
      isStatutory: organisation.is_statutory,
    },
  });
}

export default function OrganisationHome() {
  const { partnership, organisation, returns } = useLoaderData<typeof loader>();
  return (
    <Main>
      <span className="govuk-caption-l">{partnership.name}</span>
      <h1 className="govuk-heading-l">{organisation.name}</h1>
      {returns.todos ? (
        <ReturnsTodo todos={returns.todos} base={returns.base} />
      ) : (
        <p className="govuk-body">
          <Link className="govuk-link" to={returns.base}>
            Quarterly returns
          </Link>
        </p>
      )}
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Sector</dt>
          <dd className="govuk-summary-list__value">{sectorLabel(organisation.sector)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Borough</dt>
          <dd className="govuk-summary-list__value">{organisation.borough ?? "County-wide"}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Statutory partner</dt>
          <dd className="govuk-summary-list__value">{organisation.isStatutory ? "Yes" : "No"}</dd>
        </div>
      </dl>
    </Main>
  );
}
