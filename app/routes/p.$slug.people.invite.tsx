import { linkOrigin } from "~/modules/platform/origin.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { InviteForm } from "~/modules/people/InviteForm";
import { InviteSchema } from "~/modules/people/invite-form.server";
import { invitationNotice, invitePerson } from "~/modules/people/invite.server";
import { invitableRoles } from "~/modules/people/roles";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { listOrganisations } from "~/modules/tenancy/organisations.server";
import { listBoroughs } from "~/modules/tenancy/partnerships.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Invite someone — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "people:manage");
  const partnershipId = ctx.partnership.id;
  const { boroughs, organisations } = await withPartnership(partnershipId, ctx.user.id, async (tx) => ({
    boroughs: await listBoroughs(tx, { partnershipId }),
    organisations: (await listOrganisations(tx, { partnershipId })).filter((o) => !o.withdrawn_at).map((o) => ({ id: o.id, name: o.name })),
  }));
  return json({ slug: ctx.partnership.slug, partnershipName: ctx.partnership.name, roles: invitableRoles(ctx.roles, "partnership"), boroughs, organisations });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "people:manage");
  const form = await parseForm(request, InviteSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const invited = await invitePerson({
    partnershipId: ctx.partnership.id,
    inviter: { id: ctx.user.id, roles: ctx.roles },
    place: "partnership",
    form: form.data,
    origin: linkOrigin(),
  });
  if (!invited.ok) return json(refuse(form.values, { [invited.field]: invited.message }), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/people`, invitationNotice(form.data.email));
}

export default function InvitePerson() {
  const { slug, partnershipName, roles, boroughs, organisations } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/people`, label: "Back to people" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-l">{partnershipName}</span>
          <h1 className="govuk-heading-l">Invite someone</h1>
          <p className="govuk-body">
            They get an email with a link to set up their account. The link works once and expires after 7 days. Champions are invited from their organisation&apos;s page.
          </p>
          <InviteForm roles={roles} reply={reply} boroughs={boroughs} organisations={organisations} />
        </div>
      </div>
    </Main>
  );
}
