import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { createOrganisation, OrganisationSchema } from "~/modules/tenancy/organisation-setup.server";
import { ORGANISATION_FIELD_ORDER, OrganisationFields } from "~/modules/tenancy/OrganisationFields";
import { listBoroughs } from "~/modules/tenancy/partnerships.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Add an organisation — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const boroughs = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listBoroughs(tx, { partnershipId: ctx.partnership.id }));
  return json({ slug: ctx.partnership.slug, partnershipName: ctx.partnership.name, boroughs });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const form = await parseForm(request, OrganisationSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const added = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => createOrganisation(tx, { partnershipId: ctx.partnership.id, form: form.data }));
  if (!added.ok) return json(refuse(form.values, added.notFound ? {} : { [added.field]: added.message }), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/orgs/${added.id}`, `${form.data.name} added as a prospect`);
}

export default function NewOrganisation() {
  const { slug, partnershipName, boroughs } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/orgs`, label: "Back to organisations" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={ORGANISATION_FIELD_ORDER} />
          <span className="govuk-caption-l">{partnershipName}</span>
          <h1 className="govuk-heading-l">Add an organisation</h1>
          <p className="govuk-body">It starts as a prospect: an organisation the partnership wants to sign the pledge. It counts as signed once it has.</p>
          <Form method="post" noValidate>
            <OrganisationFields reply={reply} boroughs={boroughs} />
            <Button>Add organisation</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
