import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { formatDate } from "~/modules/platform/dates";
import { formVersion, parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { ActivityRows, PledgeText, SummaryRow } from "~/modules/pledge/components";
import { submitSignature } from "~/modules/pledge/signing.server";
import { requireSigningDraft, STALE_ANSWERS } from "~/modules/pledge/signing-page.server";
import { isCurrent, notYetMessage, validUntil } from "~/modules/pledge/status";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, Checkbox, ErrorSummary } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Check your answers — Sign the pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, draft, version, base, state } = await requireSigningDraft(request, params);
  const on = today();
  return json({ organisation: ctx.organisation!.name, draft, version, base, renewal: isCurrent(state.pledge.status), on, validUntil: validUntil(on) });
}

const Schema = z.object({
  revision: formVersion,
  confirm: z.literal("on", { errorMap: () => ({ message: "Confirm that the signatory has agreed to sign the pledge for the organisation" }) }),
});

const REFUSALS = {
  stale: STALE_ANSWERS,
  incomplete: "Answer the questions about the signatory and the commitments before signing.",
  "version-changed": "A new version of the pledge was published while you were signing. Read it below and choose your commitments again before signing.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, scope, orgPath } = await requireSigningDraft(request, params);
  const form = await parseForm(request, Schema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const result = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => submitSignature(tx, { ...scope, userId: ctx.user.id, revision: form.data.revision, on: today() }));
  if (!result.ok) {
    if (result.reason === "missing") return redirect(`${orgPath}/pledge`);
    return json(refuse(form.values, {}, result.reason === "not-yet" ? notYetMessage(result.wait) : REFUSALS[result.reason]), { status: 409 });
  }
  return redirectWithNotice(orgPath, result.renewal ? "Pledge renewed: thank you" : "Pledge signed: thank you");
}

export default function CheckAnswers() {
  const { organisation, draft, version, base, renewal, on, validUntil } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const change = (what: string) => ({ to: `${base}/${what}?from=check`, what });
  return (
    <Main backLink={{ to: base }}>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{organisation}</span>
      <h1 className="govuk-heading-l">Check your answers before {renewal ? "renewing" : "signing"} the pledge</h1>
      <h2 className="govuk-heading-m">Signatory</h2>
      <dl className="govuk-summary-list govuk-!-margin-bottom-9">
        <SummaryRow label="Full name" change={{ ...change("signatory"), what: "signatory's name" }}>
          {draft.signatoryName ?? <span className="govuk-hint govuk-!-margin-0">Not answered</span>}
        </SummaryRow>
        <SummaryRow label="Job title" change={{ ...change("signatory"), what: "signatory's job title" }}>
          {draft.signatoryTitle ?? <span className="govuk-hint govuk-!-margin-0">Not answered</span>}
        </SummaryRow>
      </dl>
      <h2 className="govuk-heading-m">The pledge</h2>
      <dl className="govuk-summary-list govuk-!-margin-bottom-9">
        <SummaryRow label="Version">
          {version.title}, version {version.version}
        </SummaryRow>
        <SummaryRow label="Commitments" change={change("commitments")}>
          {draft.commitments?.length ? (
            <ol className="govuk-list govuk-list--number">
              {[...draft.commitments]
                .sort((a, b) => a - b)
                .map((n) => (
                  <li key={n} value={n}>
                    {version.commitments[n - 1]}
                  </li>
                ))}
            </ol>
          ) : (
            <span className="govuk-hint govuk-!-margin-0">Not answered</span>
          )}
        </SummaryRow>
        <SummaryRow label="Valid">
          From {formatDate(on)} until {formatDate(validUntil)}
        </SummaryRow>
      </dl>
      <h2 className="govuk-heading-m">Proposed activity for the year</h2>
      <dl className="govuk-summary-list govuk-!-margin-bottom-9">
        <ActivityRows activity={draft.activity} change={`${base}/activity?from=check`} />
      </dl>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Read the whole pledge</span>
        </summary>
        <div className="govuk-details__text">
          <PledgeText pledge={version} />
        </div>
      </details>
      <h2 className="govuk-heading-m">Now {renewal ? "renew" : "sign"} the pledge</h2>
      <p className="govuk-body">
        Once submitted, a signature cannot be changed. It is kept in your organisation&apos;s history and appears on the partnership&apos;s public register while it is current.
      </p>
      <Form method="post" noValidate>
        <input type="hidden" name="revision" value={draft.revision} readOnly />
        <Checkbox name="confirm" label={`${draft.signatoryName ?? "The signatory"} has agreed to sign the pledge for ${organisation}`} reply={reply} />
        <Button>{renewal ? "Renew the pledge" : "Sign the pledge"}</Button>
      </Form>
    </Main>
  );
}
