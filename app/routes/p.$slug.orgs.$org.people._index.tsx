import { linkOrigin } from "~/modules/platform/origin.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { mailConfigured } from "~/modules/notify/delivery.server";
import { changeInvitation, InvitationChangeSchema, resentNotice } from "~/modules/people/invite.server";
import { listPendingInvitations } from "~/modules/people/invitations.server";
import { listMembers } from "~/modules/people/members.server";
import { PendingInvitations } from "~/modules/people/PendingInvitations";
import { describeRole } from "~/modules/people/roles";
import { parseForm } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { ErrorSummary } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "People at this organisation — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:invite");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const { members, invitations } = await withPartnership(scope.partnershipId, ctx.user.id, async (tx) => ({
    members: await listMembers(tx, scope),
    invitations: await listPendingInvitations(tx, scope),
  }));
  return json({ base: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`, organisationName: ctx.organisation!.name, members, invitations, mailServer: mailConfigured() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:invite");
  const form = await parseForm(request, InvitationChangeSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const organisationId = ctx.organisation!.id;
  const done = await changeInvitation({ partnershipId: ctx.partnership.id, userId: ctx.user.id, organisationId, ...form.data, origin: linkOrigin() });
  if (!done) notFound();
  return redirectWithNotice(`/p/${ctx.partnership.slug}/orgs/${organisationId}/people`, form.data.intent === "resend" ? resentNotice("Invitation emails") : "Invitation cancelled");
}

export default function OrganisationPeople() {
  const { base, organisationName, members, invitations, mailServer } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: base, label: `Back to ${organisationName}` }}>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{organisationName}</span>
      <h1 className="govuk-heading-l">People</h1>
      <Link to={`${base}/people/invite`} className="govuk-button" data-module="govuk-button">
        Invite a champion or administrator
      </Link>
      {members.length === 0 ? (
        <p className="govuk-body">Nobody has a role at {organisationName} yet.</p>
      ) : (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">People with a role at {organisationName}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Name
                </th>
                <th scope="col" className="govuk-table__header">
                  Email address
                </th>
                <th scope="col" className="govuk-table__header">
                  Role
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {members.map((m) => (
                <tr className="govuk-table__row" key={m.userId}>
                  <td className="govuk-table__cell">{m.name}</td>
                  <td className="govuk-table__cell gt-break">{m.email}</td>
                  <td className="govuk-table__cell">{m.roles.map((r) => describeRole(r.role)).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 className="govuk-heading-m">Invitations waiting to be accepted</h2>
      <PendingInvitations invitations={invitations} />
      <p className="govuk-body">
        <Link className="govuk-link" to={`${base}/outbox`}>
          {mailServer ? "Invitation emails sent" : "Invitation emails to pass on"}
        </Link>
        {mailServer ? null : ": no mail server is set up, so invitations are kept there for you to send the link yourself."}
      </p>
    </Main>
  );
}
