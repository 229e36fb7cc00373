import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { parseForm } from "~/modules/platform/form.server";
import { SignatorySchema } from "~/modules/pledge/forms.server";
import { answerSigningQuestion } from "~/modules/pledge/signing.server";
import { nextPage, requireSigningDraft, staleReply } from "~/modules/pledge/signing-page.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, ErrorSummary, TextField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Senior signatory — Sign the pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, draft, base } = await requireSigningDraft(request, params);
  return json({ organisation: ctx.organisation!.name, draft, base });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, scope, base, draft } = await requireSigningDraft(request, params);
  const form = await parseForm(request, SignatorySchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const saved = await withPartnership(scope.partnershipId, ctx.user.id, (tx) =>
    answerSigningQuestion(tx, { ...scope, revision: form.data.revision, answers: { signatoryName: form.data.signatoryName, signatoryTitle: form.data.signatoryTitle } }),
  );
  if (!saved.ok) return saved.reason === "stale" ? staleReply(form.values, draft.revision) : redirect(base);
  return redirect(nextPage(request, base, "commitments"));
}

export default function Signatory() {
  const { organisation, draft, base } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: base }}>
      <ErrorSummary reply={reply} order={["signatoryName", "signatoryTitle"]} />
      <Form method="post" noValidate>
        <input type="hidden" name="revision" value={reply?.values?.revision?.toString() ?? draft.revision} readOnly />
        <span className="govuk-caption-l">{organisation}</span>
        <h1 className="govuk-heading-l">Who is signing for the organisation?</h1>
        <p className="govuk-body">
          Ask a senior leader to sign — a chief executive, director or head of service. The strategy is clear that restorative justice needs buy-in at senior level.
        </p>
        <TextField name="signatoryName" label="Full name" reply={reply} defaultValue={draft.signatoryName} autoComplete="off" width={30} />
        <TextField name="signatoryTitle" label="Job title" reply={reply} defaultValue={draft.signatoryTitle} autoComplete="off" width={30} />
        <Button>Save and continue</Button>
      </Form>
    </Main>
  );
}
