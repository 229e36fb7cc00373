import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { maySeeAction } from "~/modules/delivery/action-access";
import { boroughLens } from "~/modules/delivery/plan-access.server";
import { Progress } from "~/modules/delivery/PlanBits";
import { planTitle, planYearChoices, REVIEW_LABELS } from "~/modules/delivery/plan-terms";
import { createPlan, listPlans } from "~/modules/delivery/plans.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { CreatePlanSchema } from "~/modules/delivery/action-forms.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { financialYearLabel, financialYearOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, Checkbox, ErrorSummary, SelectField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Delivery plan — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:view");
  const day = today();
  const plans = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
    const lens = await boroughLens(tx, ctx);
    return listPlans(tx, { partnershipId: ctx.partnership.id, today: day, sees: lens ? (a) => maySeeAction(ctx, a, lens) : undefined });
  });
  const thisYear = financialYearOf(day);
  return json({
    slug: ctx.partnership.slug,
    partnershipName: ctx.partnership.name,
    plans,
    thisYear,
    canEdit: ctx.can("plan:edit"),
    canReview: ctx.can("review:view"),
    newYears: planYearChoices(thisYear).filter((y) => !plans.some((p) => p.financialYear === y)),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const form = await parseForm(request, CreatePlanSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const day = today();
  if (!planYearChoices(financialYearOf(day)).includes(form.data.financialYear)) return json(refuse(form.values, { financialYear: "Choose the financial year" }), { status: 400 });
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    createPlan(tx, { partnershipId: ctx.partnership.id, userId: ctx.user.id, financialYear: form.data.financialYear, carryOver: form.data.carryOver, today: day }),
  );
  if (!result.ok) return json(refuse(form.values, result.errors), { status: 400 });
  const carried = form.data.carryOver ? ` with ${result.carried} unfinished ${result.carried === 1 ? "action" : "actions"} carried over` : "";
  return redirectWithNotice(`/p/${ctx.partnership.slug}/plans/${result.planId}`, `${planTitle(form.data.financialYear)} started${carried}`);
}

export default function Plans() {
  const { slug, partnershipName, plans, thisYear, canEdit, canReview, newYears } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main>
      <ErrorSummary reply={reply} order={["financialYear", "carryOver"]} />
      <span className="govuk-caption-l">{partnershipName}</span>
      <h1 className="govuk-heading-l">Delivery plan</h1>
      <p className="govuk-body">
        Each year&apos;s plan sets out what partners will do under the strategy&apos;s six themes. Progress is worked out from milestones and quarterly updates, and the programme
        board reviews it at mid-year and end-year.
      </p>
      {plans.length === 0 ? <p className="govuk-body">There is no plan yet.</p> : null}
      {plans.length ? (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">Plans by financial year</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Year
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Actions
                </th>
                <th scope="col" className="govuk-table__header">
                  Progress
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Overdue
                </th>
                <th scope="col" className="govuk-table__header">
                  Reviews
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {plans.map((p) => (
                <tr className="govuk-table__row" key={p.id}>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/p/${slug}/plans/${p.id}`}>
                      {financialYearLabel(p.financialYear)}
                    </Link>
                    {p.financialYear === thisYear ? <span className="govuk-body-s"> (this year)</span> : null}
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{p.actions}</td>
                  <td className="govuk-table__cell">
                    <Progress value={p.progress} />
                  </td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{p.overdue}</td>
                  <td className="govuk-table__cell">
                    {p.reviews.length === 0 ? "None yet" : null}
                    {p.reviews.map((r) =>
                      canReview ? (
                        <Link key={r.id} className="govuk-link gt-inline-item" to={`/p/${slug}/plans/reviews/${r.id}`}>
                          {REVIEW_LABELS[r.kind]}
                        </Link>
                      ) : (
                        <span key={r.id} className="gt-inline-item">
                          {REVIEW_LABELS[r.kind]}
                        </span>
                      ),
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      {canEdit ? (
        <>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/p/${slug}/plans/themes`}>
              Rename the themes
            </Link>
          </p>
          {newYears.length ? (
            <Form method="post" noValidate className="gt-card">
              <h2 className="govuk-heading-m">Start a plan</h2>
              <input type="hidden" name="intent" value="create-plan" />
              <SelectField
                name="financialYear"
                label="Financial year"
                reply={reply}
                defaultValue={String(newYears[0])}
                options={newYears.map((y) => ({ value: String(y), label: financialYearLabel(y) }))}
              />
              <Checkbox
                name="carryOver"
                label="Carry over unfinished actions from the year before"
                hint="Actions that are not complete or dropped are copied with their milestones, partners and progress. The earlier plan is not changed."
                reply={reply}
              />
              <Button>Start the plan</Button>
            </Form>
          ) : null}
        </>
      ) : null}
    </Main>
  );
}
