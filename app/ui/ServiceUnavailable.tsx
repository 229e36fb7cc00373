/**
 * What a person sees while the database is out of reach (platform/outage.server.tsx decides when):
 * for a form, that nothing was saved, what they entered, and a Try again button that sends the
 * same fields again to the same address. A plain HTML form, so it works with or without JavaScript,
 * in the server's own 503 page and in the root ErrorBoundary alike.
 */
import { useEffect, useRef } from "react";

export interface OutageReply {
  outage: true;
  /** Where the form was sent (path and query), to send it again; null when no form was sent. */
  action: string | null;
  /** Every field to send again, in the order it came (passwords and codes left out). */
  fields: Array<[string, string]>;
  /** What the person entered, as they can read it. */
  shown: Array<{ label: string; value: string }>;
  /** Fields never echoed back (passwords, codes, tokens, secrets), by label: to enter again. */
  withheld: string[];
  /** The form carried a file, or a body that is not kept: it must be sent again from the form. */
  notKept: boolean;
  reference: string;
}

export function isOutageReply(data: unknown): data is OutageReply {
  return typeof data === "object" && data !== null && (data as { outage?: unknown }).outage === true;
}

export function ServiceUnavailable({ reply }: { reply: OutageReply }) {
  const { action } = reply;
  const heading = useRef<HTMLHeadingElement>(null);
  // Shown in place of the page after a client-side submission: move focus so it is announced.
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l" ref={heading} tabIndex={-1}>
          Sorry, the service is unavailable
        </h1>
        {action === null ? (
          <p className="govuk-body">The service cannot reach its database at the moment. Try again in a few minutes.</p>
        ) : (
          <>
            <p className="govuk-body">The service could not reach its database, so nothing was saved.</p>
            {reply.notKept ? (
              <p className="govuk-body">
                Try again in a few minutes:{" "}
                <a className="govuk-link" href={action}>
                  go back to the form
                </a>{" "}
                and send it again.
              </p>
            ) : (
              <p className="govuk-body">What you entered is below. Try again in a few minutes: the button sends it again.</p>
            )}
            {reply.shown.length ? (
              <>
                <h2 className="govuk-heading-m">What you entered</h2>
                <dl className="govuk-summary-list">
                  {reply.shown.map((row, i) => (
                    <div className="govuk-summary-list__row" key={i}>
                      <dt className="govuk-summary-list__key">{row.label}</dt>
                      <dd className="govuk-summary-list__value gt-prewrap">{row.value}</dd>
                    </div>
                  ))}
                </dl>
              </>
            ) : null}
            {reply.withheld.length ? (
              <div className="govuk-inset-text">
                For your security, {reply.withheld.length === 1 ? "this was" : "these were"} not kept, so you will be asked again: {reply.withheld.join(", ")}.
              </div>
            ) : null}
            {reply.notKept ? null : (
              <form method="post" action={action}>
                {reply.fields.map(([name, value], i) => (
                  <input type="hidden" name={name} value={value} key={i} />
                ))}
                <button type="submit" className="govuk-button" data-module="govuk-button">
                  Try again
                </button>
              </form>
            )}
          </>
        )}
        <p className="govuk-body">
          If it keeps happening, contact support and quote reference <strong className="gt-nowrap">{reply.reference}</strong>.
        </p>
      </div>
    </div>
  );
}
