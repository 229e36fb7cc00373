import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound, requireAccess } from "~/modules/auth/guard.server";
import { formValues, parseFormData, readForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { nextQuarter, parseQuarterKey, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { AGGREGATION_LABELS, definitionQuarters, MetricDetailsSchema, RedefineSchema } from "~/modules/returns/metric-forms";
import { listMetrics, redefineMetric, updateMetricDetails } from "~/modules/returns/metrics.server";
import { DefinitionFields, MetricDetailFields } from "~/modules/returns/MetricFields";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.metric.label ?? "Metric"} — Golden Thread` }];

const MetricParam = z.string().uuid();

async function findMetric(partnershipId: string, userId: string, metricParam: string | undefined) {
  const id = MetricParam.safeParse(metricParam);
  if (!id.success) notFound();
  const metrics = await withPartnership(partnershipId, userId, (tx) => listMetrics(tx, { partnershipId }));
  const metric = metrics.find((m) => m.id === id.data);
  if (!metric) notFound();
  return { metric, metrics };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "metrics:edit");
  const { metric, metrics } = await findMetric(ctx.partnership.id, ctx.user.id, params.metric);
  const latest = metric.definitions.at(-1)!;
  const quarters = definitionQuarters(today()).filter((q) => q.key > latest.validFrom);
  const current = quarterOf(today());
  return json({
    slug: ctx.partnership.slug,
    metric: { ...metric, definitions: metric.definitions.map((d) => ({ ...d, label: parseQuarterKey(d.validFrom)?.label ?? d.validFrom })) },
    others: metrics.filter((m) => m.id !== metric.id).map((m) => ({ id: m.id, label: m.label })),
    quarters: quarters.map((q) => ({ key: q.key, label: q.label })),
    defaultQuarter: (quarters.find((q) => q.key === nextQuarter(current).key) ?? quarters.at(-1))?.key ?? "",
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "metrics:edit");
  const { metric } = await findMetric(ctx.partnership.id, ctx.user.id, params.metric);
  const form = await readForm(request);
  const here = `/p/${ctx.partnership.slug}/metrics`;
  if (form.get("intent") === "redefine") {
    const parsed = parseFormData(form, RedefineSchema);
    if (!parsed.ok) return json(parsed.reply, { status: 400 });
    if (!definitionQuarters(today()).some((q) => q.key === parsed.data.validFrom))
      return json(refuse(parsed.values, { validFrom: "Choose a quarter from the list" }), { status: 400 });
    const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
      redefineMetric(tx, { partnershipId: ctx.partnership.id, metricId: metric.id, userId: ctx.user.id, definition: parsed.data.definition, validFrom: parsed.data.validFrom }),
    );
    if (!result) notFound();
    if (!result.ok) return json(refuse(parsed.values, { validFrom: result.message }), { status: 400 });
    return redirectWithNotice(here, `New counting rules for “${metric.label}” from ${parseQuarterKey(parsed.data.validFrom)!.label} (version ${result.version})`);
  }
  const parsed = parseFormData(form, MetricDetailsSchema);
  if (!parsed.ok) return json(parsed.reply.errors.intent ? refuse(formValues(form), {}, "Choose what to change") : parsed.reply, { status: 400 });
  const d = parsed.data;
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    updateMetricDetails(tx, {
      partnershipId: ctx.partnership.id,
      metricId: metric.id,
      details: { label: d.label, group: d.group, unit: d.unit, participantCount: d.participantCount, partOfId: d.partOfId },
    }),
  );
  if (!result) notFound();
  if (!result.ok) return json(refuse(parsed.values, { [result.field]: result.message }), { status: 400 });
  return redirectWithNotice(here, `Saved “${d.label}”`);
}

export default function EditMetric() {
  const { slug, metric, others, quarters, defaultQuarter } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const redefining = reply?.values?.intent === "redefine";
  return (
    <Main backLink={{ to: `/p/${slug}/metrics`, label: "Metrics" }}>
      <ErrorSummary reply={reply} order={["label", "group", "unit", "partOfId", "definition", "validFrom"]} />
      <span className="govuk-caption-l">
        <code>{metric.key}</code> · {AGGREGATION_LABELS[metric.aggregation]}
      </span>
      <h1 className="govuk-heading-l">{metric.label}</h1>
      <h2 className="govuk-heading-m">Name and place</h2>
      <Form method="post" noValidate>
        <MetricDetailFields reply={redefining ? null : reply} values={metric} otherMetrics={others} />
        <Button name="intent" value="details">
          Save
        </Button>
      </Form>

      <h2 className="govuk-heading-m">Counting rules</h2>
      <ol className="govuk-list gt-history">
        {metric.definitions.map((d) => (
          <li key={d.version} className="gt-history__item">
            <strong>
              Version {d.version}
              {d.version > 1 ? `, from ${d.label}` : ""}
            </strong>
            <p className="govuk-body govuk-!-margin-bottom-0">{d.definition}</p>
          </li>
        ))}
      </ol>
      {quarters.length ? (
        <Form method="post" noValidate>
          <h3 className="govuk-heading-s">Change what this metric counts</h3>
          <p className="govuk-body">
            This starts new counting rules from a quarter. Figures already reported keep the rules they were reported under, and charts mark the quarter where they changed. To fix
            a label, use the form above instead.
          </p>
          <DefinitionFields reply={redefining ? reply : null} quarters={quarters} defaultQuarter={defaultQuarter} defaultDefinition={metric.definitions.at(-1)!.definition} />
          <Button name="intent" value="redefine" secondary>
            Start new counting rules
          </Button>
        </Form>
      ) : (
        <p className="govuk-body">New counting rules can start at most a year ahead; the latest version already starts then.</p>
      )}
    </Main>
  );
}
