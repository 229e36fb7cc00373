import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { listBoroughs } from "~/modules/tenancy/partnerships.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.partnership.name ?? "Partnership"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:view");
  const boroughs = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listBoroughs(tx, { partnershipId: ctx.partnership.id }));
  return json({ partnership: { name: ctx.partnership.name, county: ctx.partnership.county }, boroughs });
}

export default function PartnershipHome() {
  const { partnership, boroughs } = useLoaderData<typeof loader>();
  return (
    <Main>
      <span className="govuk-caption-l">{partnership.county}</span>
      <h1 className="govuk-heading-l">{partnership.name}</h1>
      <h2 className="govuk-heading-m">Boroughs</h2>
      <ul className="govuk-list govuk-list--bullet">
        {boroughs.map((b) => (
          <li key={b.id}>
            {b.name} <span className="govuk-body-s govuk-!-margin-left-1">({b.ons_code})</span>
          </li>
        ))}
      </ul>
    </Main>
  );
}
