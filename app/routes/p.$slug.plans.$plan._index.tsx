import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { ownOrganisations, seesWholePlan } from "~/modules/delivery/action-access";
import { formatDate } from "~/modules/delivery/display";
import { PlanThemeTable } from "~/modules/delivery/PlanThemeTable";
import { planAsSeen, requirePlan } from "~/modules/delivery/plan-access.server";
import { arrangeActions, parsePlanQuery } from "~/modules/delivery/plan-table";
import { ACTION_STATUSES, planTitle, REVIEW_KINDS, REVIEW_LABELS, reviewCanOpen, reviewQuarter, STATUS_LABELS } from "~/modules/delivery/plan-terms";
import { derivePlan } from "~/modules/delivery/plan-view";
import { Progress } from "~/modules/delivery/PlanBits";
import { percent } from "~/modules/delivery/progress";
import { listReviews, openReview } from "~/modules/delivery/reviews.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { now, today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? "Delivery plan"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:view");
  const plan = await requirePlan(ctx, params);
  const query = parsePlanQuery(new URL(request.url).searchParams);
  const day = today();
  const { derived, lens, reviews } = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
    const { record, lens } = await planAsSeen(tx, ctx, plan.id);
    return { derived: derivePlan(record, day), lens, reviews: await listReviews(tx, { partnershipId: ctx.partnership.id, planId: plan.id }) };
  });
  // A borough board member's plan already holds only their borough's actions, and its figures are the borough's.
  const only = seesWholePlan(ctx) || lens ? undefined : ownOrganisations(ctx);
  const canReview = ctx.can("review:edit");
  return json({
    slug: ctx.partnership.slug,
    partnershipName: ctx.partnership.name,
    plan: {
      id: plan.id,
      title: planTitle(plan.financialYear),
      progress: derived.progress,
      actions: derived.actions.length,
      overdue: derived.overdue,
      counts: derived.statusCounts,
    },
    title: planTitle(plan.financialYear),
    narrowed: Boolean(only),
    borough: lens?.name ?? null,
    query,
    themes: derived.themes.map((t) => ({
      id: t.id,
      name: t.name,
      position: t.position,
      progress: t.progress,
      total: t.actions.length,
      actions: arrangeActions(t.actions, query, only).map((a) => ({
        id: a.id,
        reference: a.reference,
        title: a.title,
        lead: a.lead.name,
        dueOn: a.dueOn,
        status: a.standing.status,
        progress: a.standing.progress,
        fromMilestones: a.standing.progressSource === "milestones",
        overdue: a.standing.overdue,
      })),
    })),
    reviews: reviews.map((r) => ({ ...r, label: REVIEW_LABELS[r.kind] })),
    openable: canReview
      ? REVIEW_KINDS.filter((k) => !reviews.some((r) => r.kind === k) && reviewCanOpen(plan.financialYear, k, day)).map((k) => ({
          kind: k,
          label: REVIEW_LABELS[k],
          asAt: reviewQuarter(plan.financialYear, k).end,
        }))
      : [],
    canEdit: ctx.can("plan:edit"),
    canSeeReviews: ctx.can("review:view"),
  });
}

const OpenReviewSchema = z.object({ intent: z.literal("open-review"), kind: z.enum(["mid_year", "end_year"], { errorMap: () => ({ message: "Choose which review to open" }) }) });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "review:edit");
  const plan = await requirePlan(ctx, params);
  const form = await parseForm(request, OpenReviewSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    openReview(tx, { partnershipId: ctx.partnership.id, planId: plan.id, kind: form.data.kind, userId: ctx.user.id, now: now() }),
  );
  if (!result.ok) return json(refuse(form.values, {}, result.message), { status: 400 });
  const asAt = formatDate(reviewQuarter(plan.financialYear, form.data.kind).end);
  return redirectWithNotice(`/p/${ctx.partnership.slug}/plans/reviews/${result.reviewId}/summary`, `${REVIEW_LABELS[form.data.kind]} opened: the plan is frozen as at ${asAt}`);
}

