import type { ReactNode } from "react";
import type { OutboxStatus } from "../../../db/types";

export const OUTBOX_STATUS: Record<OutboxStatus, { label: string; tag: string }> = {
  kept: { label: "Kept here", tag: "govuk-tag--yellow" },
  pending: { label: "Waiting to send", tag: "govuk-tag--blue" },
  sent: { label: "Sent", tag: "govuk-tag--green" },
  failed: { label: "Could not send", tag: "govuk-tag--red" },
};

export function OutboxStatusTag({ status }: { status: OutboxStatus }) {
  const s = OUTBOX_STATUS[status];
  return <strong className={`govuk-tag ${s.tag}`}>{s.label}</strong>;
}

/** The plain-text body as sent, with its web addresses made into links so a kept invitation can be passed on. */
export function EmailBody({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    parts.push(text.slice(last, match.index));
    parts.push(
      <a className="govuk-link" href={match[0]} key={match.index}>
        {match[0]}
      </a>,
    );
    last = match.index! + match[0].length;
  }
  parts.push(text.slice(last));
  return <div className="gt-email-body">{parts}</div>;
}
