import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { ErrorSummary, useErrorTitle } from "~/ui/form";
import type { CsvProblem } from "~/modules/platform/csv/read.server";
import { ImportProgress, ProblemTable, UPLOAD_ACCEPT } from "~/modules/imports/ImportParts";
import { findImportJob } from "~/modules/imports/jobs.server";
import { ignoredColumnsNote } from "~/modules/platform/csv/report";
import { readUploadedFile } from "~/modules/platform/csv/upload.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { parseQuarterKey, previousQuarter, quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { recentQuarters } from "~/modules/returns/calendar";
import { quarterFromParam } from "~/modules/returns/overview.server";
import { importQuarterValues } from "~/modules/returns/values-csv.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Upload quarterly values — Golden Thread" }];

const Uuid = z.string().uuid();

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "imports:run");
  const url = new URL(request.url);
  const day = today();
  const choices = recentQuarters(day, 8);
  const asked = quarterFromParam(url.searchParams.get("quarter"));
  const quarter = asked && choices.some((q) => q.key === asked.key) ? asked : previousQuarter(quarterOf(day));
  const jobParam = Uuid.safeParse(url.searchParams.get("job"));
  const job = jobParam.success
    ? await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findImportJob(tx, { partnershipId: ctx.partnership.id, jobId: jobParam.data }))
    : null;
  return json({
    slug: ctx.partnership.slug,
    quarter: { key: quarter.key, label: quarter.label },
    quarters: choices.map((q) => ({ key: q.key, label: q.label })),
    // A fresh id for each upload the page offers: a repeated post of the same upload finds its job.
    jobId: crypto.randomUUID(),
    job:
      job && job.kind === "quarter-values"
        ? { id: job.id, subject: job.subject, fileName: job.fileName, status: job.status, processedRows: job.processedRows, totalRows: job.totalRows, report: job.report }
        : null,
  });
}

/** `field` is where the message goes beside the form: the quarter or the file (fieldId names). */
type Rejected = { problems: CsvProblem[]; problemCount: number; fileName: string; formError?: string; field?: "upload-quarter" | "file"; reading?: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "imports:run");
  const day = today();
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return json<Rejected>({ problems: [], problemCount: 0, fileName: "", formError: "The upload did not arrive complete. Try again.", field: "file" }, { status: 400 });
  }
  const quarter = parseQuarterKey(String(form.get("quarter") ?? ""));
  if (!quarter || quarter.start > day)
    return json<Rejected>({ problems: [], problemCount: 0, fileName: "", formError: "Choose a quarter from the list", field: "upload-quarter" }, { status: 400 });
  const jobId = Uuid.safeParse(form.get("jobId"));
  const file = form.get("file");
  if (!jobId.success)
    return json<Rejected>({ problems: [], problemCount: 0, fileName: "", formError: "Reload the page and upload the file again.", field: "file" }, { status: 400 });
  const upload = await readUploadedFile(file);
  if (!upload.ok) return json<Rejected>({ problems: [], problemCount: 0, fileName: "", formError: upload.message, field: "file" }, { status: 400 });
  const { text, fileName, reading } = upload;
  const outcome = await importQuarterValues({ partnershipId: ctx.partnership.id, userId: ctx.user.id, quarter, text, jobId: jobId.data, fileName, reading });
  const here = `/p/${ctx.partnership.slug}/returns/import?quarter=${quarter.key}&job=${jobId.data}`;
  if (outcome.kind === "repeat") return redirect(here);
  if (outcome.kind === "rejected") {
    const note = [reading, ignoredColumnsNote(outcome.ignored)].filter(Boolean).join(" ");
    return json<Rejected>({ problems: outcome.problems.slice(0, 1000), problemCount: outcome.problems.length, fileName, reading: note }, { status: 400 });
  }
  const done = outcome.returnsChanged ? `Upload complete: ${outcome.returnsChanged} returns corrected.` : "Upload complete: nothing needed changing.";
  return redirectWithNotice(here, [done, reading, ignoredColumnsNote(outcome.ignored)].filter(Boolean).join(" "));
}

type JobView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["job"]>;

function JobReport({ job }: { job: JobView }) {
  const report = job.report as {
    rows?: number;
    returnsChanged?: number;
    valuesChanged?: number;
    problems?: CsvProblem[];
    problemCount?: number;
    message?: string;
    reading?: string;
    ignored?: string[];
  };
  const note = [report.reading, ignoredColumnsNote(report.ignored)].filter(Boolean).join(" ");
  if (job.status === "done") {
    return (
      <div className="gt-card" id="upload-report">
        <h2 className="govuk-heading-m">Upload of {job.fileName} complete</h2>
        <p className="govuk-body">
          {report.rows ?? 0} rows checked.{" "}
          {report.returnsChanged ? `${report.returnsChanged} returns corrected (${report.valuesChanged} values).` : "Nothing changed: every value matched what was already stored."}
        </p>
        {note ? <p className="govuk-body">{note}</p> : null}
      </div>
    );
  }
  if (job.status === "rejected") {
    return (
      <>
        {note ? <p className="govuk-body">{note}</p> : null}
        <ProblemTable problems={report.problems ?? []} total={report.problemCount} caption={`${job.fileName} was not uploaded: fix these and try again`} />
      </>
    );
  }
  if (job.status === "failed") return <p className="govuk-body">{report.message ?? "The upload failed and changed nothing."}</p>;
  return null;
}

