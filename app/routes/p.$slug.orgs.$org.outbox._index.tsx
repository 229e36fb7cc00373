import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { mailConfigured } from "~/modules/notify/delivery.server";
import { OutboxList } from "~/modules/notify/OutboxMessage";
import { listOrganisationOutbox } from "~/modules/notify/outbox.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Invitation emails — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:outbox");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const messages = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => listOrganisationOutbox(tx, scope));
  return json({ base: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`, organisationName: ctx.organisation!.name, messages, mailConfigured: mailConfigured() });
}

export default function OrganisationOutbox() {
  const { base, organisationName, messages, mailConfigured } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: `${base}/people`, label: "Back to people" }}>
      <span className="govuk-caption-l">{organisationName}</span>
      <h1 className="govuk-heading-l">Invitation emails</h1>
      <p className="govuk-body">
        {mailConfigured
          ? `Every invitation email Golden Thread has sent for ${organisationName}.`
          : `No mail server is set up, so invitations to ${organisationName} are kept here instead of being sent. Open one to copy its link and pass it on to the person invited.`}
      </p>
      <OutboxList messages={messages} base={`${base}/outbox`} />
    </Main>
  );
}
