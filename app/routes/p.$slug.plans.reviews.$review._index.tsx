import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { formatDate, formatDateTime } from "~/modules/delivery/display";
import { requireReview } from "~/modules/delivery/plan-access.server";
import { reviewTitle } from "~/modules/delivery/plan-terms";
import { ReviewReport } from "~/modules/delivery/ReviewReport";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Review"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "review:view");
  const review = await requireReview(ctx, params);
  return json({
    slug: ctx.partnership.slug,
    partnershipName: ctx.partnership.name,
    title: reviewTitle(review.snapshot.plan.financialYear, review.kind),
    review,
    canEdit: ctx.can("review:edit"),
  });
}

export default function ReviewPage() {
  const { slug, partnershipName, title, review, canEdit } = useLoaderData<typeof loader>();
  const { snapshot } = review;
  const base = `/p/${slug}/plans/reviews/${review.id}`;
  return (
    <Main backLink={{ to: `/p/${slug}/plans/${review.planId}`, label: "Back to the plan" }}>
      <div className="gt-report">
        <span className="govuk-caption-l">{partnershipName}</span>
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body-l">
          The delivery plan as it stood on {formatDate(snapshot.asAt)}, the end of {snapshot.quarter.label}. Frozen when the review was opened on {formatDateTime(snapshot.takenAt)}
          {review.openedBy ? ` by ${review.openedBy}` : ""}.
        </p>
        <div className="gt-no-print govuk-button-group">
          <a className="govuk-button govuk-button--secondary" href={`${base}.xlsx`} download>
            Download as a spreadsheet (XLSX)
          </a>
          {canEdit ? (
            <Link className="govuk-link" to={`${base}/summary`}>
              Write the summaries
            </Link>
          ) : null}
        </div>
        {review.borough ? (
          <div className="govuk-inset-text">
            You see this review for {review.borough}: its actions (scoped to {review.borough}, or partnership-wide and led by one of its organisations) and its figures. The
            partnership’s other boroughs and county-wide totals are for board members of the whole partnership.
          </div>
        ) : null}
        <p className="govuk-body gt-no-print">To print the board pack or save it as a PDF, use your browser&apos;s Print command.</p>
        <ReviewReport snapshot={snapshot} summary={review.summary} themeSummaries={review.themeSummaries} />
      </div>
    </Main>
  );
}
