import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { TRAINING_LABELS } from "~/modules/champions/training";
import { formatDate } from "~/modules/platform/dates";
import { PledgeStatusTag, SummaryRow } from "~/modules/pledge/components";
import { organisationOverview } from "~/modules/pledge/overview.server";
import { isCurrent } from "~/modules/pledge/status";
import { today } from "~/modules/platform/clock.server";
import { returnsTodos } from "~/modules/returns/organisation-home.server";
import { ReturnsTodo } from "~/modules/returns/ReturnsTodo";
import { findOrganisation } from "~/modules/tenancy/organisations.server";
import { sectorLabel } from "~/modules/tenancy/sectors";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.organisation.name ?? "Organisation"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:view");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const found = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
    const organisation = await findOrganisation(tx, scope);
    return organisation ? { organisation, overview: await organisationOverview(tx, { ...scope, on: today() }) } : null;
  });
  if (!found) notFound();
  const { organisation, overview } = found;
  return json({
    returns: { base: `/p/${ctx.partnership.slug}/orgs/${organisation.id}/returns`, todos: await returnsTodos(ctx) },
    partnership: { name: ctx.partnership.name },
    path: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`,
    organisation: {
      name: organisation.name,
      sector: organisation.sector,
      borough: organisation.borough_name,
      isStatutory: organisation.is_statutory,
      website: organisation.website,
    },
    overview,
    can: { sign: ctx.can("pledge:sign"), champions: ctx.can("champions:manage"), edit: ctx.can("org:edit"), people: ctx.can("org:invite") },
  });
}

export default function OrganisationHome() {
  const { partnership, path, organisation, overview, can, returns } = useLoaderData<typeof loader>();
  const { pledge, champions, todos } = overview;
  const current = isCurrent(pledge.status);
  const vacancy = current && champions.length === 0;
  return (
    <Main>
      <span className="govuk-caption-l">{partnership.name}</span>
      <h1 className="govuk-heading-l">{organisation.name}</h1>

      {todos.length ? (
        <section className="gt-card gt-todos" aria-labelledby="todos-heading">
          <h2 className="govuk-heading-m" id="todos-heading">
            To do
          </h2>
          <ul className="govuk-list govuk-list--bullet">
            {todos.map((t) => (
              <li key={`${t.kind}-${t.championId ?? ""}`}>
                {t.kind === "renewal" || t.kind === "lapsed" ? (
                  can.sign ? (
                    <Link className="govuk-link" to={`${path}/pledge/sign`}>
                      {t.title}
                    </Link>
                  ) : (
                    t.title
                  )
                ) : can.champions ? (
                  <Link className="govuk-link" to={t.championId ? `${path}/champions/${t.championId}` : t.kind === "contact" ? `${path}/champions` : `${path}/champions/new`}>
                    {t.title}
                  </Link>
                ) : (
                  t.title
                )}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {returns.todos ? (
        <ReturnsTodo todos={returns.todos} base={returns.base} />
      ) : (
        <p className="govuk-body">
          <Link className="govuk-link" to={returns.base}>
            Quarterly returns
          </Link>
        </p>
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={`${path}/dashboard`}>
          Dashboard: its figures over time, how they compare with its borough, its returns and plan actions
        </Link>
      </p>

      <h2 className="govuk-heading-m">Restorative pledge</h2>
      <dl className="govuk-summary-list">
        <SummaryRow label="Status">
          <PledgeStatusTag status={pledge.status} />
        </SummaryRow>
        {pledge.signature ? (
          <SummaryRow label={current ? "Signed" : "Last signed"}>
            {formatDate(pledge.signature.signedOn)}, valid until {formatDate(pledge.signature.validUntil)}
          </SummaryRow>
        ) : null}
        {overview.signatory ? (
          <SummaryRow label="Signatory">
            {overview.signatory.name}, {overview.signatory.title}
          </SummaryRow>
        ) : null}
      </dl>
      <ul className="govuk-list">
        {can.sign ? (
          <li>
            <Link className="govuk-link" to={`${path}/pledge/sign`}>
              {overview.signingInProgress ? "Continue signing the pledge" : current ? "Renew the pledge" : "Sign the pledge"}
            </Link>
          </li>
        ) : null}
        {current ? (
          <li>
            <Link className="govuk-link" to={`${path}/pledge/certificate`}>
              Print the certificate
            </Link>
          </li>
        ) : null}
        <li>
          <Link className="govuk-link" to={`${path}/pledge`}>
            Pledge history
          </Link>
        </li>
        {can.sign && pledge.status !== "prospect" && pledge.status !== "withdrawn" ? (
          <li>
            <Link className="govuk-link" to={`${path}/pledge/withdraw`}>
              Withdraw from the pledge
            </Link>
          </li>
        ) : null}
      </ul>

      <h2 className="govuk-heading-m">RJ champions</h2>
      {vacancy ? (
        <div className="govuk-inset-text gt-vacancy">
          <strong>Vacancy:</strong> the organisation has signed the pledge but has no RJ champion at the moment.
        </div>
      ) : null}
      {champions.length ? (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Current RJ champions</caption>
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
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {champions.map((c) => (
                <tr className="govuk-table__row" key={c.id}>
                  <td className="govuk-table__cell">
                    {c.name}
                    {c.isContact ? <strong className="govuk-tag govuk-tag--turquoise gt-tag-inline">Communications contact</strong> : null}
                  </td>
                  <td className="govuk-table__cell">{c.jobTitle}</td>
                  <td className="govuk-table__cell">{TRAINING_LABELS[c.training]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : !vacancy ? (
        <p className="govuk-body">No RJ champions named yet.</p>
      ) : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`${path}/champions`}>
          {can.champions ? "Name and manage champions" : "All champions"}
        </Link>
      </p>

      <h2 className="govuk-heading-m">Organisation</h2>
      <dl className="govuk-summary-list">
        <SummaryRow label="Sector">{sectorLabel(organisation.sector)}</SummaryRow>
        <SummaryRow label="Borough">{organisation.borough ?? "County-wide"}</SummaryRow>
        <SummaryRow label="Statutory partner">{organisation.isStatutory ? "Yes" : "No"}</SummaryRow>
        {organisation.website ? (
          <SummaryRow label="Website">
            <a className="govuk-link" href={organisation.website} rel="noreferrer">
              {organisation.website}
            </a>
          </SummaryRow>
        ) : null}
      </dl>
      {can.edit || can.people ? (
        <ul className="govuk-list">
          {can.edit ? (
            <li>
              <Link className="govuk-link" to={`${path}/edit`}>
                Change organisation details
              </Link>
            </li>
          ) : null}
          {can.people ? (
            <li>
              <Link className="govuk-link" to={`${path}/people`}>
                People and invitations
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
    </Main>
  );
}
