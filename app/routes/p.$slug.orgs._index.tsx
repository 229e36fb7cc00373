import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { PLEDGE_STATUS_LABELS } from "~/modules/pledge/status";
import { organisationPledges } from "~/modules/pledge/status.server";
import { today } from "~/modules/platform/clock.server";
import { listOrganisations } from "~/modules/tenancy/organisations.server";
import { sectorLabel } from "~/modules/tenancy/sectors";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Organisations — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "adoption:view");
  const organisations = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
    const list = await listOrganisations(tx, { partnershipId: ctx.partnership.id, boroughId: ctx.boroughScope });
    const pledges = await organisationPledges(tx, { partnershipId: ctx.partnership.id, on: today() });
    return list.map((o) => ({ ...o, status: pledges.get(o.id)?.status ?? "prospect" }));
  });
  return json({ slug: ctx.partnership.slug, organisations, canImport: ctx.can("imports:run"), canAdd: ctx.can("partnership:manage"), canInvite: ctx.can("people:manage") });
}

export default function Organisations() {
  const { slug, organisations, canImport, canAdd, canInvite } = useLoaderData<typeof loader>();
  return (
    <Main>
      <h1 className="govuk-heading-l">Organisations</h1>
      {canAdd ? (
        <Link to={`/p/${slug}/orgs/new`} className="govuk-button" data-module="govuk-button">
          Add an organisation
        </Link>
      ) : null}
      <p className="govuk-body gt-no-print">
        <a className="govuk-link" href={`/p/${slug}/orgs.csv`} download>
          Download as CSV
        </a>
        {canImport ? (
          <>
            {" · "}
            <Link className="govuk-link" to={`/p/${slug}/orgs/import`}>
              Upload organisations and prospects (CSV)
            </Link>
          </>
        ) : null}
        {canInvite ? (
          <>
            {" · "}
            <Link className="govuk-link" to={`/p/${slug}/orgs/invite`}>
              Invite every organisation without an administrator
            </Link>
          </>
        ) : null}
      </p>
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{organisations.length} organisations</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Organisation
              </th>
              <th scope="col" className="govuk-table__header">
                Sector
              </th>
              <th scope="col" className="govuk-table__header">
                Borough
              </th>
              <th scope="col" className="govuk-table__header">
                Statutory partner
              </th>
              <th scope="col" className="govuk-table__header">
                Pledge
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {organisations.map((o) => (
              <tr className="govuk-table__row" key={o.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/p/${slug}/orgs/${o.id}`}>
                    {o.name}
                  </Link>
                </td>
                <td className="govuk-table__cell">{sectorLabel(o.sector)}</td>
                <td className="govuk-table__cell">{o.borough_name ?? "County-wide"}</td>
                <td className="govuk-table__cell">{o.is_statutory ? "Yes" : "No"}</td>
                <td className="govuk-table__cell">{PLEDGE_STATUS_LABELS[o.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Main>
  );
}
