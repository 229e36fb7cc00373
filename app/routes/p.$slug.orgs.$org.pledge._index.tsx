import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { formatDate } from "~/modules/platform/dates";
import { ActivityRows, PledgeStatusTag, SummaryRow } from "~/modules/pledge/components";
import { pledgeHistory } from "~/modules/pledge/history.server";
import { organisationPledges } from "~/modules/pledge/status.server";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Pledge history — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:view");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const { history, pledges } = await withPartnership(scope.partnershipId, ctx.user.id, async (tx) => ({
    history: await pledgeHistory(tx, scope),
    pledges: await organisationPledges(tx, { partnershipId: scope.partnershipId, on: today(), organisationIds: [scope.organisationId] }),
  }));
  return json({
    organisation: ctx.organisation!.name,
    orgPath: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`,
    status: pledges.get(scope.organisationId)?.status ?? "prospect",
    history,
    canRecordPaper: ctx.can("pledge:edit"),
  });
}

export default function PledgeHistory() {
  const { organisation, orgPath, status, history, canRecordPaper } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: orgPath, label: `Back to ${organisation}` }}>
      <span className="govuk-caption-l">{organisation}</span>
      <h1 className="govuk-heading-l">Pledge history</h1>
      <p className="govuk-body">
        Status today: <PledgeStatusTag status={status} />
      </p>
      {history.length === 0 ? <p className="govuk-body">The organisation has not signed the pledge.</p> : null}
      {canRecordPaper ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`${orgPath}/pledge/paper`}>
            Record a signature made on a paper form
          </Link>
        </p>
      ) : null}
      {history.map((entry) =>
        entry.kind === "signature" ? (
          <section key={entry.id} className="gt-card" aria-labelledby={`h-${entry.id}`}>
            <h2 className="govuk-heading-s" id={`h-${entry.id}`}>
              {entry.renewal ? "Renewed" : "Signed"} on {formatDate(entry.on)}
            </h2>
            <dl className="govuk-summary-list govuk-summary-list--no-border">
              <SummaryRow label="Pledge version">{entry.version}</SummaryRow>
              <SummaryRow label="Valid until">{entry.validUntil ? formatDate(entry.validUntil) : ""}</SummaryRow>
              <SummaryRow label="Signatory">{entry.signatory}</SummaryRow>
              <SummaryRow label="Commitments">{entry.commitments.join(", ")}</SummaryRow>
              {entry.fromPaper ? (
                <SummaryRow label="Recorded by">
                  {entry.recordedBy ?? "a former coordinator"} on {formatDate(entry.recordedAt)} from a paper form
                </SummaryRow>
              ) : entry.recordedBy ? (
                <SummaryRow label="Submitted by">{entry.recordedBy}</SummaryRow>
              ) : null}
            </dl>
            <details className="govuk-details govuk-!-margin-bottom-0">
              <summary className="govuk-details__summary">
                <span className="govuk-details__summary-text">Proposed activity</span>
              </summary>
              <div className="govuk-details__text">
                <dl className="govuk-summary-list">
                  <ActivityRows activity={entry.activity} />
                </dl>
              </div>
            </details>
          </section>
        ) : (
          <section key={entry.id} className="gt-card gt-card--muted" aria-labelledby={`h-${entry.id}`}>
            <h2 className="govuk-heading-s" id={`h-${entry.id}`}>
              Withdrew on {formatDate(entry.on)}
            </h2>
            <p className="govuk-body gt-pre-line">{entry.reason}</p>
            {entry.recordedBy ? <p className="govuk-body-s">Recorded by {entry.recordedBy}</p> : null}
          </section>
        ),
      )}
      <p className="govuk-body">
        <Link className="govuk-link" to={orgPath}>
          Back to {organisation}
        </Link>
      </p>
    </Main>
  );
}
