import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { listChampions } from "~/modules/champions/champions.server";
import { TRAINING_LABELS } from "~/modules/champions/training";
import { formatDate } from "~/modules/platform/dates";
import { isCurrent } from "~/modules/pledge/status";
import { organisationPledges } from "~/modules/pledge/status.server";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "RJ champions — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:view");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const { champions, pledges } = await withPartnership(scope.partnershipId, ctx.user.id, async (tx) => ({
    champions: await listChampions(tx, scope),
    pledges: await organisationPledges(tx, { partnershipId: scope.partnershipId, on: today(), organisationIds: [scope.organisationId] }),
  }));
  const status = pledges.get(scope.organisationId)?.status ?? "prospect";
  return json({
    organisation: ctx.organisation!.name,
    path: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`,
    current: champions.filter((c) => !c.leftOn),
    former: champions.filter((c) => c.leftOn),
    signed: isCurrent(status),
    canManage: ctx.can("champions:manage"),
  });
}

export default function Champions() {
  const { organisation, path, current, former, signed, canManage } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: path, label: `Back to ${organisation}` }}>
      <span className="govuk-caption-l">{organisation}</span>
      <h1 className="govuk-heading-l">RJ champions</h1>
      {signed && current.length === 0 ? (
        <div className="govuk-inset-text gt-vacancy">
          <strong>Vacancy:</strong> the organisation has signed the pledge, which asks it to name at least one RJ champion, and has none at the moment.
        </div>
      ) : null}
      {canManage ? (
        <Link to={`${path}/champions/new`} className="govuk-button" role="button" data-module="govuk-button">
          Name a champion
        </Link>
      ) : null}
      {current.length ? (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Current champions</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Job title
                </th>
                <th scope="col" className="govuk-table__header">
                  Training
                </th>
                <th scope="col" className="govuk-table__header">
                  Since
                </th>
                <th scope="col" className="govuk-table__header">
                  Signs in
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {current.map((c) => (
                <tr className="govuk-table__row" key={c.id}>
                  <td className="govuk-table__cell">
                    {canManage ? (
                      <Link className="govuk-link" to={`${path}/champions/${c.id}`}>
                        {c.name}
                      </Link>
                    ) : (
                      c.name
                    )}
                    {c.isContact ? <strong className="govuk-tag govuk-tag--turquoise gt-tag-inline">Communications contact</strong> : null}
                  </td>
                  <td className="govuk-table__cell">{c.jobTitle}</td>
                  <td className="govuk-table__cell">
                    {TRAINING_LABELS[c.training]}
                    {c.accreditationExpiresOn ? <span className="govuk-body-s gt-block">expires {formatDate(c.accreditationExpiresOn)}</span> : null}
                  </td>
                  <td className="govuk-table__cell">{formatDate(c.since)}</td>
                  <td className="govuk-table__cell">{c.userId ? "Yes" : "Not yet"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="govuk-body">No current champions.</p>
      )}
      {former.length ? (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--s">Former champions</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Job title
                </th>
                <th scope="col" className="govuk-table__header">
                  Champion from
                </th>
                <th scope="col" className="govuk-table__header">
                  Left on
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {former.map((c) => (
                <tr className="govuk-table__row" key={c.id}>
                  <td className="govuk-table__cell">{c.name}</td>
                  <td className="govuk-table__cell">{c.jobTitle}</td>
                  <td className="govuk-table__cell">{formatDate(c.since)}</td>
                  <td className="govuk-table__cell">{formatDate(c.leftOn!)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Main>
  );
}
