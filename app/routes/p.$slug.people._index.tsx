import { linkOrigin } from "~/modules/platform/origin.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
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

export const meta: MetaFunction = () => [{ title: "People — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "people:manage");
  const partnershipId = ctx.partnership.id;
  const { members, invitations } = await withPartnership(partnershipId, ctx.user.id, async (tx) => ({
    members: await listMembers(tx, { partnershipId }),
    invitations: await listPendingInvitations(tx, { partnershipId }),
  }));
  return json({ slug: ctx.partnership.slug, partnershipName: ctx.partnership.name, members, invitations });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "people:manage");
  const form = await parseForm(request, InvitationChangeSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const done = await changeInvitation({ partnershipId: ctx.partnership.id, userId: ctx.user.id, ...form.data, origin: linkOrigin() });
  if (!done) notFound();
  return redirectWithNotice(`/p/${ctx.partnership.slug}/people`, form.data.intent === "resend" ? resentNotice() : "Invitation cancelled");
}

export default function People() {
  const { slug, partnershipName, members, invitations } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{partnershipName}</span>
      <h1 className="govuk-heading-l">People</h1>
      <Link to={`/p/${slug}/people/invite`} className="govuk-button" data-module="govuk-button">
        Invite someone
      </Link>
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">{members.length === 1 ? "1 person" : `${members.length} people`} with a role here</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Name
              </th>
              <th scope="col" className="govuk-table__header">
                Email address
              </th>
              <th scope="col" className="govuk-table__header">
                Roles
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {members.map((m) => (
              <tr className="govuk-table__row" key={m.userId}>
                <td className="govuk-table__cell">
                  <Link className="govuk-link" to={`/p/${slug}/people/${m.userId}`}>
                    {m.name}
                  </Link>
                  {m.disabled ? <strong className="govuk-tag govuk-tag--grey govuk-!-margin-left-2">Account disabled</strong> : null}
                </td>
                <td className="govuk-table__cell gt-break">{m.email}</td>
                <td className="govuk-table__cell">
                  <ul className="govuk-list govuk-!-margin-bottom-0">
                    {m.roles.map((r) => (
                      <li key={`${r.role}-${r.organisationId ?? ""}`}>{describeRole(r.role, r)}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="govuk-heading-m">Invitations waiting to be accepted</h2>
      <PendingInvitations invitations={invitations} />
    </Main>
  );
}
