import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { mailConfigured } from "~/modules/notify/delivery.server";
import { OutboxList } from "~/modules/notify/OutboxMessage";
import { listOutbox } from "~/modules/notify/outbox.server";
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
      <OutboxList messages={messages} base={`/p/${slug}/outbox`} />
    </Main>
  );
}
