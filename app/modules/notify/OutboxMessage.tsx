import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { OutboxStatus } from "../../../db/types";
import { formatDateTime } from "../platform/dates";

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

interface OutboxRow {
  id: string;
  subject: string;
  to_address: string;
  created_at: string;
  status: OutboxStatus;
}

/** The outbox as a table, newest first; each subject opens the message at `${base}/${id}`. */
export function OutboxList({ messages, base }: { messages: OutboxRow[]; base: string }) {
  if (messages.length === 0) return <p className="govuk-body">No emails yet.</p>;
  return (
    <div className="gt-scroll">
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Emails, newest first</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Subject
            </th>
            <th scope="col" className="govuk-table__header">
              To
            </th>
            <th scope="col" className="govuk-table__header">
              Written
            </th>
            <th scope="col" className="govuk-table__header">
              Status
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {messages.map((m) => (
            <tr className="govuk-table__row" key={m.id}>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`${base}/${m.id}`}>
                  {m.subject}
                </Link>
              </td>
              <td className="govuk-table__cell gt-break">{m.to_address}</td>
              <td className="govuk-table__cell">{formatDateTime(m.created_at)}</td>
              <td className="govuk-table__cell">
                <OutboxStatusTag status={m.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One email as it was written: to whom, when, whether it went, and its body with live links. */
export function OutboxMessageView({ message }: { message: OutboxRow & { sent_at: string | null; last_error: string | null; body_text: string } }) {
  return (
    <>
      <span className="govuk-caption-l">Email</span>
      <h1 className="govuk-heading-l">{message.subject}</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">To</dt>
          <dd className="govuk-summary-list__value gt-break">{message.to_address}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Written</dt>
          <dd className="govuk-summary-list__value">{formatDateTime(message.created_at)}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Status</dt>
          <dd className="govuk-summary-list__value">
            <OutboxStatusTag status={message.status} />
            {message.sent_at ? ` on ${formatDateTime(message.sent_at)}` : null}
            {message.last_error ? <p className="govuk-body-s govuk-!-margin-top-2">Last attempt: {message.last_error}</p> : null}
          </dd>
        </div>
      </dl>
      <h2 className="govuk-heading-m">Message</h2>
      <EmailBody text={message.body_text} />
    </>
  );
}
