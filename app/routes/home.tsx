import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/auth/guard.server";
import { ROLE_LABELS } from "~/modules/auth/permissions";
import { placesOf } from "~/modules/tenancy/places.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Your places — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const places = await placesOf(user);
  if (user.isPlatformAdmin && places.length === 0) throw redirect("/admin");
  return json({ places, isPlatformAdmin: user.isPlatformAdmin });
}

export default function Home() {
  const { places, isPlatformAdmin } = useLoaderData<typeof loader>();
  return (
    <Main>
      <h1 className="govuk-heading-l">Your places</h1>
      {places.length === 0 ? (
        <p className="govuk-body">You are not a member of any partnership or organisation yet. Ask your coordinator to invite you.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {places.map((place) => (
            <li key={`${place.href}-${place.role}`}>
              <Link className="govuk-link govuk-!-font-weight-bold" to={place.href}>
                {place.organisationName ?? place.partnershipName}
              </Link>
              <br />
              <span className="govuk-body-s">
                {ROLE_LABELS[place.role]}
                {place.organisationName ? ` · ${place.partnershipName}` : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      {isPlatformAdmin ? (
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin">
            Platform administration
          </Link>
        </p>
      ) : null}
    </Main>
  );
}
