import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { forbidden, notFound, requireAccess } from "~/modules/auth/guard.server";
import { formatDate } from "~/modules/platform/dates";
import { parseFormData, readForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import {
  LeavingSchema,
  OrganisationProfileSchema,
  OrganisationSchema,
  recordLeaving,
  recordRejoining,
  updateOrganisation,
  updateOrganisationProfile,
} from "~/modules/tenancy/organisation-setup.server";
import { ORGANISATION_FIELD_ORDER, OrganisationFields, OrganisationProfileFields, PROFILE_FIELD_ORDER } from "~/modules/tenancy/OrganisationFields";
import { historyInWords, organisationHistory } from "~/modules/tenancy/organisation-deletion.server";
import { findOrganisation } from "~/modules/tenancy/organisations.server";
import { listBoroughs } from "~/modules/tenancy/partnerships.server";
import { sectorLabel } from "~/modules/tenancy/sectors";
import { SummaryRow } from "~/modules/pledge/components";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextArea } from "~/ui/form";
import { Main } from "~/ui/Layout";
import { PersonalDataCheck } from "~/ui/PersonalDataCheck";
import { today } from "~/modules/platform/clock.server";
import { unconfirmedPersonalData } from "~/modules/platform/personal-data-check";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Change ${data?.organisation.name ?? "organisation"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:edit");
  const partnershipId = ctx.partnership.id;
  const { organisation, boroughs, history } = await withPartnership(partnershipId, ctx.user.id, async (tx) => ({
    organisation: await findOrganisation(tx, { partnershipId, organisationId: ctx.organisation!.id }),
    boroughs: await listBoroughs(tx, { partnershipId }),
    history: await organisationHistory(tx, { partnershipId, organisationId: ctx.organisation!.id }),
  }));
  if (!organisation) notFound();
  return json({
    back: `/p/${ctx.partnership.slug}/orgs/${organisation.id}`,
    boroughs,
    /** The coordinator classifies the organisation; its own administrator keeps its name and website. */
    classifies: ctx.can("partnership:manage"),
    organisation: {
      name: organisation.name,
      sector: organisation.sector,
      boroughId: organisation.borough_id,
      isStatutory: organisation.is_statutory,
      website: organisation.website,
      sectorLabel: sectorLabel(organisation.sector),
      boroughName: organisation.borough_name ?? "County-wide",
      leftOn: organisation.withdrawn_at ? formatDate(organisation.withdrawn_at) : null,
      leftBecause: organisation.withdrawn_reason,
    },
    history: historyInWords(history),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:edit");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const back = `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`;
  const body = await readForm(request);
  const intent = body.get("intent");
  if ((intent === "leave" || intent === "rejoin") && !ctx.can("partnership:manage")) forbidden();
  if (intent === "save" && !ctx.can("partnership:manage")) {
    const form = parseFormData(body, OrganisationProfileSchema);
    if (!form.ok) return json({ ...form.reply, intent }, { status: 400 });
    const saved = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => updateOrganisationProfile(tx, { ...scope, form: form.data }));
    if (!saved.ok && saved.notFound) notFound();
    if (!saved.ok) return json({ ...refuse(form.values, { [saved.field]: saved.message }), intent }, { status: 400 });
    return redirectWithNotice(back, `${form.data.name} saved`);
  }
  if (intent === "leave") {
    const form = parseFormData(body, LeavingSchema);
    if (!form.ok) return json({ ...form.reply, intent }, { status: 400 });
    const personalData = unconfirmedPersonalData(form.values, [{ name: "reason", label: "Why it left", text: form.data.reason }], today());
    if (personalData.length) return json({ values: form.values, errors: {}, personalData, intent });
    await withPartnership(scope.partnershipId, ctx.user.id, (tx) => recordLeaving(tx, { ...scope, reason: form.data.reason }));
    return redirectWithNotice(back, `Recorded that ${ctx.organisation!.name} has left the programme`);
  }
  if (intent === "rejoin") {
    await withPartnership(scope.partnershipId, ctx.user.id, (tx) => recordRejoining(tx, scope));
    return redirectWithNotice(back, `Recorded that ${ctx.organisation!.name} is back in the programme`);
  }
  if (intent !== "save") return json({ ...refuse({}, {}, "Choose what to change"), intent: null }, { status: 400 });
  const form = parseFormData(body, OrganisationSchema);
  if (!form.ok) return json({ ...form.reply, intent }, { status: 400 });
  const saved = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => updateOrganisation(tx, { ...scope, form: form.data }));
  if (!saved.ok && saved.notFound) notFound();
  if (!saved.ok) return json({ ...refuse(form.values, { [saved.field]: saved.message }), intent }, { status: 400 });
  return redirectWithNotice(back, `${form.data.name} saved`);
}

