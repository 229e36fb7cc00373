/**
 * One answer for every request that fails because the database is out of reach (ADR 0020). The
 * server runs each request through `answeringOutages`; `handleError` (entry.server.tsx) reports
 * each unhandled error here. When one was a transient database error and the app answered 5xx,
 * the answer becomes a 503 of our own that needs no loader: for a form, "nothing was saved", what
 * was typed, and a Try again button that posts the same fields to the same address. A full page
 * load gets a self-contained HTML page; a Remix data request gets the same reply as a thrown 503,
 * which the root ErrorBoundary renders with the same component, so the typed input survives with
 * JavaScript on or off. Nothing here holds state between requests: once the database answers
 * again, so does every page (the pg pool opens fresh connections on demand).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { AppLoadContext } from "@remix-run/node";
import { renderToStaticMarkup } from "react-dom/server";
import styles from "~/styles/app.generated.css";
import { SkipLink } from "~/ui/Layout";
import { ServiceUnavailable, type OutageReply } from "~/ui/ServiceUnavailable";
import { isTransientDatabaseError } from "./form.server";

const requestFailures = new AsyncLocalStorage<{ databaseUnreachable: boolean }>();

/** Fields never echoed back or sent again: passwords, one-time and recovery codes, tokens, secrets. */
export const WITHHELD_FIELD = /password|code|token|secret/i;
/** Fields sent again but not listed: the form's own machinery, not something a person typed. */
const UNLISTED_FIELD = /^(intent|redirectTo|_.*)$|version$/i;
const RETRY_AFTER_SECONDS = "30";

/** Reported by handleError for every error a loader, action or render did not handle. */
export function noteRequestFailure(error: unknown) {
  const failures = requestFailures.getStore();
  if (failures && isTransientDatabaseError(error)) failures.databaseUnreachable = true;
}

type Handle = (request: Request, context: AppLoadContext) => Promise<Response>;

export async function answeringOutages(request: Request, context: AppLoadContext, handle: Handle): Promise<Response> {
  const sent = request.method !== "GET" && request.method !== "HEAD";
  // Only a url-encoded form is kept (a small body by the server's limits); a file upload is not copied.
  const urlEncoded = /^application\/x-www-form-urlencoded\b/i.test(request.headers.get("content-type") ?? "");
  const copy = sent && urlEncoded && request.body ? request.clone() : null;
  const failures = { databaseUnreachable: false };
  const response = await requestFailures.run(failures, () => handle(request, context));
  if (!failures.databaseUnreachable || response.status < 500) {
    copy?.body?.cancel().catch(() => {});
    return response;
  }
  await response.body?.cancel().catch(() => {});
  const url = new URL(request.url);
  const dataRequest = url.searchParams.has("_data");
  url.searchParams.delete("_data");
  const reply = sent ? await formReply(copy, url.pathname + url.search, context.requestId) : pageReply(context.requestId);
  const headers = { "Cache-Control": "no-store", "Retry-After": RETRY_AFTER_SECONDS };
  if (dataRequest) {
    return new Response(JSON.stringify(reply), {
      status: 503,
      statusText: "Service Unavailable",
      headers: { ...headers, "Content-Type": "application/json; charset=utf-8", "X-Remix-Catch": "yes" },
    });
  }
  return new Response(`<!DOCTYPE html>${renderToStaticMarkup(<OutagePage reply={reply} />)}`, {
    status: 503,
    statusText: "Service Unavailable",
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8" },
  });
}

function pageReply(reference: string): OutageReply {
  return { outage: true, action: null, fields: [], shown: [], withheld: [], notKept: false, reference };
}

async function formReply(copy: Request | null, action: string, reference: string): Promise<OutageReply> {
  const reply: OutageReply = { ...pageReply(reference), action };
  const form = copy ? await copy.formData().catch(() => null) : null;
  if (!form) return { ...reply, notKept: true };
  return { ...reply, ...typedFields(form) };
}

/**
 * A posted form as it is kept to send again: every field but passwords, codes, tokens and secrets
 * (named in `withheld`, to be asked again), and what the person typed as they can read it. Also
 * used for a post kept over a sign-in (auth/kept-post.server.ts).
 */
export function typedFields(form: FormData): Pick<OutageReply, "fields" | "shown" | "withheld"> {
  const kept: Pick<OutageReply, "fields" | "shown" | "withheld"> = { fields: [], shown: [], withheld: [] };
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== "string") continue;
    const value = raw.replace(/\u0000/g, "");
    const label = labelOf(name);
    if (WITHHELD_FIELD.test(name)) {
      if (value && !kept.withheld.includes(label)) kept.withheld.push(label);
      continue;
    }
    kept.fields.push([name, value]);
    if (value.trim() && !UNLISTED_FIELD.test(name)) kept.shown.push({ label, value: value === "on" ? "Ticked" : value });
  }
  return kept;
}

/** A field's name as words: `value.staff_briefed` → "Value staff briefed", `jobTitle` → "Job title". */
function labelOf(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[._\-[\]]+/g, " ")
    .trim()
    .toLowerCase();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : name;
}

/** The whole page, with no loader and no script: the app's styles are static files. */
function OutagePage({ reply }: { reply: OutageReply }) {
  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Sorry, the service is unavailable — Golden Thread</title>
        <link rel="stylesheet" href={styles} />
      </head>
      <body className="govuk-template__body">
        <SkipLink />
        <header className="gt-header" role="banner">
          <div className="govuk-width-container">
            <div className="govuk-header__container">
              <a href="/" className="gt-header__service">
                Golden Thread
              </a>
            </div>
          </div>
        </header>
        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content" role="main" tabIndex={-1}>
            <ServiceUnavailable reply={reply} />
          </main>
        </div>
      </body>
    </html>
  );
}
