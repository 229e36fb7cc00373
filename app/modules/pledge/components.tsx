/** Pieces of the pledge pages: the pledge text, status tags, the signing task list and answers. */
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { THEMES } from "../delivery/themes";
import { formatDate } from "../platform/dates";
import { PLEDGE_STATUS_LABELS, type PledgeStatus } from "./status";

const STATUS_TAG: Record<PledgeStatus, string> = {
  prospect: "govuk-tag--blue",
  signed: "govuk-tag--green",
  renewal_due: "govuk-tag--yellow",
  lapsed: "govuk-tag--red",
  withdrawn: "govuk-tag--grey",
};

export function PledgeStatusTag({ status }: { status: PledgeStatus }) {
  return <strong className={`govuk-tag ${STATUS_TAG[status]}`}>{PLEDGE_STATUS_LABELS[status]}</strong>;
}

export function PledgeText({ pledge, headingLevel = 2, only }: { pledge: { title: string; introduction: string; commitments: string[] }; headingLevel?: 1 | 2; only?: number[] }) {
  const Heading = headingLevel === 1 ? "h1" : "h2";
  return (
    <div className="gt-pledge-text">
      <Heading className={headingLevel === 1 ? "govuk-heading-l" : "govuk-heading-m"}>{pledge.title}</Heading>
      {pledge.introduction
        .split(/\n{2,}/)
        .filter(Boolean)
        .map((p, i) => (
          <p className="govuk-body" key={i}>
            {p}
          </p>
        ))}
      <ol className="govuk-list govuk-list--number">
        {pledge.commitments.map((c, i) =>
          only && !only.includes(i + 1) ? null : (
            <li key={i} value={i + 1}>
              {c}
            </li>
          ),
        )}
      </ol>
    </div>
  );
}

export function SummaryRow({ label, children, change }: { label: string; children: ReactNode; change?: { to: string; what: string } }) {
  return (
    <div className={`govuk-summary-list__row${change ? "" : " govuk-summary-list__row--no-actions"}`}>
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
      {change ? (
        <dd className="govuk-summary-list__actions">
          <Link className="govuk-link" to={change.to}>
            Change<span className="govuk-visually-hidden"> {change.what}</span>
          </Link>
        </dd>
      ) : null}
    </div>
  );
}

export interface TaskItem {
  id: string;
  label: string;
  to: string | null;
  status: "completed" | "not-started" | "cannot-start";
  hint?: string;
}

export function TaskList({ tasks }: { tasks: TaskItem[] }) {
  return (
    <ul className="govuk-task-list">
      {tasks.map((t) => (
        <li key={t.id} className={`govuk-task-list__item${t.to ? " govuk-task-list__item--with-link" : ""}`}>
          <div className="govuk-task-list__name-and-hint">
            {t.to ? (
              <Link className="govuk-link govuk-task-list__link" to={t.to} aria-describedby={`task-${t.id}-status`}>
                {t.label}
              </Link>
            ) : (
              <div>{t.label}</div>
            )}
            {t.hint ? <div className="govuk-task-list__hint">{t.hint}</div> : null}
          </div>
          <div className="govuk-task-list__status" id={`task-${t.id}-status`}>
            {t.status === "completed" ? (
              "Completed"
            ) : t.status === "cannot-start" ? (
              <span className="govuk-task-list__status--cannot-start">Cannot start yet</span>
            ) : (
              <strong className="govuk-tag govuk-tag--blue">Not yet started</strong>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Proposed activity by theme, as a summary list (blank themes say so). */
export function ActivityRows({ activity, change }: { activity: Record<string, string> | null; change?: string }) {
  return (
    <>
      {THEMES.map((t) => (
        <SummaryRow key={t.key} label={t.label} change={change ? { to: `${change}#f-activity-${t.key}`, what: `activity for ${t.label}` } : undefined}>
          {activity?.[t.key] ? <span className="gt-pre-line">{activity[t.key]}</span> : <span className="govuk-hint govuk-!-margin-0">None proposed</span>}
        </SummaryRow>
      ))}
    </>
  );
}

export function ValidityLine({ signedOn, validUntil }: { signedOn: string; validUntil: string }) {
  return (
    <>
      Signed on {formatDate(signedOn)}, valid until {formatDate(validUntil)}
    </>
  );
}