export default function Plan() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const { slug, plan } = data;
  const base = `/p/${slug}/plans/${plan.id}`;
  const shown = data.themes.reduce((n, t) => n + t.actions.length, 0);
  return (
    <Main backLink={{ to: `/p/${slug}/plans`, label: "All plans" }}>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{data.partnershipName}</span>
      <h1 className="govuk-heading-l">{plan.title}</h1>
      <div className="gt-figures">
        <div className="gt-figure">
          <span className="gt-figure__value">{percent(plan.progress)}</span>
          <span className="gt-figure__label">progress, weighted by action</span>
        </div>
        <div className="gt-figure">
          <span className="gt-figure__value">{plan.actions}</span>
          <span className="gt-figure__label">actions</span>
        </div>
        <div className="gt-figure">
          <span className="gt-figure__value">{plan.counts.at_risk + plan.counts.off_track}</span>
          <span className="gt-figure__label">at risk or off track</span>
        </div>
        <div className="gt-figure">
          <span className="gt-figure__value">{plan.overdue}</span>
          <span className="gt-figure__label">overdue</span>
        </div>
      </div>

      {data.canEdit ? (
        <div className="govuk-button-group gt-no-print">
          <Link className="govuk-button" to={`${base}/actions/new`}>
            Add an action
          </Link>
          <Link className="govuk-link" to={`${base}/upload`}>
            Upload actions or updates (CSV)
          </Link>
        </div>
      ) : null}
      <p className="govuk-body gt-no-print">
        Download{" "}
        <a className="govuk-link" href={`${base}/actions.csv`} download>
          actions (CSV)
        </a>{" "}
        or{" "}
        <a className="govuk-link" href={`${base}/updates.csv`} download>
          quarterly updates (CSV)
        </a>
      </p>

      {data.canSeeReviews ? (
        <section className="gt-card" aria-labelledby="reviews-heading">
          <h2 className="govuk-heading-m" id="reviews-heading">
            Reviews
          </h2>
          {data.reviews.length === 0 ? <p className="govuk-body">No review has been opened for this plan.</p> : null}
          <ul className="govuk-list">
            {data.reviews.map((r) => (
              <li key={r.id}>
                <Link className="govuk-link" to={`/p/${slug}/plans/reviews/${r.id}`}>
                  {r.label}
                </Link>
              </li>
            ))}
          </ul>
          {data.openable.map((o) => (
            <Form method="post" key={o.kind}>
              <input type="hidden" name="intent" value="open-review" />
              <input type="hidden" name="kind" value={o.kind} />
              <p className="govuk-body">
                Opening the {o.label.toLowerCase()} freezes the plan and the figures as at {formatDate(o.asAt)}.
              </p>
              <Button secondary>Open the {o.label.toLowerCase()}</Button>
            </Form>
          ))}
        </section>
      ) : null}

      <Form method="get" className="gt-filters gt-no-print">
        <input type="hidden" name="sort" value={data.query.sort} />
        <input type="hidden" name="dir" value={data.query.dir} />
        <div className="govuk-form-group">
          <label className="govuk-label" htmlFor="filter-status">
            Status
          </label>
          <select className="govuk-select" id="filter-status" name="status" defaultValue={data.query.status ?? ""}>
            <option value="">Any status</option>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="govuk-form-group govuk-checkboxes govuk-checkboxes--small">
          <div className="govuk-checkboxes__item">
            <input className="govuk-checkboxes__input" id="filter-overdue" name="overdue" type="checkbox" value="1" defaultChecked={data.query.overdue === "1"} />
            <label className="govuk-label govuk-checkboxes__label" htmlFor="filter-overdue">
              Only overdue actions
            </label>
          </div>
        </div>
        <Button secondary>Show actions</Button>
      </Form>
      <p className="govuk-body" role="status">
        {data.borough
          ? `Showing ${shown} of ${plan.actions} actions in ${data.borough}: those scoped to it, and partnership-wide ones led by one of its organisations. Progress and counts are ${data.borough}'s.`
          : data.narrowed
            ? `Showing the ${shown} actions your organisation leads or supports.`
            : `Showing ${shown} of ${plan.actions} actions.`}
      </p>

      {data.themes.map((theme) => (
        <section key={theme.id} className="gt-theme" aria-labelledby={`theme-${theme.id}`}>
          <h2 className="govuk-heading-m" id={`theme-${theme.id}`}>
            {theme.position}. {theme.name}
          </h2>
          <p className="govuk-body">
            Progress <Progress value={theme.progress} /> across {theme.total} {theme.total === 1 ? "action" : "actions"}
          </p>
          <PlanThemeTable theme={theme} base={base} sortState={{ sort: data.query.sort, dir: data.query.dir }} search={search} />
        </section>
      ))}
    </Main>
  );
}
