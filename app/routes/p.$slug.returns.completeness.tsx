import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { lockState, longDate, recentQuarters } from "~/modules/returns/calendar";
import type { CompletenessCounts } from "~/modules/returns/completeness";
import { reportingSettings } from "~/modules/returns/form-page.server";
import { quarterCompleteness, quarterFromParam } from "~/modules/returns/overview.server";
import { QuarterPicker } from "~/modules/returns/QuarterPicker";
import { StatusTag } from "~/modules/returns/ReturnSummary";
import { sectorLabel } from "~/modules/tenancy/sectors";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Completeness and timeliness of returns — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "returns:view");
  const day = today();
  const choices = recentQuarters(day, 8);
  const asked = quarterFromParam(new URL(request.url).searchParams.get("quarter"));
  const quarter = asked && choices.some((q) => q.key === asked.key) ? asked : previousQuarter(quarterOf(day));
  const lock = lockState(quarter, reportingSettings(ctx.partnership), day, null);
  const report = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    quarterCompleteness(tx, { partnershipId: ctx.partnership.id, quarter, boroughId: ctx.boroughScope, dueOn: lock.dueOn }),
  );
  return json({
    slug: ctx.partnership.slug,
    quarter: { key: quarter.key, label: quarter.label },
    quarters: choices.map((q) => ({ key: q.key, label: q.label })),
    dueOn: lock.dueOn,
    report: {
      ...report,
      missing: report.missing.map((m) => ({ id: m.organisationId, name: m.name, borough: m.boroughName ?? "County-wide", sector: sectorLabel(m.sector), status: m.status })),
    },
  });
}

function CountsTable({ caption, first, rows, total }: { caption: string; first: string; rows: Array<{ name: string; counts: CompletenessCounts }>; total: CompletenessCounts }) {
  const cells = (c: CompletenessCounts) => [c.expected, c.submitted, c.onTime, c.late, c.missing];
  return (
    <div className="gt-scroll">
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              {first}
            </th>
            {["Expected", "Submitted", "On time", "Late", "Missing", "Complete"].map((h) => (
              <th scope="col" className="govuk-table__header govuk-table__header--numeric" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {[...rows, { name: "Total", counts: total }].map((r) => (
            <tr className="govuk-table__row" key={r.name}>
              <th scope="row" className="govuk-table__header">
                {r.name}
              </th>
              {cells(r.counts).map((n, i) => (
                <td className="govuk-table__cell govuk-table__cell--numeric" key={i}>
                  {n}
                </td>
              ))}
              <td className="govuk-table__cell govuk-table__cell--numeric">{r.counts.percent === null ? "–" : `${r.counts.percent}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Completeness() {
  const { slug, quarter, quarters, dueOn, report } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: `/p/${slug}/returns?quarter=${quarter.key}`, label: "Quarterly returns" }}>
      <h1 className="govuk-heading-l">Completeness and timeliness</h1>
      <QuarterPicker quarters={quarters} current={quarter.key} />
      <p className="govuk-body">
        Expected: organisations whose pledge was current at the end of {quarter.label}. Submitted: returns that count (submitted, resubmitted or accepted; a return sent back for
        changes counts again once resubmitted). On time: first submitted by {longDate(dueOn)}.
      </p>
      <CountsTable caption={`By borough, ${quarter.label}`} first="Borough" rows={report.byBorough} total={report.total} />
      <CountsTable caption={`By sector, ${quarter.label}`} first="Sector" rows={report.bySector} total={report.total} />
      <h2 className="govuk-heading-m">Missing returns ({report.missing.length})</h2>
      {report.missing.length === 0 ? (
        <p className="govuk-body">Every expected organisation has a return that counts.</p>
      ) : (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Organisations with no return that counts for {quarter.label}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {["Organisation", "Borough", "Sector", "Status"].map((h) => (
                  <th scope="col" className="govuk-table__header" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {report.missing.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={`/p/${slug}/orgs/${m.id}/returns/${quarter.key}`}>
                      {m.name}
                    </Link>
                  </th>
                  <td className="govuk-table__cell">{m.borough}</td>
                  <td className="govuk-table__cell">{m.sector}</td>
                  <td className="govuk-table__cell">
                    <StatusTag status={m.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Main>
  );
}
