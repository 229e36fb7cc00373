import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { CriteriaSchema, loadCriteria, saveCriteria } from "~/modules/dashboards/restorative.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, Checkbox, ErrorSummary, SelectField, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Restorative-borough criteria — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "dashboard:view");
  const criteria = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => loadCriteria(tx, { partnershipId: ctx.partnership.id }));
  return json({ slug: ctx.partnership.slug, criteria, canEdit: ctx.can("partnership:manage") });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const form = await parseForm(request, CriteriaSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const saved = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => saveCriteria(tx, { partnershipId: ctx.partnership.id, userId: ctx.user.id, form: form.data }));
  if (!saved.ok) return json(refuse(form.values, {}, "Someone else changed the criteria since you opened this page. Check them below and save again."), { status: 409 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}#section-restorative`, "Restorative-borough criteria saved");
}

const ORDER = ["minSigned", "minSectors", "minTrainedChampions", "minReturnPercent", "returnQuarters"];

export default function RestorativeCriteria() {
  const { slug, criteria, canEdit } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}`, label: "County dashboard" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={ORDER} />
          <h1 className="govuk-heading-l">Restorative-borough criteria</h1>
          <p className="govuk-body">
            What a borough must meet to count as a restorative borough. Each borough&apos;s dashboard shows which it meets and what is missing, and the county dashboard ranks them.
            Every criterion is optional: untick it or leave its number blank to leave it out. None of them counts people taking part in restorative justice: nobody may be pressured
            into it.
          </p>
          {!criteria.configured ? (
            <div className="govuk-inset-text">
              These are the suggested criteria.{" "}
              {canEdit ? "Save them, or change them first, to make them the partnership's own." : "The coordinator has not set the partnership's own yet."}
            </div>
          ) : null}
          {canEdit ? (
            <Form method="post" noValidate>
              <input type="hidden" name="version" value={criteria.version} />
              <Checkbox name="allStatutorySigned" label="Every statutory partner in the borough has signed the pledge" reply={reply} defaultChecked={criteria.allStatutorySigned} />
              <TextField
                name="minSigned"
                label="At least this many organisations signed"
                hint="Leave blank to leave this out."
                width={5}
                inputMode="numeric"
                reply={reply}
                defaultValue={criteria.minSigned}
              />
              <TextField
                name="minSectors"
                label="Signatories from at least this many sectors"
                hint="Up to 12. Leave blank to leave this out."
                width={3}
                inputMode="numeric"
                reply={reply}
                defaultValue={criteria.minSectors}
              />
              <Checkbox name="championForEverySignatory" label="Every signatory has an RJ champion" reply={reply} defaultChecked={criteria.championForEverySignatory} />
              <TextField
                name="minTrainedChampions"
                label="At least this many champions with facilitator training or accreditation"
                hint="Leave blank to leave this out."
                width={5}
                inputMode="numeric"
                reply={reply}
                defaultValue={criteria.minTrainedChampions}
              />
              <TextField
                name="minReturnPercent"
                label="Returns at least this complete"
                hint="A percentage of the returns expected. Leave blank to leave this out."
                width={3}
                inputMode="numeric"
                suffix="%"
                reply={reply}
                defaultValue={criteria.minReturnPercent}
              />
              <SelectField
                name="returnQuarters"
                label="Over the last"
                reply={reply}
                defaultValue={String(criteria.returnQuarters)}
                options={[1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ value: String(n), label: `${n} quarter${n === 1 ? "" : "s"} that have ended` }))}
              />
              <Checkbox name="noActionOffTrack" label="No delivery plan action for the borough is off track" reply={reply} defaultChecked={criteria.noActionOffTrack} />
              <Button>Save criteria</Button>
            </Form>
          ) : (
            <ul className="govuk-list govuk-list--bullet">
              {criteria.allStatutorySigned ? <li>Every statutory partner has signed</li> : null}
              {criteria.minSigned !== null ? <li>At least {criteria.minSigned} organisations signed</li> : null}
              {criteria.minSectors !== null ? <li>Signatories from at least {criteria.minSectors} sectors</li> : null}
              {criteria.championForEverySignatory ? <li>Every signatory has a champion</li> : null}
              {criteria.minTrainedChampions !== null ? <li>At least {criteria.minTrainedChampions} trained champions</li> : null}
              {criteria.minReturnPercent !== null ? (
                <li>
                  Returns at least {criteria.minReturnPercent}% complete over the last {criteria.returnQuarters} quarters
                </li>
              ) : null}
              {criteria.noActionOffTrack ? <li>No delivery action off track</li> : null}
            </ul>
          )}
        </div>
      </div>
    </Main>
  );
}
