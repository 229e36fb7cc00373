/**
 * Pieces every CSV upload page shares: the list of problems by row and column, and the progress of
 * a running upload (read from its job row, polled while the upload runs when JavaScript is on).
 */
import type { ImportJobStatus } from "../../../db/types";
import type { CsvProblem } from "../platform/csv/read.server";
import { quoteCell } from "../platform/csv/report";

/** What an upload's file input offers: CSV and text in any encoding Excel saves, and workbooks. */
export const UPLOAD_ACCEPT = ".csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function ProblemTable({ problems, total, caption }: { problems: CsvProblem[]; total?: number; caption: string }) {
  const more = (total ?? problems.length) - problems.length;
  return (
    <div className="gt-scroll">
      <table className="govuk-table" id="upload-problems">
        <caption className="govuk-table__caption govuk-table__caption--m">{caption}</caption>
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
          {problems.map((p, i) => (
            <tr className="govuk-table__row" key={i}>
              <td className="govuk-table__cell govuk-table__cell--numeric">{p.row || "–"}</td>
              <td className="govuk-table__cell">{p.column || "–"}</td>
              <td className="govuk-table__cell">{p.value === undefined ? "–" : quoteCell(p.value)}</td>
              <td className="govuk-table__cell">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <p className="govuk-body">…and {more.toLocaleString("en-GB")} more. Fix these and upload the file again to see the rest.</p> : null}
    </div>
  );
}

export interface JobProgressView {
  status: ImportJobStatus;
  processedRows: number;
  totalRows: number;
}

/** Announced politely to screen readers as it changes. */
export function ImportProgress({ job, uploading }: { job: JobProgressView | null; uploading: boolean }) {
  if (!uploading && (!job || job.status === "done" || job.status === "rejected" || job.status === "failed")) return null;
  const total = job?.totalRows ?? 0;
  const done = job?.processedRows ?? 0;
  const text = !job
    ? "Uploading the file…"
    : job.status === "checking"
      ? `Checking ${total.toLocaleString("en-GB")} rows…`
      : `Saving: ${done.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} rows`;
  return (
    <div className="gt-card gt-progress" role="status" aria-live="polite">
      <p className="govuk-body govuk-!-margin-bottom-2" id="upload-progress-label">
        {text}
      </p>
      <progress aria-labelledby="upload-progress-label" max={Math.max(total, 1)} value={job?.status === "applying" ? done : undefined} />
    </div>
  );
}