export default function ImportValues() {
  const { slug, quarter, quarters, jobId, job } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const upload = useFetcher<typeof action>();
  const poll = useFetcher<typeof loader>();
  const rejected = (upload.data ?? actionData) as Rejected | undefined;
  const uploading = upload.state !== "idle";
  const uploadingJob = upload.formData?.get("jobId");

  // A refused upload: its message by the field it is about, and the summary takes focus so it is read first.
  const fieldReply = rejected?.formError ? { errors: { [rejected.field ?? "file"]: rejected.formError } } : null;
  const fileError = fieldReply?.errors.file;
  const quarterError = fieldReply?.errors["upload-quarter"];
  const problemsRef = useRef<HTMLDivElement>(null);
  const problemCount = rejected?.problems?.length ?? 0;
  useEffect(() => {
    if (problemCount) problemsRef.current?.focus();
  }, [problemCount, rejected]);
  useErrorTitle(problemCount > 0);

  useEffect(() => {
    if (!uploading || typeof uploadingJob !== "string") return;
    const timer = setInterval(() => poll.load(`/p/${slug}/returns/import?quarter=${quarter.key}&job=${uploadingJob}`), 1000);
    return () => clearInterval(timer);
    // poll.load is stable enough for a timer; re-running on each poll result would reset it
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [uploading, uploadingJob, slug, quarter.key]);

  return (
    <Main backLink={{ to: `/p/${slug}/returns?quarter=${quarter.key}`, label: "Quarterly returns" }}>
      <ErrorSummary reply={fieldReply} />
      {rejected?.problems?.length ? (
        <div className="govuk-error-summary" role="alert" tabIndex={-1} ref={problemsRef}>
          <h2 className="govuk-error-summary__title">The file was not uploaded: nothing has changed</h2>
          <div className="govuk-error-summary__body">
            <p className="govuk-body">
              <a className="govuk-link" href="#upload-problems">
                {rejected.problemCount} {rejected.problemCount === 1 ? "problem" : "problems"} in {rejected.fileName}
              </a>
              , listed below by row and column. Fix them all and upload the whole file again.
            </p>
          </div>
        </div>
      ) : null}
      <h1 className="govuk-heading-l">Upload quarterly values</h1>
      {job && !uploading ? <JobReport job={job} /> : null}
      <p className="govuk-body">
        Enter or correct many organisations' figures at once. Start from the{" "}
        <a className="govuk-link" href={`/p/${slug}/returns/${quarter.key}/values.csv`} download>
          {quarter.label} values file
        </a>
        : one row per organisation, one column per metric. In each cell put a whole number, <strong>N/A</strong> for not applicable, or leave it empty if not answered. Columns you
        remove are left as they are.
      </p>
      <p className="govuk-body">The whole file is checked first: if any cell is wrong, nothing changes and every problem is listed by row and column.</p>
      <upload.Form method="post" encType="multipart/form-data" action={`/p/${slug}/returns/import?quarter=${quarter.key}`}>
        <input type="hidden" name="jobId" value={jobId} />
        <div className={`govuk-form-group${quarterError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="f-upload-quarter">
            Quarter
          </label>
          {quarterError ? (
            <p id="f-upload-quarter-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {quarterError}
            </p>
          ) : null}
          <select
            className={`govuk-select${quarterError ? " govuk-select--error" : ""}`}
            id="f-upload-quarter"
            name="quarter"
            defaultValue={quarter.key}
            aria-describedby={quarterError ? "f-upload-quarter-error" : undefined}
          >
            {quarters.map((q) => (
              <option key={q.key} value={q.key}>
                {q.label}
              </option>
            ))}
          </select>
        </div>
        <div className={`govuk-form-group${fileError ? " govuk-form-group--error" : ""}`}>
          <label className="govuk-label" htmlFor="f-file">
            CSV or Excel file
          </label>
          {fileError ? (
            <p id="f-file-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {fileError}
            </p>
          ) : null}
          <input
            className={`govuk-file-upload${fileError ? " govuk-file-upload--error" : ""}`}
            id="f-file"
            name="file"
            type="file"
            accept={UPLOAD_ACCEPT}
            aria-describedby={fileError ? "f-file-error" : undefined}
          />
        </div>
        <button type="submit" className="govuk-button" data-module="govuk-button" disabled={uploading}>
          Upload and check
        </button>
      </upload.Form>
      <ImportProgress job={uploading ? (poll.data?.job ?? null) : null} uploading={uploading} />
      {rejected?.reading ? (
        <p className="govuk-body" id="upload-reading">
          {rejected.reading}
        </p>
      ) : null}
      {rejected?.problems?.length ? <ProblemTable problems={rejected.problems} total={rejected.problemCount} caption={`Problems in ${rejected.fileName}`} /> : null}
      <p className="govuk-body">
        <Link className="govuk-link" to={`/p/${slug}/returns?quarter=${quarter.key}`}>
          Back to the {quarter.label} returns
        </Link>
      </p>
    </Main>
  );
}
