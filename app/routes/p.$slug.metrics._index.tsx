import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { parseForm } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { parseQuarterKey, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { groupMetrics } from "~/modules/returns/display";
import { AGGREGATION_LABELS } from "~/modules/returns/metric-forms";
import { ensureMetricFramework, listMetrics, moveMetric, setMetricRetired } from "~/modules/returns/metrics.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Metrics — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "returns:view");
  const metrics = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
    await ensureMetricFramework(tx, { partnershipId: ctx.partnership.id });
    return listMetrics(tx, { partnershipId: ctx.partnership.id });
  });
  const current = quarterOf(today());
  return json({
    slug: ctx.partnership.slug,
    current: { key: current.key, label: current.label },
    metrics: metrics.map((m) => ({ ...m, definition: m.definitions.at(-1)!, retiredLabel: m.retiredFrom ? (parseQuarterKey(m.retiredFrom)?.label ?? m.retiredFrom) : null })),
    canEdit: ctx.can("metrics:edit"),
  });
}

const Posted = z.object({
  intent: z.enum(["up", "down", "retire", "restore"], { errorMap: () => ({ message: "Choose an action" }) }),
  metricId: z.string({ required_error: "Choose a metric" }).uuid("Choose a metric"),
});

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "metrics:edit");
  const form = await parseForm(request, Posted);
  if (!form.ok) return json(form.reply, { status: 400 });
  const { intent, metricId } = form.data;
  const partnershipId = ctx.partnership.id;
  const current = quarterOf(today());
  const done = await withPartnership(partnershipId, ctx.user.id, (tx) =>
    intent === "up" || intent === "down"
      ? moveMetric(tx, { partnershipId, metricId, direction: intent })
      : setMetricRetired(tx, { partnershipId, metricId, retiredFrom: intent === "retire" ? current.key : null }),
  );
  if (!done) notFound();
  const notices = { up: "Moved up", down: "Moved down", retire: `Retired from ${current.label}: it is no longer on returns from this quarter`, restore: "Back on the return" };
  return redirectWithNotice(`/p/${ctx.partnership.slug}/metrics`, notices[intent]);
}

function ActionButton({ intent, metricId, children, label }: { intent: string; metricId: string; children: string; label: string }) {
  return (
    <Form method="post" className="gt-inline-form">
      <input type="hidden" name="metricId" value={metricId} />
      <button type="submit" name="intent" value={intent} className="gt-link-button">
        {children}
        <span className="govuk-visually-hidden"> {label}</span>
      </button>
    </Form>
  );
}

export default function Metrics() {
  const { slug, current, metrics, canEdit } = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: `/p/${slug}/returns`, label: "Quarterly returns" }}>
      <h1 className="govuk-heading-l">Metrics</h1>
      <p className="govuk-body">
        What every organisation reports each quarter. Participant counts (people taking part in restorative justice) are never given targets or ratings: taking part is voluntary.
        Changing what a metric counts starts a new version of its counting rules from a quarter, and charts mark where it changed.
      </p>
      {canEdit ? (
        <p className="govuk-body">
          <Link className="govuk-button govuk-button--secondary" to={`/p/${slug}/metrics/new`}>
            Add a metric
          </Link>
        </p>
      ) : null}
      {groupMetrics(metrics).map(({ group, metrics: list }) => (
        <div className="gt-scroll" key={group}>
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m">{group}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Metric
                </th>
                <th scope="col" className="govuk-table__header">
                  Kind
                </th>
                <th scope="col" className="govuk-table__header">
                  Counting rules
                </th>
                {canEdit ? (
                  <th scope="col" className="govuk-table__header">
                    Change
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {list.map((m) => (
                <tr className="govuk-table__row" key={m.id}>
                  <th scope="row" className="govuk-table__header">
                    {m.label}
                    <span className="govuk-hint govuk-!-margin-0">
                      <code>{m.key}</code>
                      {m.participantCount ? " · participant count" : ""}
                      {m.retiredLabel ? ` · retired from ${m.retiredLabel}` : ""}
                    </span>
                  </th>
                  <td className="govuk-table__cell">{AGGREGATION_LABELS[m.aggregation]}</td>
                  <td className="govuk-table__cell">
                    Version {m.definition.version}
                    {m.definition.version > 1 ? ` (from ${parseQuarterKey(m.definition.validFrom)?.label ?? m.definition.validFrom})` : ""}: {m.definition.definition}
                  </td>
                  {canEdit ? (
                    <td className="govuk-table__cell gt-actions">
                      <Link className="govuk-link" to={`/p/${slug}/metrics/${m.id}`}>
                        Edit<span className="govuk-visually-hidden"> {m.label}</span>
                      </Link>
                      <ActionButton intent="up" metricId={m.id} label={m.label}>
                        Move up
                      </ActionButton>
                      <ActionButton intent="down" metricId={m.id} label={m.label}>
                        Move down
                      </ActionButton>
                      {m.retiredFrom ? (
                        <ActionButton intent="restore" metricId={m.id} label={m.label}>
                          Put back on the return
                        </ActionButton>
                      ) : (
                        <ActionButton intent="retire" metricId={m.id} label={m.label}>
                          {`Retire from ${current.label}`}
                        </ActionButton>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </Main>
  );
}
