import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { lockState, longDate, recentQuarters, timeliness } from "~/modules/returns/calendar";
import { dateTime } from "~/modules/returns/display";
import { reportingSettings } from "~/modules/returns/form-page.server";
import { quarterFromParam, quarterRows } from "~/modules/returns/overview.server";
import { QuarterPicker } from "~/modules/returns/QuarterPicker";
import { StatusTag } from "~/modules/returns/ReturnSummary";
import { STATUS_LABELS, type ReturnStatus } from "~/modules/returns/status";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Quarterly returns — Golden Thread" }];

const FILTERS = ["all", "awaiting", "not_started", "draft", "submitted", "resubmitted", "accepted", "returned"] as const;
type Filter = (typeof FILTERS)[number];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "returns:view");
  const day = today();
  const url = new URL(request.url);
  const choices = recentQuarters(day, 8);
  const asked = quarterFromParam(url.searchParams.get("quarter"));
  const quarter = asked && choices.some((q) => q.key === asked.key) ? asked : previousQuarter(quarterOf(day));
  const filter: Filter = FILTERS.find((f) => f === url.searchParams.get("status")) ?? "all";
  const rows = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => quarterRows(tx, { partnershipId: ctx.partnership.id, quarter, boroughId: ctx.boroughScope }));
  const lock = lockState(quarter, reportingSettings(ctx.partnership), day, null);
  const counts = Object.fromEntries(FILTERS.map((f) => [f, rows.filter((r) => matches(r.status, f)).length])) as Record<Filter, number>;
  return json({
    slug: ctx.partnership.slug,
    quarter: { key: quarter.key, label: quarter.label },
    quarters: choices.map((q) => ({ key: q.key, label: q.label })),
    filter,
    counts,
    lock,
    rows: rows
      .filter((r) => matches(r.status, filter))
      .map((r) => ({
        organisationId: r.organisationId,
        name: r.name,
        borough: r.boroughName ?? "County-wide",
        expected: r.expected,
        status: r.status,
        submittedAt: r.lastSubmittedAt?.toISOString() ?? null,
        timeliness: timeliness(r.firstSubmittedAt, lock.dueOn),
        exceptionUntil: r.exceptionUntil,
      })),
    canReview: ctx.can("returns:review"),
    canImport: ctx.can("imports:run"),
    canEditMetrics: ctx.can("metrics:edit"),
  });
}

function matches(status: ReturnStatus | null, filter: Filter) {
  if (filter === "all") return true;
  if (filter === "awaiting") return status === "submitted" || status === "resubmitted";
  if (filter === "not_started") return status === null;
  return status === filter;
}

const FILTER_LABELS: Record<Filter, string> = { ...STATUS_LABELS, all: "All", awaiting: "Awaiting review" };

export default function ReturnsOverview() {
  const { slug, quarter, quarters, filter, counts, lock, rows, canReview, canImport, canEditMetrics } = useLoaderData<typeof loader>();
  return (
    <Main>
      <h1 className="govuk-heading-l">Quarterly returns</h1>
      <QuarterPicker quarters={quarters} current={quarter.key} />
      <p className="govuk-body">
        {quarter.label} returns are due on {longDate(lock.dueOn)} and lock after {longDate(lock.editableUntil)}.
      </p>
      <ul className="govuk-list gt-inline-list">
        <li>
          <Link className="govuk-link" to={`/p/${slug}/returns/completeness?quarter=${quarter.key}`}>
            Completeness and timeliness
          </Link>
        </li>
        <li>
          <a className="govuk-link" href={`/p/${slug}/returns/${quarter.key}/values.csv`} download>
            Download {quarter.label} values (CSV)
          </a>
        </li>
        {canImport ? (
          <li>
            <Link className="govuk-link" to={`/p/${slug}/returns/import?quarter=${quarter.key}`}>
              Upload values (CSV)
            </Link>
          </li>
        ) : null}
        {canEditMetrics ? (
          <li>
            <Link className="govuk-link" to={`/p/${slug}/metrics`}>
              Metrics
            </Link>
          </li>
        ) : null}
      </ul>
      <nav aria-label="Filter by status">
        <ul className="govuk-list gt-inline-list">
          {FILTERS.map((f) => (
            <li key={f}>
              <Link className="govuk-link" to={`?quarter=${quarter.key}${f === "all" ? "" : `&status=${f}`}`} aria-current={f === filter ? "page" : undefined}>
                {FILTER_LABELS[f]} ({counts[f]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="gt-scroll">
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">
              {FILTER_LABELS[filter]}: {rows.length} {rows.length === 1 ? "organisation" : "organisations"}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Organisation
                </th>
                <th scope="col" className="govuk-table__header">
                  Borough
                </th>
                <th scope="col" className="govuk-table__header">
                  Status
                </th>
                <th scope="col" className="govuk-table__header">
                  Last submitted
                </th>
                <th scope="col" className="govuk-table__header">
                  Timeliness
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {rows.map((r) => (
                <tr className="govuk-table__row" key={r.organisationId}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={`/p/${slug}/orgs/${r.organisationId}/returns/${quarter.key}${canReview ? "/review" : ""}`}>
                      {r.name}
                    </Link>
                    {!r.expected ? <span className="govuk-hint govuk-!-display-block govuk-!-margin-0">Not expected (no current pledge)</span> : null}
                    {r.exceptionUntil ? <span className="govuk-hint govuk-!-display-block govuk-!-margin-0">Reopened until {longDate(r.exceptionUntil)}</span> : null}
                  </th>
                  <td className="govuk-table__cell">{r.borough}</td>
                  <td className="govuk-table__cell">
                    <StatusTag status={r.status} />
                  </td>
                  <td className="govuk-table__cell">{dateTime(r.submittedAt)}</td>
                  <td className="govuk-table__cell">{r.timeliness === "on_time" ? "On time" : r.timeliness === "late" ? "Late" : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </Main>
  );
}
