import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { ActionFields as ActionFieldsSchema } from "~/modules/delivery/action-forms.server";
import { ACTION_FIELD_ORDER, ActionFields } from "~/modules/delivery/ActionFields";
import { createAction, planChoices } from "~/modules/delivery/actions.server";
import { requirePlan } from "~/modules/delivery/plan-access.server";
import { planTitle } from "~/modules/delivery/plan-terms";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { quarter } from "~/modules/reporting/periods";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary } from "~/ui/form";
import { Main } from "~/ui/Layout";
import { PersonalDataCheck } from "~/ui/PersonalDataCheck";
import { today } from "~/modules/platform/clock.server";
import { unconfirmedPersonalData } from "~/modules/platform/personal-data-check";

export const meta: MetaFunction = () => [{ title: "Add an action — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const plan = await requirePlan(ctx, params);
  const choices = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => planChoices(tx, { partnershipId: ctx.partnership.id }));
  const themeParam = new URL(request.url).searchParams.get("theme");
  return json({
    slug: ctx.partnership.slug,
    plan: { id: plan.id, title: planTitle(plan.financialYear) },
    choices,
    defaults: {
      themeId: choices.themes.some((t) => t.id === themeParam) ? themeParam! : undefined,
      startOn: quarter(plan.financialYear, 1).start,
      dueOn: quarter(plan.financialYear, 4).end,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const plan = await requirePlan(ctx, params);
  const form = await parseForm(request, ActionFieldsSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const personalData = unconfirmedPersonalData(
    form.values,
    [
      {
        name: "description",
        label: "The description",
        text: form.data.description,
      },
      {
        name: "successMeasure",
        label: "The success measure",
        text: form.data.successMeasure,
      },
    ],
    today(),
  );
  if (personalData.length) return json({ values: form.values, personalData });
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    createAction(tx, {
      partnershipId: ctx.partnership.id,
      planId: plan.id,
      input: form.data,
    }),
  );
  if (!result.ok)
    return json(refuse(form.values, result.reason === "invalid" ? result.errors : {}, result.reason === "invalid" ? undefined : "The action could not be added"), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/plans/${plan.id}/actions/${result.actionId}`, "Action added");
}

export default function NewAction() {
  const { slug, plan, choices, defaults } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/plans/${plan.id}`, label: `Back to the ${plan.title.toLowerCase()}` }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={ACTION_FIELD_ORDER} />
          <span className="govuk-caption-l">{plan.title}</span>
          <h1 className="govuk-heading-l">Add an action</h1>
          <Form method="post" noValidate>
            <ActionFields choices={choices} defaults={defaults} reply={reply} />
            <PersonalDataCheck warnings={reply && "personalData" in reply ? reply.personalData : null} />
            <Button>Add the action</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
