import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import type { ReturnSnapshot } from "../../db/types";
import { requireAccess } from "~/modules/auth/guard.server";
import { today } from "~/modules/platform/clock.server";
import { dateTime } from "~/modules/returns/display";
import { quarterParam } from "~/modules/returns/form-page.server";
import { listMetrics } from "~/modules/returns/metrics.server";
import { StatusTag } from "~/modules/returns/ReturnSummary";
import { listVersions } from "~/modules/returns/store.server";
import { NARRATIVE_FIELDS } from "~/modules/returns/validation";
import { displayValue } from "~/modules/returns/values";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `History of the ${data?.quarter.label ?? ""} return — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const quarter = quarterParam(params.quarter, today());
  const ctx = await requireAccess(request, params, "org:view");
  const organisation = ctx.organisation!;
  const { versions, metrics } = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => ({
    versions: await listVersions(tx, { partnershipId: ctx.partnership.id, organisationId: organisation.id, quarter: quarter.key }),
    metrics: await listMetrics(tx, { partnershipId: ctx.partnership.id }),
  }));
  return json({
    slug: ctx.partnership.slug,
    organisation: { id: organisation.id, name: organisation.name },
    quarter: { key: quarter.key, label: quarter.label },
    labels: Object.fromEntries(metrics.map((m) => [m.key, m.label])),
    versions: versions.map((v) => ({ ...v, at: v.at.toISOString(), snapshot: v.snapshot as ReturnSnapshot })),
  });
}

const KIND_LABELS: Record<string, string> = {
  saved: "Draft saved",
  submitted: "Submitted",
  resubmitted: "Resubmitted",
  accepted: "Accepted",
  returned: "Returned for changes",
  corrected: "Corrected by the coordinator",
};
const SUBMITTED_KINDS = new Set(["submitted", "resubmitted", "corrected"]);

export default function ReturnHistory() {
  const { slug, organisation, quarter, labels, versions } = useLoaderData<typeof loader>();
  const submitted = versions.filter((v) => SUBMITTED_KINDS.has(v.kind)).length;
  return (
    <Main backLink={{ to: `/p/${slug}/orgs/${organisation.id}/returns/${quarter.key}`, label: `${quarter.label} return` }}>
      <span className="govuk-caption-l">{organisation.name}</span>
      <h1 className="govuk-heading-l">History of the {quarter.label} return</h1>
      {versions.length === 0 ? <p className="govuk-body">Nobody has started this return yet.</p> : null}
      <p className="govuk-body">
        {versions.length} {versions.length === 1 ? "change" : "changes"}, {submitted} submitted {submitted === 1 ? "version" : "versions"}. Newest first.
      </p>
      <ol className="govuk-list gt-history" reversed>
        {versions.map((v) => (
          <li key={v.version} className="gt-history__item">
            <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
              Version {v.version}: {KIND_LABELS[v.kind] ?? v.kind} <StatusTag status={v.status} />
            </h2>
            <p className="govuk-body-s govuk-!-margin-bottom-2">
              {dateTime(v.at)}
              {v.actor_name ? ` by ${v.actor_name}` : ""}
            </p>
            {v.reason ? <p className="govuk-inset-text gt-prewrap govuk-!-margin-top-0">{v.reason}</p> : null}
            {SUBMITTED_KINDS.has(v.kind) ? (
              <details className="govuk-details">
                <summary className="govuk-details__summary">
                  <span className="govuk-details__summary-text">What version {v.version} held</span>
                </summary>
                <div className="govuk-details__text">
                  <dl className="govuk-summary-list govuk-summary-list--no-border">
                    {Object.entries(v.snapshot.values).map(([key, value]) => (
                      <div className="govuk-summary-list__row" key={key}>
                        <dt className="govuk-summary-list__key">{labels[key] ?? key}</dt>
                        <dd className="govuk-summary-list__value">{displayValue(value)}</dd>
                      </div>
                    ))}
                    {NARRATIVE_FIELDS.filter((f) => v.snapshot.narrative[f.name]).map((f) => (
                      <div className="govuk-summary-list__row" key={f.name}>
                        <dt className="govuk-summary-list__key">{f.label}</dt>
                        <dd className="govuk-summary-list__value gt-prewrap">{v.snapshot.narrative[f.name]}</dd>
                      </div>
                    ))}
                  </dl>
                </div>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
    </Main>
  );
}
