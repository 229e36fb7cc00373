import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { today } from "~/modules/platform/clock.server";
import { longDate } from "~/modules/returns/calendar";
import { organisationTodos } from "~/modules/returns/display";
import { reportingSettings } from "~/modules/returns/form-page.server";
import { organisationQuarters } from "~/modules/returns/overview.server";
import { StatusTag } from "~/modules/returns/ReturnSummary";
import { ReturnsTodo } from "~/modules/returns/ReturnsTodo";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Quarterly returns — ${data?.organisation.name ?? ""} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:view");
  const day = today();
  const organisation = ctx.organisation!;
  const quarters = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    organisationQuarters(tx, { partnershipId: ctx.partnership.id, organisationId: organisation.id, settings: reportingSettings(ctx.partnership), today: day }),
  );
  return json({
    slug: ctx.partnership.slug,
    organisation: { id: organisation.id, name: organisation.name },
    quarters: quarters.map((q) => ({ ...q, timelinessLabel: q.timeliness ? TIMELINESS[q.timeliness] : q.expected && day > q.dueOn ? "Missing" : "" })),
    deadlineDays: ctx.partnership.deadline_days,
    todos: organisationTodos(quarters, day),
    canEdit: ctx.can("return:edit"),
  });
}

const TIMELINESS = { on_time: "On time", late: "Late" } as const;

export default function OrganisationReturns() {
  const { slug, organisation, quarters, todos, canEdit, deadlineDays } = useLoaderData<typeof loader>();
  const base = `/p/${slug}/orgs/${organisation.id}/returns`;
  return (
    <Main backLink={{ to: `/p/${slug}/orgs/${organisation.id}`, label: organisation.name }}>
      <span className="govuk-caption-l">{organisation.name}</span>
      <h1 className="govuk-heading-l">Quarterly returns</h1>
      <p className="govuk-body">
        Each quarter, {organisation.name} reports what it did: figures for the quarter and a few lines on how it went. A return is due {deadlineDays} days after the quarter ends.
        Leave a figure blank if you do not know it yet, and tick “not applicable” where it does not apply to you.
      </p>
      {canEdit ? <ReturnsTodo todos={todos} base={base} /> : null}
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Returns by quarter</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Quarter
              </th>
              <th scope="col" className="govuk-table__header">
                Due
              </th>
              <th scope="col" className="govuk-table__header">
                Status
              </th>
              <th scope="col" className="govuk-table__header">
                Timeliness
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {quarters.map((q) => (
              <tr className="govuk-table__row" key={q.quarter}>
                <th scope="row" className="govuk-table__header">
                  <Link className="govuk-link" to={`${base}/${q.quarter}`}>
                    {q.label}
                  </Link>
                  {!q.expected ? <span className="govuk-hint govuk-!-display-block govuk-!-margin-0">Not expected (no current pledge)</span> : null}
                </th>
                <td className="govuk-table__cell">{longDate(q.dueOn)}</td>
                <td className="govuk-table__cell">
                  <StatusTag status={q.status} />
                  {/* An accepted return is closed, which its tag already says; a quarter past its grace period is locked whatever its state. */}
                  {q.locked && q.lockReason === "period" ? <span className="govuk-hint govuk-!-display-block govuk-!-margin-0">Quarter locked</span> : null}
                  {q.exceptionUntil ? <span className="govuk-hint govuk-!-display-block govuk-!-margin-0">Reopened until {longDate(q.exceptionUntil)}</span> : null}
                </td>
                <td className="govuk-table__cell">{q.timelinessLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Main>
  );
}
