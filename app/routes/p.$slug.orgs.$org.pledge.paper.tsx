import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { today } from "~/modules/platform/clock.server";
import { formatDate } from "~/modules/platform/dates";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { paperSignatureSchema, recordPaperSignature } from "~/modules/pledge/paper.server";
import { listVersions } from "~/modules/pledge/versions.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { DateField } from "~/ui/DateField";
import { Button, CheckboxesField, ErrorSummary, SelectField, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Record a paper signature — Golden Thread" }];

const VersionParam = z.string().uuid().nullable().catch(null);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:edit");
  const { published } = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listVersions(tx, { partnershipId: ctx.partnership.id }));
  const asked = VersionParam.parse(new URL(request.url).searchParams.get("version"));
  const version = published.find((v) => v.id === asked) ?? published[0] ?? null;
  return json({
    organisation: ctx.organisation!.name,
    base: `/p/${ctx.partnership.slug}/orgs/${ctx.organisation!.id}/pledge`,
    versions: published.map((v) => ({ id: v.id, label: `Version ${v.version}, published ${formatDate(v.publishedAt!)}` })),
    version: version ? { id: version.id, number: version.version, title: version.title, commitments: version.commitments } : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:edit");
  const day = today();
  const form = await parseForm(request, paperSignatureSchema(day));
  if (!form.ok) return json(form.reply, { status: 400 });
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const result = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => recordPaperSignature(tx, { ...scope, userId: ctx.user.id, today: day, input: form.data }));
  if (!result.ok) return json(refuse(form.values, result.errors as Record<string, string>), { status: 400 });
  return redirectWithNotice(
    `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}/pledge`,
    `Recorded the paper signature of ${ctx.organisation!.name}, signed on ${formatDate(form.data.signedOn)}`,
  );
}

export default function RecordPaperSignature() {
  const { organisation, base, versions, version } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: base, label: "Back to the pledge history" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["versionId", "signatoryName", "signatoryTitle", "signedOn", "commitments"]} />
          <span className="govuk-caption-l">{organisation}</span>
          <h1 className="govuk-heading-l">Record a signature made on a paper form</h1>
          {!version ? (
            <p className="govuk-body">The partnership has not published its pledge yet, so there is nothing to have signed.</p>
          ) : (
            <>
              <p className="govuk-body">
                Enter what the signed form says. It counts as a signature made online would, and the pledge history and audit trail show that you recorded it from a paper form.
              </p>
              {versions.length > 1 ? (
                <Form method="get" className="gt-card">
                  <SelectField
                    name="version"
                    label="Version of the pledge on the form"
                    options={versions.map((v) => ({ value: v.id, label: v.label }))}
                    defaultValue={version.id}
                  />
                  <Button secondary>Show its commitments</Button>
                </Form>
              ) : null}
              <Form method="post" noValidate>
                <input type="hidden" name="versionId" value={version.id} />
                <p className="govuk-body">
                  Version {version.number} of {version.title}.
                </p>
                <TextField name="signatoryName" label="Name of the person who signed" reply={reply} autoComplete="off" />
                <TextField name="signatoryTitle" label="Their job title" hint="A senior person, for example Chief Executive" reply={reply} autoComplete="off" />
                <DateField name="signedOn" legend="Date it was signed" hint="As written on the form, for example 27 3 2026" reply={reply} />
                <CheckboxesField
                  name="commitments"
                  legend="Commitments ticked on the form"
                  reply={reply}
                  options={version.commitments.map((c, i) => ({ value: String(i + 1), label: `${i + 1}. ${c}` }))}
                />
                <Button>Record the signature</Button>
              </Form>
            </>
          )}
          <p className="govuk-body">
            <Link className="govuk-link" to={base}>
              Cancel
            </Link>
          </p>
        </div>
      </div>
    </Main>
  );
}
