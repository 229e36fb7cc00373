import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { ACTION_FIELD_ORDER, ActionFields } from "~/modules/delivery/ActionFields";
import { changeAction, STALE_ACTION } from "~/modules/delivery/action-changes.server";
import { planChoices } from "~/modules/delivery/actions.server";
import { requireAction } from "~/modules/delivery/plan-access.server";
import { planTitle } from "~/modules/delivery/plan-terms";
import { readForm, refuse, formValues } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ButtonGroup, ErrorSummary, TextField, type Reply } from "~/ui/form";
import { Main } from "~/ui/Layout";
import { PersonalDataCheck } from "~/ui/PersonalDataCheck";
import { today } from "~/modules/platform/clock.server";
import { unconfirmedPersonalData } from "~/modules/platform/personal-data-check";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Change ${data?.action.reference ?? "the action"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const { plan, action } = await requireAction(ctx, params, "see");
  const choices = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => planChoices(tx, { partnershipId: ctx.partnership.id }));
  for (const org of [action.lead, ...action.supporting]) if (!choices.organisations.some((o) => o.id === org.id)) choices.organisations.push(org);
  return json({ slug: ctx.partnership.slug, plan: { id: plan.id, title: planTitle(plan.financialYear) }, action, choices });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const { plan, action } = await requireAction(ctx, params, "see");
  const form = await readForm(request);
  if (form.get("intent") === "save") {
    const text = (name: string) => (typeof form.get(name) === "string" ? String(form.get(name)) : null);
    const personalData = unconfirmedPersonalData(
      formValues(form),
      [
        {
          name: "description",
          label: "The description",
          text: text("description"),
        },
        {
          name: "successMeasure",
          label: "The success measure",
          text: text("successMeasure"),
        },
      ],
      today(),
    );
    if (personalData.length) return json({ values: formValues(form), personalData });
  }
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    changeAction(tx, {
      partnershipId: ctx.partnership.id,
      planId: plan.id,
      action,
      form,
    }),
  );
  const base = `/p/${ctx.partnership.slug}/plans/${plan.id}`;
  if (result.ok) return redirectWithNotice(result.intent === "delete" ? base : `${base}/actions/${action.id}/edit`, result.notice);
  const values = formValues(form);
  if (result.reason === "stale") return json(refuse(values, {}, STALE_ACTION), { status: 409 });
  return json(refuse(values, result.errors, result.message), { status: result.reason === "not-found" ? 404 : 400 });
}

const replyFor = (reply: Reply | undefined, intent: string, milestoneId?: string) =>
  reply?.values?.intent === intent && (!milestoneId || reply.values.milestoneId === milestoneId) ? reply : undefined;

export default function EditAction() {
  const { slug, plan, action: planAction, choices } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const version = <input type="hidden" name="version" value={planAction.version} />;
  return (
    <Main backLink={{ to: `/p/${slug}/plans/${plan.id}/actions/${planAction.id}`, label: "Back to the action" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={ACTION_FIELD_ORDER} />
          <span className="govuk-caption-l">
            {plan.title} · {planAction.reference}
          </span>
          <h1 className="govuk-heading-l">Change the action</h1>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            {version}
            <ActionFields
              choices={choices}
              reply={replyFor(reply, "save")}
              defaults={{
                title: planAction.title,
                description: planAction.description,
                themeId: planAction.themeId,
                leadOrganisationId: planAction.lead.id,
                supportingOrganisationIds: planAction.supporting.map((s) => s.id),
                boroughIds: planAction.boroughs.map((b) => b.id),
                startOn: planAction.startOn,
                dueOn: planAction.dueOn,
                successMeasure: planAction.successMeasure,
                weight: planAction.weight,
              }}
            />
            <PersonalDataCheck warnings={reply && "personalData" in reply ? reply.personalData : null} />
            <Button>Save the action</Button>
          </Form>

          <h2 className="govuk-heading-m" id="milestones">
            Milestones
          </h2>
          <p className="govuk-body">The action&apos;s progress is the share of its milestones that are done. Champions record them as done in their quarterly update.</p>
          {planAction.milestones.map((m) => (
            <Form method="post" noValidate key={m.id} className="gt-card">
              {version}
              <input type="hidden" name="milestoneId" value={m.id} />
              <TextField name={`milestoneTitle-${m.id}`} label="Milestone" defaultValue={m.title} reply={replyFor(reply, "save-milestone", m.id)} />
              <TextField name={`milestoneDueOn-${m.id}`} label="Due date" type="date" width={10} defaultValue={m.dueOn} reply={replyFor(reply, "save-milestone", m.id)} />
              {m.doneOn ? <p className="govuk-body-s">Done on {m.doneOn}</p> : null}
              <ButtonGroup>
                <Button secondary name="intent" value="save-milestone">
                  Save milestone
                </Button>
                <Button warning name="intent" value="remove-milestone" formNoValidate>
                  Remove milestone
                </Button>
              </ButtonGroup>
            </Form>
          ))}
          <Form method="post" noValidate className="gt-card">
            <h3 className="govuk-heading-m">Add a milestone</h3>
            <input type="hidden" name="intent" value="add-milestone" />
            {version}
            <TextField name="milestoneTitle" label="Milestone" reply={replyFor(reply, "add-milestone")} />
            <TextField name="milestoneDueOn" label="Due date" type="date" width={10} reply={replyFor(reply, "add-milestone")} />
            <Button secondary>Add the milestone</Button>
          </Form>

          <h2 className="govuk-heading-m">Delete the action</h2>
          <p className="govuk-body">An action with quarterly updates cannot be deleted: record it as dropped instead, so the board sees what happened.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            {version}
            <Button warning>Delete this action</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
