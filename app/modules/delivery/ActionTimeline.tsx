/** An action's quarterly updates, newest first, as a timeline. */
import type { ActionStatus } from "./plan-terms";
import { formatDateTime } from "./display";
import { StatusTag } from "./PlanBits";

export interface TimelineUpdate {
  id: string;
  quarter: string;
  quarterLabel: string;
  status: ActionStatus;
  progress: number | null;
  commentary: string | null;
  recordedAt: string;
  recordedBy: string | null;
}

export function ActionTimeline({ updates }: { updates: TimelineUpdate[] }) {
  if (updates.length === 0) return <p className="govuk-body">No updates have been recorded yet.</p>;
  return (
    <ol className="gt-timeline">
      {updates.map((u) => (
        <li className="gt-timeline__item" key={u.id}>
          <h3 className="govuk-heading-s gt-timeline__title">
            {u.quarterLabel} <StatusTag status={u.status} />
            {u.progress !== null ? <span className="govuk-body-s"> {u.progress}% done</span> : null}
          </h3>
          {u.commentary ? <p className="govuk-body gt-prewrap">{u.commentary}</p> : null}
          <p className="govuk-body-s gt-timeline__meta">
            Recorded {u.recordedBy ? `by ${u.recordedBy} ` : ""}on {formatDateTime(u.recordedAt)}
          </p>
        </li>
      ))}
    </ol>
  );
}
