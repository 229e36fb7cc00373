import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { BoroughSchema, findBorough, updateBorough } from "~/modules/tenancy/boroughs.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Change a borough — Golden Thread" }];

async function boroughFrom(request: Request, params: Record<string, string | undefined>) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const boroughId = z.string().uuid().safeParse(params.borough);
  if (!boroughId.success) notFound();
  return { ctx, boroughId: boroughId.data };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, boroughId } = await boroughFrom(request, params);
  const borough = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findBorough(tx, { partnershipId: ctx.partnership.id, boroughId }));
  if (!borough) notFound();
  return json({ slug: ctx.partnership.slug, borough });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, boroughId } = await boroughFrom(request, params);
  const form = await parseForm(request, BoroughSchema);
  const partnershipId = ctx.partnership.id;
  if (!form.ok) {
    const exists = await withPartnership(partnershipId, ctx.user.id, (tx) => findBorough(tx, { partnershipId, boroughId }));
    if (!exists) notFound();
    return json(form.reply, { status: 400 });
  }
  const saved = await withPartnership(partnershipId, ctx.user.id, (tx) => updateBorough(tx, { partnershipId, boroughId, form: form.data }));
  if (!saved.ok && saved.notFound) notFound();
  if (!saved.ok) return json(refuse(form.values, { [saved.field]: saved.message }), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/boroughs`, `${form.data.name} saved`);
}

export default function ChangeBorough() {
  const { slug, borough } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/boroughs`, label: "Back to boroughs" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["name", "onsCode"]} />
          <span className="govuk-caption-l">Boroughs</span>
          <h1 className="govuk-heading-l">Change {borough.name}</h1>
          <Form method="post" noValidate>
            <TextField name="name" label="Name" defaultValue={borough.name} reply={reply} />
            <TextField
              name="onsCode"
              label="ONS code"
              hint="For example, E06000001"
              width={10}
              spellCheck={false}
              autoComplete="off"
              defaultValue={borough.ons_code}
              reply={reply}
            />
            <Button>Save borough</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
