import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { OutboxMessageView } from "~/modules/notify/OutboxMessage";
import { findOrganisationOutboxMessage } from "~/modules/notify/outbox.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.message.subject ?? "Email"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:outbox");
  const messageId = z.string().uuid().safeParse(params.message);
  if (!messageId.success) notFound();
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id, messageId: messageId.data };
  const message = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => findOrganisationOutboxMessage(tx, scope));
  if (!message) notFound();
  return json({ base: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}/outbox`, message });
}

export default function OrganisationOutboxMessage() {
  const { base, message } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: base, label: "Back to invitation emails" }}>
      <OutboxMessageView message={message} />
    </Main>
  );
}
