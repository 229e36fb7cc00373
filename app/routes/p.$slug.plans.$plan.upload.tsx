import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { ACTION_COLUMNS } from "~/modules/delivery/action-csv.server";
import type { CsvProblem } from "~/modules/delivery/plan-csv.server";
import { requirePlan } from "~/modules/delivery/plan-access.server";
import { planTitle } from "~/modules/delivery/plan-terms";
import { uploadPlanCsv } from "~/modules/delivery/plan-upload.server";
import { UPDATE_COLUMNS } from "~/modules/delivery/update-csv.server";
import { UPLOAD_ACCEPT } from "~/modules/imports/ImportParts";
import { ignoredColumnsNote, quoteCell } from "~/modules/platform/csv/report";
import { readUploadedFile } from "~/modules/platform/csv/upload.server";
import { readForm } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { today } from "~/modules/platform/clock.server";
import { Button, ErrorSummary } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Upload actions or updates — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const plan = await requirePlan(ctx, params);
  return json({
    slug: ctx.partnership.slug,
    plan: { id: plan.id, title: planTitle(plan.financialYear) },
    actionColumns: ACTION_COLUMNS.map((c) => c.label),
    updateColumns: UPDATE_COLUMNS.map((c) => c.label),
  });
}

const KINDS = { "upload-actions": "actions", "upload-updates": "updates" } as const;

interface UploadReply {
  intent: string;
  errors: Record<string, string>;
  problems: CsvProblem[];
  reading?: string;
}

const refused = (intent: string, errors: Record<string, string>, problems: CsvProblem[] = [], reading?: string) =>
  json<UploadReply>({ intent, errors, problems, reading }, { status: 400 });

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:edit");
  const plan = await requirePlan(ctx, params);
  const form = await readForm(request);
  const intent = String(form.get("intent") ?? "") as keyof typeof KINDS;
  const kind = KINDS[intent];
  const file = form.get("file");
  const field = kind === "updates" ? "updatesFile" : "actionsFile";
  if (!kind) return refused(intent, { form: "Choose what to upload" });
  const upload = await readUploadedFile(file);
  if (!upload.ok) return refused(intent, { [field]: upload.message });
  const result = await uploadPlanCsv({
    partnershipId: ctx.partnership.id,
    userId: ctx.user.id,
    planId: plan.id,
    financialYear: plan.financialYear,
    today: today(),
    kind,
    text: upload.text,
  });
  const reading = [upload.reading, ignoredColumnsNote(result.ignored)].filter(Boolean).join(" ");
  if (!result.ok) {
    const count = result.problems.length;
    return refused(intent, { [field]: `The file has ${count} ${count === 1 ? "problem" : "problems"}, listed below. Nothing has been saved.` }, result.problems, reading);
  }
  return redirectWithNotice(`/p/${ctx.partnership.slug}/plans/${plan.id}`, `${result.notice}. ${reading}`);
}

function FileField({ name, label, error }: { name: string; label: string; error?: string }) {
  const id = `f-${name}`;
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`}>
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      {error ? (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      ) : null}
      <input
        className={`govuk-file-upload${error ? " govuk-file-upload--error" : ""}`}
        id={id}
        name="file"
        type="file"
        accept={UPLOAD_ACCEPT}
        aria-describedby={error ? `${id}-error` : undefined}
      />
    </div>
  );
}

export default function Upload() {
  const { slug, plan, actionColumns, updateColumns } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const base = `/p/${slug}/plans/${plan.id}`;
  return (
    <Main backLink={{ to: base, label: `Back to the ${plan.title.toLowerCase()}` }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["actionsFile", "updatesFile"]} />
          <span className="govuk-caption-l">{plan.title}</span>
          <h1 className="govuk-heading-l">Upload actions or updates</h1>
          <p className="govuk-body">
            Each file is checked as a whole. If any cell has a problem, nothing is saved and every problem is listed with its row and column, so you can fix the file and upload it
            again.
          </p>
        </div>
      </div>
      {reply?.reading ? (
        <p className="govuk-body" id="upload-reading">
          {reply.reading}
        </p>
      ) : null}
      {reply?.problems?.length ? (
        <div className="gt-scroll">
          <table className="govuk-table" id="problems">
            <caption className="govuk-table__caption govuk-table__caption--m">Problems in the file</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Row
                </th>
                <th scope="col" className="govuk-table__header">
                  Column
                </th>
                <th scope="col" className="govuk-table__header">
                  Value
                </th>
                <th scope="col" className="govuk-table__header">
                  Problem
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {reply.problems.map((p, i) => (
                <tr className="govuk-table__row" key={i}>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{p.row}</td>
                  <td className="govuk-table__cell">{p.column ? `${p.column} (${p.columnLabel})` : (p.columnLabel ?? "—")}</td>
                  <td className="govuk-table__cell">{p.value === undefined ? "—" : quoteCell(p.value)}</td>
                  <td className="govuk-table__cell">{p.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Form method="post" encType="multipart/form-data" className="gt-card">
            <h2 className="govuk-heading-m">Actions</h2>
            <p className="govuk-body">
              Start from the{" "}
              <a className="govuk-link" href={`${base}/actions.csv`} download>
                actions download
              </a>
              . A row with a reference changes that action; a row with no reference adds one.
            </p>
            <p className="govuk-body-s">Columns: {actionColumns.join(", ")}. Separate several organisations or boroughs with semicolons.</p>
            <input type="hidden" name="intent" value="upload-actions" />
            <FileField name="actionsFile" label="Actions file (CSV or Excel)" error={reply?.intent === "upload-actions" ? reply.errors.actionsFile : undefined} />
            <Button>Upload actions</Button>
          </Form>
        </div>
        <div className="govuk-grid-column-one-half">
          <Form method="post" encType="multipart/form-data" className="gt-card">
            <h2 className="govuk-heading-m">Quarterly updates</h2>
            <p className="govuk-body">
              Start from the{" "}
              <a className="govuk-link" href={`${base}/updates.csv`} download>
                updates download
              </a>
              : it has a row for this quarter for every action not yet updated. Rows left as they were are skipped.
            </p>
            <p className="govuk-body-s">Columns: {updateColumns.join(", ")}. Leave progress blank for actions with milestones.</p>
            <input type="hidden" name="intent" value="upload-updates" />
            <FileField name="updatesFile" label="Updates file (CSV or Excel)" error={reply?.intent === "upload-updates" ? reply.errors.updatesFile : undefined} />
            <Button>Upload updates</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
