import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { OutboxMessageView } from "~/modules/notify/OutboxMessage";
import { findOutboxMessage } from "~/modules/notify/outbox.server";
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
      <OutboxMessageView message={message} />
    </Main>
  );
}
