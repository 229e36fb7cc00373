import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import type { CsvProblem } from "~/modules/platform/csv/read.server";
import { ProblemTable, UPLOAD_ACCEPT } from "~/modules/imports/ImportParts";
import { ORGANISATION_CONTACT_COLUMNS, ORGANISATION_CSV_HEADER } from "~/modules/imports/organisation-columns";
import { importOrganisations } from "~/modules/imports/organisations.server";
import { ignoredColumnsNote } from "~/modules/platform/csv/report";
import { readUploadedFile } from "~/modules/platform/csv/upload.server";
import { readForm } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { SECTOR_LABELS, SECTORS } from "~/modules/tenancy/sectors";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, ErrorSummary } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Upload organisations — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "imports:run");
  return json({ slug: ctx.partnership.slug });
}

type Reply = { errors: Record<string, string>; formError?: string; problems?: CsvProblem[]; reading?: string };

/** Thrown inside the transaction to undo every row written when any row is refused. */
class Refused extends Error {
  constructor(
    readonly problems: CsvProblem[],
    readonly ignored: string[],
  ) {
    super("refused");
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "imports:run");
  const upload = await readUploadedFile((await readForm(request)).get("file"));
  if (!upload.ok) return json<Reply>({ errors: { file: upload.message } }, { status: 400 });
  const csv = upload.text;
  try {
    const result = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => {
      const result = await importOrganisations(tx, { partnershipId: ctx.partnership.id, csv });
      if (!result.ok) throw new Refused(result.problems, result.ignored);
      return result;
    });
    const { added, updated, unchanged } = result.summary;
    const notice = [`Upload complete: ${added} added, ${updated} updated, ${unchanged} unchanged.`, upload.reading, ignoredColumnsNote(result.ignored)];
    return redirectWithNotice(`/p/${ctx.partnership.slug}/orgs`, notice.filter(Boolean).join(" "));
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const count = error.problems.length;
    return json<Reply>(
      {
        errors: { file: `The file has ${count} ${count === 1 ? "problem" : "problems"}: nothing was uploaded. Correct them and upload the file again` },
        problems: error.problems,
        reading: [upload.reading, ignoredColumnsNote(error.ignored)].filter(Boolean).join(" "),
      },
      { status: 400 },
    );
  }
}

export default function ImportOrganisations() {
  const { slug } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/orgs` }}>
      <ErrorSummary reply={reply} />
      <h1 className="govuk-heading-l">Upload organisations and prospects</h1>
      <p className="govuk-body">
        Upload a CSV file or an Excel workbook (.xlsx) with one organisation per row: comma, semicolon or tab separated, in any encoding Excel saves. Column names can be in any
        order and any case; other columns are ignored. Organisations already on the list (matched by name) are updated; new ones are added as prospects. The whole file is checked
        first: if any row has a problem, nothing is uploaded and every problem is listed.
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={`/p/${slug}/orgs.csv`} download>
          Download the current list as CSV
        </a>{" "}
        — it has the same columns, so you can add rows to it and upload it back.
      </p>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">The columns</span>
        </summary>
        <div className="govuk-details__text">
          <dl className="govuk-summary-list">
            {[
              ["name", "Required. The organisation's name."],
              ["sector", `Required. One of: ${SECTORS.map((s) => SECTOR_LABELS[s]).join(", ")}.`],
              ["borough", "The borough's name or ONS code; blank or County-wide for an organisation working across the partnership."],
              ["statutory", "yes or no (blank means no)."],
              ["website", "An address starting with https://, or blank."],
              ["pledge_status", "In the download only; ignored on upload (pledge status comes from signatures)."],
              ["contact_name", "Optional. The person to invite to run the organisation's account."],
              ["contact_email", "Optional. Their email address: invitations, and reminders until the organisation has an account, go there."],
            ].map(([k, v]) => (
              <div className="govuk-summary-list__row" key={k}>
                <dt className="govuk-summary-list__key">{k}</dt>
                <dd className="govuk-summary-list__value">{v}</dd>
              </div>
            ))}
          </dl>
          <p className="govuk-body-s">Header row: {[...ORGANISATION_CSV_HEADER, ...ORGANISATION_CONTACT_COLUMNS].join(",")}</p>
        </div>
      </details>
      {reply?.reading ? (
        <p className="govuk-body" id="upload-reading">
          {reply.reading}
        </p>
      ) : null}
      {reply?.problems?.length ? <ProblemTable problems={reply.problems} caption="Problems in the file" /> : null}
      <Form method="post" encType="multipart/form-data" noValidate>
        <div className={`govuk-form-group${reply?.errors?.file ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label govuk-label--s" htmlFor="f-file">
            CSV or Excel file
          </label>
          {reply?.errors?.file ? (
            <p id="f-file-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {reply.errors.file}
            </p>
          ) : null}
          <input
            className={`govuk-file-upload${reply?.errors?.file ? " govuk-file-upload--error" : ""}`}
            id="f-file"
            name="file"
            type="file"
            accept={UPLOAD_ACCEPT}
            aria-describedby={reply?.errors?.file ? "f-file-error" : undefined}
          />
        </div>
        <Button>Upload</Button>
        <p className="govuk-body">
          <Link className="govuk-link" to={`/p/${slug}/orgs`}>
            Back to organisations
          </Link>
        </p>
      </Form>
    </Main>
  );
}
