import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { UpdateSchema } from "~/modules/delivery/action-forms.server";
import { STALE_ACTION } from "~/modules/delivery/action-changes.server";
import { formatDate } from "~/modules/delivery/display";
import { requireAction } from "~/modules/delivery/plan-access.server";
import { ACTION_STATUSES, milestoneField, planTitle, STATUS_LABELS, updateQuarters } from "~/modules/delivery/plan-terms";
import { actionStanding, percent } from "~/modules/delivery/progress";
import { recordUpdate } from "~/modules/delivery/updates.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { unconfirmedPersonalData } from "~/modules/platform/personal-data-check";
import { parseQuarterKey } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, RadiosField, TextArea, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";
import { PersonalDataCheck } from "~/ui/PersonalDataCheck";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Quarterly update: ${data?.action.title ?? "action"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "action:update");
  const { plan, action } = await requireAction(ctx, params, "update");
  const day = today();
  const quarters = updateQuarters(plan.financialYear, day);
  const asked = new URL(request.url).searchParams.get("quarter");
  const chosen = quarters.find((q) => q.key === asked) ?? quarters.at(-1) ?? null;
  const existing = action.updates.find((u) => u.quarter === chosen?.key) ?? null;
  const standing = actionStanding(action, day);
  return json({
    slug: ctx.partnership.slug,
    plan: { id: plan.id, title: planTitle(plan.financialYear) },
    action: { id: action.id, reference: action.reference, title: action.title, lead: action.lead.name, version: action.version, milestones: action.milestones },
    quarters: quarters.map((q) => ({ key: q.key, label: q.label, recorded: action.updates.some((u) => u.quarter === q.key) })),
    chosen: chosen?.key ?? null,
    existing,
    latest: action.updates[0] ? { ...action.updates[0], label: parseQuarterKey(action.updates[0].quarter)?.label } : null,
    defaults: { status: existing?.status ?? standing.status, progress: existing?.progress ?? Math.round(standing.progress), commentary: existing?.commentary ?? "" },
    progressFromMilestones: action.milestones.length > 0,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "action:update");
  const { plan, action } = await requireAction(ctx, params, "update");
  const form = await parseForm(request, UpdateSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const milestonesDone = Object.fromEntries(
    action.milestones.map((m) => {
      const value = form.values[milestoneField(m.id)];
      const text = (Array.isArray(value) ? value[0] : value)?.trim() ?? "";
      return [m.id, text || null];
    }),
  );
  const day = today();
  const personalData = unconfirmedPersonalData(form.values, [{ name: "commentary", label: "Commentary", text: form.data.commentary }], day);
  if (personalData.length) return json({ values: form.values, personalData });
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    recordUpdate(tx, {
      partnershipId: ctx.partnership.id,
      action,
      userId: ctx.user.id,
      version: form.data.version,
      input: { quarter: form.data.quarter, status: form.data.status, progress: form.data.progress, commentary: form.data.commentary, milestonesDone },
      financialYear: plan.financialYear,
      today: day,
    }),
  );
  if (!result.ok && result.reason === "stale") return json(refuse(form.values, {}, STALE_ACTION), { status: 409 });
  if (!result.ok) return json(refuse(form.values, result.errors), { status: 400 });
  const label = parseQuarterKey(form.data.quarter)!.label;
  return redirectWithNotice(`/p/${ctx.partnership.slug}/plans/${plan.id}/actions/${action.id}`, `Update for ${label} saved`);
}

export default function RecordUpdate() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { slug, plan, action: planAction } = data;
  const order = ["quarter", "status", "progress", ...planAction.milestones.map((m) => milestoneField(m.id)), "commentary"];
  return (
    <Main backLink={{ to: `/p/${slug}/plans/${plan.id}/actions/${planAction.id}`, label: "Back to the action" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={order} />
          <span className="govuk-caption-l">
            {planAction.reference} · {planAction.lead}
          </span>
          <h1 className="govuk-heading-l">Quarterly update: {planAction.title}</h1>
          {reply && "formError" in reply && reply.formError && data.latest ? (
            <div className="govuk-inset-text">
              The latest saved update ({data.latest.label}) says <strong>{STATUS_LABELS[data.latest.status]}</strong>
              {data.latest.progress !== null ? `, ${data.latest.progress}% done` : ""}
              {data.latest.commentary ? `: “${data.latest.commentary}”` : ""}
              {data.latest.recordedBy ? ` (${data.latest.recordedBy})` : ""}.
            </div>
          ) : null}
          {data.chosen === null ? (
            <p className="govuk-body">Updates can be recorded once the plan&apos;s year has started.</p>
          ) : (
            <Form method="post" noValidate>
              <input type="hidden" name="version" value={planAction.version} />
              <RadiosField
                name="quarter"
                legend="Quarter"
                hint="Saving a quarter that already has an update revises it"
                reply={reply}
                defaultValue={data.chosen}
                options={data.quarters.map((q) => ({ value: q.key, label: q.label, hint: q.recorded ? "Update already recorded" : undefined }))}
              />
              <RadiosField
                name="status"
                legend="Status"
                reply={reply}
                defaultValue={data.defaults.status}
                options={ACTION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
              />
              {data.progressFromMilestones ? (
                <fieldset className="govuk-fieldset govuk-!-margin-bottom-6">
                  <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Milestones</legend>
                  <p className="govuk-hint">Progress comes from the milestones done. Enter the date each one was done; leave it blank if it is not done yet.</p>
                  {planAction.milestones.map((m) => (
                    <TextField
                      key={m.id}
                      name={milestoneField(m.id)}
                      type="date"
                      width={10}
                      label={`${m.title} — done on`}
                      hint={`Due ${formatDate(m.dueOn)}`}
                      defaultValue={m.doneOn ?? ""}
                      reply={reply}
                    />
                  ))}
                </fieldset>
              ) : (
                <TextField
                  name="progress"
                  label="Progress"
                  hint={`How much of the action is done, from 0 to 100. Last recorded: ${percent(data.defaults.progress)}`}
                  inputMode="numeric"
                  width={3}
                  suffix="%"
                  defaultValue={data.defaults.progress}
                  reply={reply}
                />
              )}
              <TextArea
                name="commentary"
                label="Commentary"
                hint="What happened this quarter, what is in the way, and what help is needed. No names or details of people."
                defaultValue={data.defaults.commentary}
                reply={reply}
              />
              <PersonalDataCheck warnings={reply && "personalData" in reply ? reply.personalData : null} />
              <Button>Save the update</Button>
            </Form>
          )}
          {data.quarters.length > 1 ? (
            <p className="govuk-body">
              Revise an earlier quarter:{" "}
              {data.quarters
                .filter((q) => q.key !== data.chosen)
                .map((q) => (
                  <Link key={q.key} className="govuk-link gt-inline-item" to={`?quarter=${q.key}`}>
                    {q.label}
                  </Link>
                ))}
            </p>
          ) : null}
        </div>
      </div>
    </Main>
  );
}
