import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formVersion, parseForm, refuse } from "~/modules/platform/form.server";
import { answerSigningQuestion, commitmentsInRange } from "~/modules/pledge/signing.server";
import { nextPage, requireSigningDraft, staleReply } from "~/modules/pledge/signing-page.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, CheckboxesField, ErrorSummary } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Commitments — Sign the pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, draft, version, base } = await requireSigningDraft(request, params);
  return json({ organisation: ctx.organisation!.name, draft, version, base });
}

const CHOOSE = "Select the commitments your organisation takes on";
const Schema = z.object({
  revision: formVersion,
  commitments: z
    .union([z.string(), z.array(z.string())], { required_error: CHOOSE })
    .transform((v) => (Array.isArray(v) ? v : [v]).map(Number))
    .refine((v) => v.length > 0 && v.every(Number.isInteger), CHOOSE),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, scope, base, draft, version } = await requireSigningDraft(request, params);
  const form = await parseForm(request, Schema);
  if (!form.ok) return json(form.reply, { status: 400 });
  if (!commitmentsInRange(form.data.commitments, version)) return json(refuse(form.values, { commitments: CHOOSE }), { status: 400 });
  const saved = await withPartnership(scope.partnershipId, ctx.user.id, (tx) =>
    answerSigningQuestion(tx, { ...scope, revision: form.data.revision, answers: { commitments: [...new Set(form.data.commitments)] } }),
  );
  if (!saved.ok) return saved.reason === "stale" ? staleReply(form.values, draft.revision) : redirect(base);
  return redirect(nextPage(request, base, "activity"));
}

export default function Commitments() {
  const { organisation, draft, version, base } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: base }}>
      <ErrorSummary reply={reply} />
      <Form method="post" noValidate>
        <input type="hidden" name="revision" value={reply?.values?.revision?.toString() ?? draft.revision} readOnly />
        <span className="govuk-caption-l">{organisation}</span>
        <h1 className="govuk-heading-l">Which commitments does your organisation take on?</h1>
        <p className="govuk-body">
          From version {version.version} of {version.title}.
        </p>
        <CheckboxesField
          name="commitments"
          legend="Commitments"
          hint="Select all that your organisation will keep this year."
          reply={reply}
          defaultValues={(draft.commitments ?? []).map(String)}
          options={version.commitments.map((c, i) => ({ value: String(i + 1), label: `${i + 1}. ${c}` }))}
        />
        <Button>Save and continue</Button>
      </Form>
    </Main>
  );
}