export default function ChangeOrganisation() {
  const { back, boroughs, classifies, organisation, history } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const detailsReply = reply?.intent === "save" ? reply : null;
  const leavingReply = reply?.intent === "leave" ? reply : null;
  return (
    <Main backLink={{ to: back, label: `Back to ${organisation.name}` }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={classifies ? [...ORGANISATION_FIELD_ORDER, "reason"] : PROFILE_FIELD_ORDER} />
          <span className="govuk-caption-l">{organisation.name}</span>
          <h1 className="govuk-heading-l">Change organisation details</h1>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="save" />
            {classifies ? (
              <OrganisationFields reply={detailsReply} boroughs={boroughs} current={organisation} />
            ) : (
              <OrganisationProfileFields reply={detailsReply} current={organisation} />
            )}
            <Button>Save details</Button>
          </Form>

          {classifies ? (
            <>
              <h2 className="govuk-heading-m">Leaving the programme</h2>
              {organisation.leftOn ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="rejoin" />
                  <p className="govuk-body">
                    Left the programme on {organisation.leftOn}: {organisation.leftBecause}
                  </p>
                  <Button secondary>Record that it has rejoined</Button>
                </Form>
              ) : (
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="leave" />
                  <p className="govuk-body">
                    An organisation that leaves is no longer expected to sign or report, and its history stays. This is not the same as withdrawing from the pledge, which is kept
                    with the pledge’s history.
                  </p>
                  <TextArea
                    name="reason"
                    label="Why it left"
                    hint="For example, the service closed in March, or it merged with another organisation"
                    rows={3}
                    reply={leavingReply}
                  />
                  <PersonalDataCheck warnings={leavingReply && "personalData" in leavingReply ? leavingReply.personalData : null} />
                  <Button warning>Record that it has left</Button>
                </Form>
              )}
            </>
          ) : (
            <>
              <h2 className="govuk-heading-m">How the partnership records it</h2>
              <dl className="govuk-summary-list">
                <SummaryRow label="Sector">{organisation.sectorLabel}</SummaryRow>
                <SummaryRow label="Borough">{organisation.boroughName}</SummaryRow>
                <SummaryRow label="Statutory partner">{organisation.isStatutory ? "Yes" : "No"}</SummaryRow>
              </dl>
              <p className="govuk-body">
                The partnership’s coordinator keeps these, because the dashboards and restorative-borough criteria count by them. Ask the coordinator if one is wrong.
              </p>
            </>
          )}

          {classifies ? <h2 className="govuk-heading-m">Deleting the organisation</h2> : null}
          {!classifies ? null : history ? (
            <p className="govuk-body" id="delete-not-offered">
              It cannot be deleted because it has {history}: its history is kept. If it is no longer taking part, record that it has left.
            </p>
          ) : (
            <>
              <p className="govuk-body">If it was added by mistake, you can delete it: it has no returns, pledge signatures or champions yet.</p>
              <Link className="govuk-button govuk-button--warning" data-module="govuk-button" role="button" draggable="false" to={`${back}/delete`}>
                Delete this organisation
              </Link>
            </>
          )}
        </div>
      </div>
    </Main>
  );
}
