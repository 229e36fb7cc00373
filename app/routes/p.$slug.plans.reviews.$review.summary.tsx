import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { version } from "~/modules/delivery/action-forms.server";
import { requireReview } from "~/modules/delivery/plan-access.server";
import { reviewTitle } from "~/modules/delivery/plan-terms";
import { percent } from "~/modules/delivery/progress";
import { saveSummaries } from "~/modules/delivery/reviews.server";
import { optionalText, parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextArea } from "~/ui/form";
import { Main } from "~/ui/Layout";
import { PersonalDataCheck } from "~/ui/PersonalDataCheck";
import { today } from "~/modules/platform/clock.server";
import { unconfirmedPersonalData } from "~/modules/platform/personal-data-check";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Summaries: ${data?.title ?? "review"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "review:edit");
  const review = await requireReview(ctx, params);
  return json({ slug: ctx.partnership.slug, title: reviewTitle(review.snapshot.plan.financialYear, review.kind), review });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "review:edit");
  const review = await requireReview(ctx, params);
  const themeFields = Object.fromEntries(review.snapshot.themes.map((t) => [`summary-${t.id}`, optionalText("the theme's summary", 8000)]));
  const schema = z.object({ version, summary: optionalText("the summary", 8000), ...themeFields });
  const form = await parseForm(request, schema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const fields: Record<string, unknown> = form.data;
  const personalData = unconfirmedPersonalData(
    form.values,
    [
      {
        name: "summary",
        label: "The overall summary",
        text: form.data.summary,
      },
      ...review.snapshot.themes.map((t) => ({
        name: `summary-${t.id}`,
        label: `The summary of ${t.name}`,
        text: fields[`summary-${t.id}`] as string | null,
      })),
    ],
    today(),
  );
  if (personalData.length) return json({ values: form.values, personalData });
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    saveSummaries(tx, {
      partnershipId: ctx.partnership.id,
      reviewId: review.id,
      version: form.data.version,
      summary: form.data.summary,
      themeSummaries: Object.fromEntries(review.snapshot.themes.map((t) => [t.id, (fields[`summary-${t.id}`] as string | null) ?? null])),
    }),
  );
  if (!result.ok) {
    const message =
      "Someone else saved these summaries while you had this page open, so yours have not been saved. What you wrote is below: compare it with the review, then save again.";
    return json(refuse(form.values, {}, message), { status: 409 });
  }
  return redirectWithNotice(`/p/${ctx.partnership.slug}/plans/reviews/${review.id}`, "Summaries saved");
}

export default function ReviewSummaries() {
  const { slug, title, review } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/plans/reviews/${review.id}`, label: "Back to the review" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["summary", ...review.snapshot.themes.map((t) => `summary-${t.id}`)]} />
          <span className="govuk-caption-l">{title}</span>
          <h1 className="govuk-heading-l">Write the summaries for the board</h1>
          <p className="govuk-body">The figures are frozen as they were when the review was opened; your summaries can be changed until the board meets.</p>
          <Form method="post" noValidate>
            <input type="hidden" name="version" value={review.version} />
            <TextArea name="summary" label="Overall summary" labelClassName="govuk-label--m" rows={5} defaultValue={review.summary} reply={reply} />
            {review.snapshot.themes.map((t) => (
              <TextArea
                key={t.id}
                name={`summary-${t.id}`}
                label={`${t.position}. ${t.name}`}
                labelClassName="govuk-label--s"
                hint={`${t.actions} actions, ${percent(t.progress)} progress; ${t.statusCounts.at_risk} at risk, ${t.statusCounts.off_track} off track, ${t.overdue} overdue`}
                rows={4}
                defaultValue={review.themeSummaries[t.id] ?? ""}
                reply={reply}
              />
            ))}
            <PersonalDataCheck warnings={reply && "personalData" in reply ? reply.personalData : null} />
            <Button>Save the summaries</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
