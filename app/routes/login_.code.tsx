import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { clearPendingSignInCookie, completeSignInWithCode, demoHint, findPendingSignIn } from "~/modules/auth/pending-sign-in.server";
import { currentSession } from "~/modules/auth/session.server";
import { codeProblem, parseSecondFactor } from "~/modules/auth/two-factor.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { landingPath } from "~/modules/tenancy/places.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Enter your code — Golden Thread" }];

const CodeSchema = z.object({
  code: z.string().trim().min(1, "Enter the 6-digit code from your authenticator app").max(100, "Enter the 6-digit code from your authenticator app"),
});

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

/** No pending sign-in in this browser: someone signed in goes on in, anyone else starts again. */
async function elsewhere(request: Request, again?: "expired" | "used-up") {
  const session = await currentSession(request);
  if (session) return redirect(await landingPath(session.user));
  return redirect(again ? `/login?again=${again}` : "/login", { headers: { "Set-Cookie": clearPendingSignInCookie() } });
}

/** The browser still held a pending sign-in cookie, so it was here a moment ago: tell them why it ended. */
const hadPendingSignIn = (request: Request) => (request.headers.get("Cookie") ?? "").includes("gt_pending=");

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await findPendingSignIn(request);
  if (!pending) throw await elsewhere(request, hadPendingSignIn(request) ? "expired" : undefined);
  return json({ email: pending.user.email, demo: await demoHint(pending) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (!(await findPendingSignIn(request))) throw await elsewhere(request, hadPendingSignIn(request) ? "expired" : undefined);
  const form = await parseForm(request, CodeSchema);
  if (!form.ok) return json(refuse({}, form.reply.errors), { status: 400 });
  const input = parseSecondFactor(form.data.code);
  if (!input) return json(refuse({}, { code: "Enter the 6 digits your authenticator app shows, like 123456, or a recovery code, like abcd-efgh-ijkl" }), { status: 400 });

  const step = await completeSignInWithCode(request, input, context.clientAddress ?? "unknown");
  if (step.ok) {
    const to = step.redirectTo ?? (await landingPath(step.user));
    const headers = new Headers({ "Set-Cookie": step.cookie });
    headers.append("Set-Cookie", clearPendingSignInCookie());
    if (!step.usedRecoveryCode) return redirect(to, { headers });
    const left = step.recoveryCodesLeft;
    const advice = left <= 3 ? " Make new ones from Your account, under Two-factor sign-in." : "";
    return redirectWithNotice(to, `You signed in with a recovery code. You have ${left === 1 ? "1 recovery code" : `${left} recovery codes`} left.${advice}`, { headers });
  }
  if (step.reason === "gone" || step.reason === "used-up") throw await elsewhere(request, step.reason === "used-up" ? "used-up" : "expired");
  if (step.reason === "throttled") {
    return json(refuse({}, { code: codeProblem(step) }), { status: 429, headers: { "Retry-After": String(step.retryAfterSeconds) } });
  }
  const left = step.attemptsLeft === 1 ? "You can try once more" : `You can try ${step.attemptsLeft} more times`;
  return json(refuse({}, { code: `${codeProblem(step)}. ${left} before you need to enter your password again` }), { status: 400 });
}

export default function SignInCode() {
  const { email, demo } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["code"]} />
          <span className="govuk-caption-l">Sign in</span>
          <h1 className="govuk-heading-l">Enter the code from your authenticator app</h1>
          <p className="govuk-body">
            Open the authenticator app you set up for Golden Thread and enter the 6-digit code it shows for <strong>{email}</strong>.
          </p>
          {demo ? (
            <div className="govuk-inset-text" data-testid="demo-code">
              <strong>Demo account.</strong> Its code now is <strong className="gt-nowrap">{demo.code}</strong> (it changes every 30 seconds: reload the page for a new one). The
              demo administrator and coordinators share the published secret <code className="gt-nowrap">{demo.secret}</code>, which you can add to an authenticator app instead.
            </div>
          ) : null}
          <Form method="post" noValidate>
            <TextField name="code" label="Code" hint="For example, 123456" autoComplete="one-time-code" spellCheck={false} autoCapitalize="none" width={10} reply={reply} />
            <Button>Continue</Button>
          </Form>
          <details className="govuk-details">
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">I cannot use my authenticator app</span>
            </summary>
            <div className="govuk-details__text">
              <p className="govuk-body">
                Enter one of the recovery codes you saved when you set up two-factor sign-in, like abcd-efgh-ijkl, in the box above. Each one works once.
              </p>
              <p className="govuk-body">If you have none left, ask your platform administrator to reset two-factor sign-in for your account. They will check it is you first.</p>
            </div>
          </details>
          <p className="govuk-body">
            <Link className="govuk-link" to="/login">
              Sign in as someone else
            </Link>
          </p>
        </div>
      </div>
    </Main>
  );
}
