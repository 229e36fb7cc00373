import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { THEMES } from "~/modules/delivery/themes";
import { today } from "~/modules/platform/clock.server";
import { parseForm } from "~/modules/platform/form.server";
import { unconfirmedPersonalData } from "~/modules/platform/personal-data-check";
import { ActivitySchema } from "~/modules/pledge/forms.server";
import { answerSigningQuestion } from "~/modules/pledge/signing.server";
import { nextPage, requireSigningDraft, staleReply } from "~/modules/pledge/signing-page.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { PersonalDataCheck } from "~/ui/PersonalDataCheck";
import { Button, ErrorSummary, TextArea } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Proposed activity — Sign the pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, draft, base } = await requireSigningDraft(request, params);
  return json({ organisation: ctx.organisation!.name, draft, base });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, scope, base, draft } = await requireSigningDraft(request, params);
  const form = await parseForm(request, ActivitySchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const data = form.data as unknown as Record<string, string | null>;
  const activity = Object.fromEntries(THEMES.map((t) => [t.key, data[`activity-${t.key}`] ?? ""]));
  // Published with the signature: others read it, so it is checked the way returns are.
  const personalData = unconfirmedPersonalData(
    form.values,
    THEMES.map((t) => ({
      name: `activity-${t.key}`,
      label: t.label,
      text: activity[t.key],
    })),
    today(),
  );
  if (personalData.length) return json({ values: form.values, personalData });
  const saved = await withPartnership(scope.partnershipId, ctx.user.id, (tx) =>
    answerSigningQuestion(tx, {
      ...scope,
      revision: form.data.revision,
      answers: { activity },
    }),
  );
  if (!saved.ok) return saved.reason === "stale" ? staleReply(form.values, draft.revision) : redirect(base);
  return redirect(nextPage(request, base, "check"));
}

export default function Activity() {
  const { organisation, draft, base } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: base }}>
      <ErrorSummary reply={reply} order={THEMES.map((t) => `activity-${t.key}`)} />
      <Form method="post" noValidate>
        <input type="hidden" name="revision" value={reply?.values?.revision?.toString() ?? draft.revision} readOnly />
        <span className="govuk-caption-l">{organisation}</span>
        <h1 className="govuk-heading-l">What do you propose to do this year?</h1>
        <p className="govuk-body">
          Describe your planned activity under each theme of the strategy. Leave a theme blank if your organisation does not work on it this year. Do not include details of any
          victim, offender or case.
        </p>
        {THEMES.map((t) => (
          <TextArea
            key={t.key}
            name={`activity-${t.key}`}
            label={t.label}
            labelClassName="govuk-label--s"
            rows={3}
            maxLength={2000}
            reply={reply}
            defaultValue={draft.activity?.[t.key] ?? ""}
          />
        ))}
        <PersonalDataCheck warnings={reply && "personalData" in reply ? reply.personalData : null} />
        <Button>Save and continue</Button>
      </Form>
    </Main>
  );
}
