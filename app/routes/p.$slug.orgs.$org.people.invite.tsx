import { linkOrigin } from "~/modules/platform/origin.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { InviteForm } from "~/modules/people/InviteForm";
import { InviteSchema } from "~/modules/people/invite-form.server";
import { invitationNotice, invitePerson } from "~/modules/people/invite.server";
import { invitableRoles } from "~/modules/people/roles";
import { parseFormData, readForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Invite someone — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:invite");
  return json({
    base: `/p/${ctx.partnership.slug}/orgs/${ctx.organisation!.id}`,
    organisationName: ctx.organisation!.name,
    roles: invitableRoles(ctx.roles, "organisation"),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:invite");
  const organisationId = ctx.organisation!.id;
  const body = await readForm(request);
  // The organisation is the one in the URL, whatever the form says.
  body.set("organisationId", organisationId);
  const form = parseFormData(body, InviteSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const invited = await invitePerson({
    partnershipId: ctx.partnership.id,
    inviter: { id: ctx.user.id, roles: ctx.roles },
    place: { organisationId },
    form: form.data,
    origin: linkOrigin(),
  });
  if (!invited.ok) return json(refuse(form.values, { [invited.field]: invited.message }), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/orgs/${organisationId}/people`, invitationNotice(form.data.email, "Invitation emails"));
}

export default function InviteToOrganisation() {
  const { base, organisationName, roles } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `${base}/people`, label: "Back to people" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{organisationName}</span>
          <h1 className="govuk-heading-l">Invite someone to {organisationName}</h1>
          <p className="govuk-body">They get an email with a link to set up their account. The link works once and expires after 7 days.</p>
          <InviteForm roles={roles} reply={reply} />
        </div>
      </div>
    </Main>
  );
}
