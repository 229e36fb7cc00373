/** A return as read, not edited: status, each figure beside last quarter's, the narrative. */
import { longDate } from "./calendar";
import { dateTime, groupMetrics, type FormMetricView, type ReturnView } from "./display";
import { STATUS_LABELS, STATUS_TAGS, type ReturnStatus } from "./status";
import { NARRATIVE_FIELDS } from "./validation";
import { displayValue } from "./values";

export function StatusTag({ status }: { status: ReturnStatus | null }) {
  const key = status ?? "not_started";
  return <strong className={`govuk-tag ${STATUS_TAGS[key]}`}>{STATUS_LABELS[key]}</strong>;
}

export function ReturnStatusPanel({ ret, dueOn, editableUntil }: { ret: ReturnView; dueOn: string; editableUntil: string }) {
  return (
    <dl className="govuk-summary-list govuk-summary-list--no-border gt-status-list">
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Status</dt>
        <dd className="govuk-summary-list__value">
          <StatusTag status={ret.status} />
        </dd>
      </div>
      <div className="govuk-summary-list__row">
        <dt className="govuk-summary-list__key">Due</dt>
        <dd className="govuk-summary-list__value">
          {longDate(dueOn)} <span className="govuk-hint govuk-!-display-inline">(changes possible until {longDate(editableUntil)})</span>
        </dd>
      </div>
      {ret.firstSubmittedAt ? (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Submitted</dt>
          <dd className="govuk-summary-list__value">
            {dateTime(ret.firstSubmittedAt)}
            {ret.lastSubmittedAt && ret.lastSubmittedAt !== ret.firstSubmittedAt ? `; last resubmitted ${dateTime(ret.lastSubmittedAt)}` : ""}
          </dd>
        </div>
      ) : null}
      {ret.reviewedAt ? (
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Reviewed</dt>
          <dd className="govuk-summary-list__value">{dateTime(ret.reviewedAt)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

export function ReturnFigures({ metrics, ret, lastLabel }: { metrics: FormMetricView[]; ret: ReturnView; lastLabel: string }) {
  return (
    <>
      {groupMetrics(metrics).map(({ group, metrics: list }) => (
        <div className="gt-scroll">
          <table className="govuk-table" key={group}>
            <caption className="govuk-table__caption govuk-table__caption--m">{group}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Metric
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  This quarter
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  {lastLabel}
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {list.map((m) => (
                <tr className="govuk-table__row" key={m.key}>
                  <th scope="row" className="govuk-table__header gt-table__row-header">
                    {m.label}
                    {m.reportedUnder ? <span className="govuk-hint govuk-!-margin-0"> Reported under counting rules version {m.reportedUnder}</span> : null}
                  </th>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{displayValue(m.value)}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{displayValue(m.last) === "Not answered" ? "Not reported" : displayValue(m.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <h2 className="govuk-heading-m">About the quarter</h2>
      <dl className="govuk-summary-list">
        {NARRATIVE_FIELDS.map((f) => (
          <div className="govuk-summary-list__row" key={f.name}>
            <dt className="govuk-summary-list__key">{f.label}</dt>
            <dd className="govuk-summary-list__value gt-prewrap">{ret.narrative[f.name] ?? <span className="govuk-hint">None given</span>}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
