import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ReactNode } from "react";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { mayUpdateAction } from "~/modules/delivery/action-access";
import { ActionTimeline } from "~/modules/delivery/ActionTimeline";
import { formatDate } from "~/modules/delivery/display";
import { requireAction } from "~/modules/delivery/plan-access.server";
import { planTitle } from "~/modules/delivery/plan-terms";
import { OverdueTag, Progress, StatusTag } from "~/modules/delivery/PlanBits";
import { actionStanding } from "~/modules/delivery/progress";
import { parseQuarterKey } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.action.title ?? "Action"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:view");
  const { plan, action, theme } = await requireAction(ctx, params, "see");
  const day = today();
  return json({
    slug: ctx.partnership.slug,
    plan: { id: plan.id, title: planTitle(plan.financialYear) },
    action: { ...action, updates: action.updates.map((u) => ({ ...u, quarterLabel: parseQuarterKey(u.quarter)?.label ?? u.quarter })) },
    theme: theme.name,
    standing: actionStanding(action, day),
    canUpdate: mayUpdateAction(ctx, action),
    canEdit: ctx.can("plan:edit"),
    today: day,
  });
}

export default function ActionPage() {
  const { slug, plan, action, theme, standing, canUpdate, canEdit, today: day } = useLoaderData<typeof loader>();
  const base = `/p/${slug}/plans/${plan.id}/actions/${action.id}`;
  const row = (key: string, value: ReactNode) => (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value}</dd>
    </div>
  );
  return (
    <Main backLink={{ to: `/p/${slug}/plans/${plan.id}`, label: `Back to the ${plan.title.toLowerCase()}` }}>
      <span className="govuk-caption-l">
        {plan.title} · {action.reference}
      </span>
      <h1 className="govuk-heading-l">{action.title}</h1>
      <p className="govuk-body">
        <StatusTag status={standing.status} /> {standing.overdue ? <OverdueTag /> : null} <Progress value={standing.progress} />{" "}
        <span className="govuk-body-s">
          {standing.progressSource === "milestones" ? `from milestones: ${standing.milestonesDone} of ${standing.milestonesTotal} done` : "as last recorded"}
        </span>
      </p>
      <div className="govuk-button-group">
        {canUpdate ? (
          <Link className="govuk-button" to={`${base}/update`}>
            Record a quarterly update
          </Link>
        ) : null}
        {canEdit ? (
          <Link className="govuk-button govuk-button--secondary" to={`${base}/edit`}>
            Change the action or its milestones
          </Link>
        ) : null}
      </div>
      <dl className="govuk-summary-list">
        {row("Theme", theme)}
        {action.description ? row("Description", action.description) : null}
        {row("Lead organisation", action.lead.name)}
        {row("Supporting organisations", action.supporting.length ? action.supporting.map((s) => s.name).join(", ") : "None")}
        {row("Boroughs", action.boroughs.length ? action.boroughs.map((b) => b.name).join(", ") : "The whole partnership")}
        {row("Runs", `${formatDate(action.startOn)} to ${formatDate(action.dueOn)}`)}
        {row("Success measure", action.successMeasure ?? "Not set")}
        {row("Weight", action.weight)}
        {action.carriedFromActionId ? row("Carried over", "From the year before's plan, where it was not finished") : null}
      </dl>

      <h2 className="govuk-heading-m">Milestones</h2>
      {action.milestones.length === 0 ? (
        <p className="govuk-body">This action has no milestones, so its progress is the figure recorded in its latest update.</p>
      ) : (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Milestones</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Milestone
                </th>
                <th scope="col" className="govuk-table__header">
                  Due
                </th>
                <th scope="col" className="govuk-table__header">
                  Done
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {action.milestones.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <td className="govuk-table__cell">{m.title}</td>
                  <td className="govuk-table__cell">{formatDate(m.dueOn)}</td>
                  <td className="govuk-table__cell">
                    {m.doneOn ? formatDate(m.doneOn) : m.dueOn < day ? <strong className="govuk-tag govuk-tag--red">Overdue</strong> : "Not yet"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 className="govuk-heading-m">Updates</h2>
      <ActionTimeline updates={action.updates} />
    </Main>
  );
}
