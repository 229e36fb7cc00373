import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { WithdrawSchema } from "~/modules/pledge/forms.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { PledgeStatusTag } from "~/modules/pledge/components";
import { withdrawPledge } from "~/modules/pledge/signing.server";
import { organisationPledges } from "~/modules/pledge/status.server";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, ErrorSummary, TextArea } from "~/ui/form";
import { PersonalDataCheck } from "~/ui/PersonalDataCheck";
import { unconfirmedPersonalData } from "~/modules/platform/personal-data-check";

export const meta: MetaFunction = () => [{ title: "Withdraw from the pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:sign");
  const organisationId = ctx.organisation!.id;
  const pledges = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    organisationPledges(tx, { partnershipId: ctx.partnership.id, on: today(), organisationIds: [organisationId] }),
  );
  const status = pledges.get(organisationId)?.status ?? "prospect";
  return json({ organisation: ctx.organisation!.name, orgPath: `/p/${ctx.partnership.slug}/orgs/${organisationId}`, status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:sign");
  const form = await parseForm(request, WithdrawSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const personalData = unconfirmedPersonalData(form.values, [{ name: "reason", label: "The reason", text: form.data.reason }], today());
  if (personalData.length) return json({ values: form.values, personalData });
  const scope = {
    partnershipId: ctx.partnership.id,
    organisationId: ctx.organisation!.id,
  };
  const result = await withPartnership(scope.partnershipId, ctx.user.id, (tx) =>
    withdrawPledge(tx, {
      ...scope,
      userId: ctx.user.id,
      reason: form.data.reason,
      on: today(),
    }),
  );
  if (!result.ok) return json(refuse(form.values, {}, "The organisation has no signed pledge to withdraw from."), { status: 409 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`, "Withdrawal recorded: the organisation no longer appears on the register");
}

export default function Withdraw() {
  const { organisation, orgPath, status } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const canWithdraw = status !== "prospect" && status !== "withdrawn";
  return (
    <Main backLink={{ to: orgPath }}>
      <ErrorSummary reply={reply} order={["reason"]} />
      <span className="govuk-caption-l">{organisation}</span>
      <h1 className="govuk-heading-l">Withdraw from the pledge</h1>
      <p className="govuk-body">
        Current status: <PledgeStatusTag status={status} />
      </p>
      {canWithdraw ? (
        <>
          <div className="govuk-warning-text">
            <span className="govuk-warning-text__icon" aria-hidden="true">
              !
            </span>
            <strong className="govuk-warning-text__text">
              <span className="govuk-visually-hidden">Warning</span>
              The organisation will leave the public register straight away. Its past signatures stay in the history, and it can sign again at any time.
            </strong>
          </div>
          <Form method="post" noValidate>
            <TextArea
              name="reason"
              label="Why is the organisation withdrawing?"
              hint="The coordinator and board see this reason. Do not include anyone's personal details."
              reply={reply}
              maxLength={2000}
            />
            <PersonalDataCheck warnings={reply && "personalData" in reply ? reply.personalData : null} />
            <Button warning>Withdraw from the pledge</Button>
          </Form>
        </>
      ) : (
        <p className="govuk-body">The organisation has no signed pledge to withdraw from.</p>
      )}
    </Main>
  );
}
