import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/auth/guard.server";
import { ROLE_LABELS } from "~/modules/auth/permissions";
import { placesOf } from "~/modules/tenancy/places.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Your account — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user: { name: user.name, email: user.email }, places: await placesOf(user) });
}

export default function Account() {
  const { user, places } = useLoaderData<typeof loader>();
  return (
    <Main>
      <h1 className="govuk-heading-l">Your account</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{user.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value">{user.email}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Roles</dt>
          <dd className="govuk-summary-list__value">
            <ul className="govuk-list">
              {places.map((p) => (
                <li key={`${p.href}-${p.role}`}>
                  {ROLE_LABELS[p.role]}, {p.organisationName ?? p.partnershipName}
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
    </Main>
  );
}
