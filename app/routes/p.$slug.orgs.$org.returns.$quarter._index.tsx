import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { formValues, readForm } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { today } from "~/modules/platform/clock.server";
import { longDate } from "~/modules/returns/calendar";
import type { ReturnReply } from "~/modules/returns/display";
import { fieldLabels, quarterParam, refusedReply, reportingSettings, returnPage } from "~/modules/returns/form-page.server";
import { ReturnForm } from "~/modules/returns/ReturnForm";
import { ReturnFigures, ReturnStatusPanel } from "~/modules/returns/ReturnSummary";
import { editableByOrganisation } from "~/modules/returns/status";
import { NARRATIVE_FIELDS } from "~/modules/returns/validation";
import { saveReturnForm } from "~/modules/returns/workflow.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: `${data?.page.quarter.label ?? "Quarterly"} return — ${data?.organisation.name ?? ""} — Golden Thread`,
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const day = today();
  const quarter = quarterParam(params.quarter, day);
  const ctx = await requireAccess(request, params, "org:view");
  const organisation = ctx.organisation!;
  const page = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    returnPage(tx, {
      partnershipId: ctx.partnership.id,
      organisationId: organisation.id,
      quarter,
      settings: reportingSettings(ctx.partnership),
      today: day,
    }),
  );
  return json({
    slug: ctx.partnership.slug,
    organisation: { id: organisation.id, name: organisation.name },
    page,
    canEdit: ctx.can("return:edit") && editableByOrganisation(page.ret.status) && !page.lock.locked,
    canReview: ctx.can("returns:review"),
  });
}

const Posted = z.object({
  intent: z.enum(["save", "submit"], {
    errorMap: () => ({ message: "Choose Save draft or Submit return" }),
  }),
  baseVersion: z.coerce.number({ invalid_type_error: "Reload the page and try again" }).int().min(0).max(1_000_000_000),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const day = today();
  const quarter = quarterParam(params.quarter, day);
  const ctx = await requireAccess(request, params, "return:edit");
  const posted = formValues(await readForm(request));
  const parsed = Posted.safeParse(posted);
  if (!parsed.success) {
    return json<ReturnReply>(
      {
        values: posted,
        errors: {},
        formError: "The form was incomplete. Reload the page; your input is kept below.",
      },
      { status: 400 },
    );
  }
  const organisation = ctx.organisation!;
  // A database failure here is answered by platform/outage.server.tsx: nothing saved, input kept.
  const { outcome, labels } = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
    const outcome = await saveReturnForm(tx, {
      partnershipId: ctx.partnership.id,
      organisationId: organisation.id,
      quarter: quarter.key,
      userId: ctx.user.id,
      intent: parsed.data.intent,
      baseVersion: parsed.data.baseVersion,
      posted,
      confirmed: posted.confirm !== undefined,
      settings: reportingSettings(ctx.partnership),
      today: day,
    });
    const page =
      outcome.kind === "stale"
        ? await returnPage(tx, {
            partnershipId: ctx.partnership.id,
            organisationId: organisation.id,
            quarter,
            settings: reportingSettings(ctx.partnership),
            today: day,
          })
        : null;
    return {
      outcome,
      labels: fieldLabels(page?.metrics ?? [], [...NARRATIVE_FIELDS]),
    };
  });
  if (outcome.kind === "done") {
    const here = `/p/${ctx.partnership.slug}/orgs/${organisation.id}/returns`;
    if (outcome.outcome === "saved" || outcome.outcome === "already_saved") return redirectWithNotice(`${here}/${quarter.key}`, "Draft saved");
    return redirectWithNotice(here, `${quarter.label} return ${outcome.outcome === "resubmitted" ? "resubmitted" : "submitted"}. Thank you.`);
  }
  const { reply, status } = refusedReply(outcome, posted, labels);
  return json(reply, { status });
}

export default function ReturnPage() {
  const { slug, organisation, page, canEdit, canReview } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as ReturnReply | undefined;
  const base = `/p/${slug}/orgs/${organisation.id}/returns`;
  return (
    <Main backLink={{ to: base, label: "Your returns" }}>
      <span className="govuk-caption-l">{organisation.name}</span>
      <h1 className="govuk-heading-l">{page.quarter.label} return</h1>
      <ReturnStatusPanel ret={page.ret} dueOn={page.lock.dueOn} editableUntil={page.lock.editableUntil} />
      {page.ret.status === "returned" ? (
        <div className="govuk-notification-banner" role="region" aria-labelledby="returned-title">
          <div className="govuk-notification-banner__header">
            <h2 className="govuk-notification-banner__title" id="returned-title">
              Returned for changes
            </h2>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-body gt-prewrap">{page.ret.returnReason}</p>
            <p className="govuk-body">Correct the return and submit it again.</p>
          </div>
        </div>
      ) : null}
      {page.lock.reason === "period" ? (
        <div className="govuk-inset-text">This quarter locked after {longDate(page.lock.editableUntil)}. Ask your coordinator if something needs changing.</div>
      ) : null}
      {page.lock.exceptionUntil ? <div className="govuk-inset-text">Your coordinator has reopened this return until {longDate(page.lock.exceptionUntil)}.</div> : null}
      {!page.expected && !page.ret.status ? (
        <div className="govuk-inset-text">
          {organisation.name} was not expected to report for {page.quarter.label}: its pledge was not current on {longDate(page.quarter.end)}. You can still fill in a return.
        </div>
      ) : null}
      {/* A refused post shows the form with what was typed, even when the return can no longer be changed. */}
      {canEdit || reply ? (
        <ReturnForm
          metrics={page.metrics}
          narrative={page.ret.narrative}
          version={page.ret.version}
          reply={reply}
          storedWarnings={page.warnings}
          disabled={!canEdit}
          reloadHref={`${base}/${page.quarter.key}`}
        />
      ) : (
        <ReturnFigures metrics={page.metrics} ret={page.ret} lastLabel={page.quarter.lastLabel} />
      )}
      <ul className="govuk-list">
        {page.ret.version > 0 ? (
          <li>
            <Link className="govuk-link" to={`${base}/${page.quarter.key}/history`}>
              History of this return
            </Link>
          </li>
        ) : null}
        {canReview ? (
          <li>
            <Link className="govuk-link" to={`${base}/${page.quarter.key}/review`}>
              Review this return
            </Link>
          </li>
        ) : null}
      </ul>
    </Main>
  );
}
