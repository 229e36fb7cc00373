import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePlatformAdmin } from "~/modules/auth/guard.server";
import { listPartnerships } from "~/modules/tenancy/partnerships.server";
import { asPlatformAdmin } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Platform administration — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatformAdmin(request);
  const partnerships = await asPlatformAdmin(user.id, (tx) => listPartnerships(tx));
  return json({ partnerships });
}

export default function Admin() {
  const { partnerships } = useLoaderData<typeof loader>();
  return (
    <Main>
      <span className="govuk-caption-l">Platform administration</span>
      <h1 className="govuk-heading-l">Partnerships</h1>
      <Link to="/admin/partnerships/new" className="govuk-button" data-module="govuk-button">
        Create a partnership
      </Link>
      <ul className="govuk-list">
        <li>
          <Link className="govuk-link" to="/admin/accounts">
            Accounts
          </Link>{" "}
          — find a person&apos;s account, disable or enable it
        </li>
        <li>
          <Link className="govuk-link" to="/admin/outbox">
            Platform outbox
          </Link>{" "}
          — password reset emails
        </li>
      </ul>
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Partnerships on this platform</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Partnership
              </th>
              <th scope="col" className="govuk-table__header">
                Area
              </th>
              <th scope="col" className="govuk-table__header">
                Address
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {partnerships.map((p) => (
              <tr className="govuk-table__row" key={p.id}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/p/${p.slug}`}>
                    {p.name}
                  </Link>
                  {p.is_demo ? <strong className="govuk-tag govuk-tag--yellow govuk-!-margin-left-2">Demo</strong> : null}
                </td>
                <td className="govuk-table__cell">{p.county}</td>
                <td className="govuk-table__cell">/p/{p.slug}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Main>
  );
}
