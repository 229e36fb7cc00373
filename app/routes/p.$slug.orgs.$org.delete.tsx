import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { deleteOrganisation, historyInWords, organisationHistory } from "~/modules/tenancy/organisation-deletion.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ButtonGroup } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Delete ${data?.organisation ?? "organisation"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const history = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => organisationHistory(tx, scope));
  return json({ organisation: ctx.organisation!.name, back: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`, history: historyInWords(history) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const result = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => deleteOrganisation(tx, scope));
  if (result.ok) return redirectWithNotice(`/p/${ctx.partnership.slug}/orgs`, `Deleted ${result.name}`);
  if (result.reason === "not-found") notFound();
  return json({ history: historyInWords(result.history) }, { status: 409 });
}

export default function DeleteOrganisation() {
  const { organisation, back, history: current } = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const history = refused?.history ?? current;
  return (
    <Main backLink={{ to: back, label: `Back to ${organisation}` }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{organisation}</span>
          {history ? (
            <>
              <h1 className="govuk-heading-l">This organisation cannot be deleted</h1>
              <p className="govuk-body" id="delete-refused">
                {organisation} has {history}. Its history is kept, so it can only be marked as having left the programme.
              </p>
              <p className="govuk-body">
                <Link className="govuk-link" to={`${back}/edit`}>
                  Record that it has left
                </Link>
              </p>
            </>
          ) : (
            <>
              <h1 className="govuk-heading-l">Are you sure you want to delete {organisation}?</h1>
              <div className="govuk-warning-text">
                <span className="govuk-warning-text__icon" aria-hidden="true">
                  !
                </span>
                <strong className="govuk-warning-text__text">
                  <span className="govuk-visually-hidden">Warning</span>
                  It has no returns, pledge signatures or champions, so it is removed from the list altogether. This cannot be undone; the audit trail keeps a record of it.
                </strong>
              </div>
              <Form method="post">
                <ButtonGroup>
                  <Button warning>Delete organisation</Button>
                  <Link className="govuk-link" to={`${back}/edit`}>
                    Cancel
                  </Link>
                </ButtonGroup>
              </Form>
            </>
          )}
        </div>
      </div>
    </Main>
  );
}
