/**
 * After signing in again: the form that was sent when the session had ended, with what was typed,
 * to send on to where it was going (auth/kept-post.server.ts). Taken as it is shown: the page's
 * own form now holds it. A plain HTML form, so it works with or without JavaScript.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { takeKeptPost } from "~/modules/auth/kept-post.server";
import { requireUser } from "~/modules/auth/guard.server";
import { safeRedirect } from "~/modules/auth/login.server";
import { landingPath } from "~/modules/tenancy/places.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Send what you typed — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { post, clear } = await takeKeptPost(request);
  const path = post ? safeRedirect(post.path) : null;
  if (!post || !path) return redirect(await landingPath(user), { headers: { "Set-Cookie": clear } });
  return json({ path, fields: post.fields, shown: post.shown, withheld: post.withheld }, { headers: { "Set-Cookie": clear, "Cache-Control": "private, no-store" } });
}

export default function Resume() {
  const { path, fields, shown, withheld } = useLoaderData<typeof loader>();
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">What you typed has not been sent yet</h1>
          <p className="govuk-body">You were signed out before it was sent, so nothing was saved. It is below: send it now to carry on where you were.</p>
          {shown.length ? (
            <dl className="govuk-summary-list">
              {shown.map((row, i) => (
                <div className="govuk-summary-list__row" key={i}>
                  <dt className="govuk-summary-list__key">{row.label}</dt>
                  <dd className="govuk-summary-list__value gt-prewrap">{row.value}</dd>
                </div>
              ))}
            </dl>
          ) : null}
          {withheld.length ? (
            <div className="govuk-inset-text">
              For your security, {withheld.length === 1 ? "this was" : "these were"} not kept, so you will be asked again: {withheld.join(", ")}.
            </div>
          ) : null}
          <form method="post" action={path}>
            {fields.map(([name, value], i) => (
              <input type="hidden" name={name} value={value} key={i} />
            ))}
            <div className="govuk-button-group">
              <button type="submit" className="govuk-button" data-module="govuk-button">
                Send it now
              </button>
              <a className="govuk-link" href={path}>
                Discard it and go back to the page
              </a>
            </div>
          </form>
        </div>
      </div>
    </Main>
  );
}
