import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { mailConfigured } from "~/modules/notify/delivery.server";
import { OutboxStatusTag } from "~/modules/notify/OutboxMessage";
import { listOutbox } from "~/modules/notify/outbox.server";
import { formatDateTime } from "~/modules/platform/dates";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Outbox — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "outbox:view");
  const messages = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listOutbox(tx, { partnershipId: ctx.partnership.id }));
  return json({ slug: ctx.partnership.slug, partnershipName: ctx.partnership.name, messages, mailConfigured: mailConfigured() });
}

export default function Outbox() {
  const { slug, partnershipName, messages, mailConfigured } = useLoaderData<typeof loader>();
  return (
    <Main>
      <span className="govuk-caption-l">{partnershipName}</span>
      <h1 className="govuk-heading-l">Outbox</h1>
      <p className="govuk-body">
        {mailConfigured
          ? "Every email Golden Thread has sent for the partnership: invitations and reminders."
          : "No mail server is set up, so emails are kept here instead of being sent. Open one to copy its link and pass it on."}
      </p>
      {messages.length === 0 ? (
        <p className="govuk-body">No emails yet.</p>
      ) : (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Emails, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">Subject</th>
                <th scope="col" className="govuk-table__header">To</th>
                <th scope="col" className="govuk-table__header">Written</th>
                <th scope="col" className="govuk-table__header">Status</th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {messages.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/p/${slug}/outbox/${m.id}`}>
                      {m.subject}
                    </Link>
                  </td>
                  <td className="govuk-table__cell gt-break">{m.to_address}</td>
                  <td className="govuk-table__cell">{formatDateTime(m.created_at)}</td>
                  <td className="govuk-table__cell">
                    <OutboxStatusTag status={m.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Main>
  );
}
