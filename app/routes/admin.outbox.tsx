import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requirePlatformAdmin } from "~/modules/auth/guard.server";
import { mailConfigured } from "~/modules/notify/delivery.server";
import { EmailBody, OutboxStatusTag } from "~/modules/notify/OutboxMessage";
import { listPlatformOutbox } from "~/modules/notify/outbox.server";
import { formatDateTime } from "~/modules/platform/dates";
import { asPlatformAdmin } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Platform outbox — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePlatformAdmin(request);
  const messages = await asPlatformAdmin(user.id, (tx) => listPlatformOutbox(tx));
  return json({ messages, mailConfigured: mailConfigured() });
}

export default function PlatformOutbox() {
  const { messages, mailConfigured } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: "/admin", label: "Back to platform administration" }}>
      <span className="govuk-caption-l">Platform administration</span>
      <h1 className="govuk-heading-l">Platform outbox</h1>
      <p className="govuk-body">
        Emails that belong to no one partnership, such as password resets.
        {mailConfigured ? null : " No mail server is set up, so they are kept here: check who is asking before you pass a link on."}
      </p>
      {messages.length === 0 ? <p className="govuk-body">No emails yet.</p> : null}
      {messages.map((m) => (
        <details className="govuk-details" key={m.id}>
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">
              {m.subject} — to {m.to_address}, {formatDateTime(m.created_at)}
            </span>
          </summary>
          <div className="govuk-details__text">
            <p className="govuk-body">
              <OutboxStatusTag status={m.status} />
            </p>
            <EmailBody text={m.body_text} />
          </div>
        </details>
      ))}
    </Main>
  );
}
