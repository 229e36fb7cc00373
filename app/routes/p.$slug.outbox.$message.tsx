import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { EmailBody, OutboxStatusTag } from "~/modules/notify/OutboxMessage";
import { findOutboxMessage } from "~/modules/notify/outbox.server";
import { formatDateTime } from "~/modules/platform/dates";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject ?? "Email"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "outbox:view");
  const messageId = z.string().uuid().safeParse(params.message);
  if (!messageId.success) notFound();
  const message = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findOutboxMessage(tx, { partnershipId: ctx.partnership.id, messageId: messageId.data }));
  if (!message) notFound();
  return json({ slug: ctx.partnership.slug, message });
}

export default function OutboxMessage() {
  const { slug, message } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: `/p/${slug}/outbox`, label: "Back to the outbox" }}>
      <span className="govuk-caption-l">Email</span>
      <h1 className="govuk-heading-l">{message.subject}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">To</dt>
          <dd className="govuk-summary-list__value gt-break">{message.to_address}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Written</dt>
          <dd className="govuk-summary-list__value">{formatDateTime(message.created_at)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            <OutboxStatusTag status={message.status} />
            {message.sent_at ? ` on ${formatDateTime(message.sent_at)}` : null}
            {message.last_error ? <p className="govuk-body-s govuk-!-margin-top-2">Last attempt: {message.last_error}</p> : null}
          </dd>
        </div>
      </dl>
      <h2 className="govuk-heading-m">Message</h2>
      <EmailBody text={message.body_text} />
    </Main>
  );
}
