import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, Outlet, Scripts, ScrollRestoration, useMatches, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { PageMeta } from "~/ui/PageMeta";
import type { ReactNode } from "react";
import styles from "~/styles/app.generated.css";
import { currentSession } from "~/modules/auth/session.server";
import { takeNotice } from "~/modules/platform/notice.server";
import { hasDemoData } from "~/modules/tenancy/partnerships.server";
import { DemoBanner, Footer, Header, Main, SkipLink } from "~/ui/Layout";
import { hydrates } from "~/ui/page-handle";
import { isOutageReply, ServiceUnavailable } from "~/ui/ServiceUnavailable";
import { useRequestInfo } from "~/ui/request-info";
import { SessionWarning } from "~/ui/SessionWarning";
import { UnsavedChanges } from "~/ui/UnsavedChanges";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await currentSession(request);
  const { notice, headers } = await takeNotice(request);
  return json(
    // The page the notice was taken for (ui/Layout.tsx shows it there only).
    {
      user: session?.user ?? null,
      // For the warning before the session ends (ui/SessionWarning.tsx).
      session: session ? session.timeLeft : null,
      notice,
      noticeAt: notice ? new URL(request.url).pathname : null,
      demo: await hasDemoData(),
    },
    { headers },
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { nonce, requestId } = useRequestInfo();
  const data = useRouteLoaderData<typeof loader>("root");
  // A page complete as HTML goes without client scripts (ui/page-handle.ts): nothing in it varies by request.
  const hydrate = hydrates(useMatches().map((m) => m.handle));
  return (
    <html lang="en-GB" className="govuk-template">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#1d2b4f" />
        {hydrate ? <meta name="gt-request-id" content={requestId} /> : null}
        <PageMeta />
        <Links />
      </head>
      <body className="govuk-template__body">
        <SkipLink />
        <Header user={data?.user ?? null} />
        {data?.demo ? <DemoBanner /> : null}
        {hydrate && data?.session ? (
          <>
            <SessionWarning initial={data.session} />
            <UnsavedChanges />
          </>
        ) : null}
        {children}
        <Footer />
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { requestId } = useRequestInfo();
  if (isRouteErrorResponse(error)) {
    // The database is out of reach (platform/outage.server.tsx): what was sent, and a way to send it again.
    if (error.status === 503 && isOutageReply(error.data)) {
      return (
        <Main>
          <ServiceUnavailable reply={error.data} />
        </Main>
      );
    }
    if (error.status === 404) {
      return (
        <Main>
          <h1 className="govuk-heading-l">Page not found</h1>
          <p className="govuk-body">If you typed the web address, check it is correct.</p>
          <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        </Main>
      );
    }
    if (error.status === 403) {
      return (
        <Main>
          <h1 className="govuk-heading-l">You do not have access to this page</h1>
          <p className="govuk-body">Ask your partnership coordinator if you think you should.</p>
        </Main>
      );
    }
    if (error.status === 413 || error.status === 400 || error.status === 429) {
      return (
        <Main>
          <h1 className="govuk-heading-l">{error.status === 429 ? "Too many attempts" : "There is a problem with what was sent"}</h1>
          <p className="govuk-body">{typeof error.data === "string" ? error.data : "Go back and try again."}</p>
        </Main>
      );
    }
  }
  const reference = referenceFrom(error) ?? requestId;
  return (
    <Main>
      <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
      <p className="govuk-body">Try again later. Anything you submitted before this page has been kept.</p>
      {reference ? (
        <p className="govuk-body">
          If you contact support, quote reference <strong className="gt-nowrap">{reference}</strong>.
        </p>
      ) : null}
    </Main>
  );
}

/** Data requests that fail carry the reference in their message (see scripts/server/http.ts). */
function referenceFrom(error: unknown): string | null {
  const message = error instanceof Error ? error.message : "";
  return /reference ([\w-]+)/.exec(message)?.[1] ?? null;
}
