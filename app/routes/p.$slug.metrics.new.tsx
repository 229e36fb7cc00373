import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { AGGREGATION_LABELS, definitionQuarters, NewMetricSchema } from "~/modules/returns/metric-forms";
import { addMetric, listMetrics } from "~/modules/returns/metrics.server";
import { DefinitionFields, MetricDetailFields } from "~/modules/returns/MetricFields";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, RadiosField, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Add a metric — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "metrics:edit");
  const metrics = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listMetrics(tx, { partnershipId: ctx.partnership.id }));
  const day = today();
  return json({
    slug: ctx.partnership.slug,
    metrics: metrics.map((m) => ({ id: m.id, label: m.label })),
    quarters: definitionQuarters(day).map((q) => ({ key: q.key, label: q.label })),
    current: quarterOf(day).key,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "metrics:edit");
  const form = await parseForm(request, NewMetricSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const d = form.data;
  if (!definitionQuarters(today()).some((q) => q.key === d.validFrom)) return json(refuse(form.values, { validFrom: "Choose a quarter from the list" }), { status: 400 });
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    addMetric(tx, {
      partnershipId: ctx.partnership.id,
      userId: ctx.user.id,
      key: d.key,
      aggregation: d.aggregation,
      details: { label: d.label, group: d.group, unit: d.unit, participantCount: d.participantCount, partOfId: d.partOfId },
      definition: d.definition,
      validFrom: d.validFrom,
    }),
  );
  if (!result.ok) return json(refuse(form.values, { [result.field]: result.message }), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/metrics`, `Added “${d.label}”`);
}

const ORDER = ["key", "label", "group", "unit", "aggregation", "partOfId", "participantCount", "definition", "validFrom"];

export default function NewMetric() {
  const { slug, metrics, quarters, current } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/metrics`, label: "Metrics" }}>
      <ErrorSummary reply={reply} order={ORDER} />
      <h1 className="govuk-heading-l">Add a metric</h1>
      <Form method="post" noValidate>
        <TextField name="key" label="Key" hint="The column name in CSV files. It cannot be changed later." reply={reply} width={20} spellCheck={false} autoComplete="off" />
        <MetricDetailFields reply={reply} otherMetrics={metrics} />
        <RadiosField
          name="aggregation"
          legend="Flow or stock"
          hint="This cannot be changed later."
          reply={reply}
          options={[
            { value: "sum", label: AGGREGATION_LABELS.sum, hint: "Something that happens during the quarter, like referrals." },
            { value: "last", label: AGGREGATION_LABELS.last, hint: "Something counted on the last day, like accredited practitioners." },
          ]}
        />
        <DefinitionFields reply={reply} quarters={quarters} defaultQuarter={current} />
        <Button>Add metric</Button>
      </Form>
    </Main>
  );
}
