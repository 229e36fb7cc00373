import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { hasKeptPost } from "~/modules/auth/kept-post.server";
import { safeRedirect, signIn } from "~/modules/auth/login.server";
import { startPendingSignIn } from "~/modules/auth/pending-sign-in.server";
import { currentSession, startSession } from "~/modules/auth/session.server";
import { hasTwoFactor } from "~/modules/auth/two-factor.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { landingPath } from "~/modules/tenancy/places.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Sign in — Golden Thread" }];

const SignInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "Enter a valid email address").email("Enter an email address in the correct format, like name@example.org"),
  password: z.string().min(1, "Enter your password").max(1024, "Enter your password"),
  redirectTo: z.string().optional(),
});

/** A throttled sign-in tells the browser when to try again, with or without JavaScript. */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await currentSession(request);
  if (session) return redirect(await landingPath(session.user));
  return json({ kept: hasKeptPost(request) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await parseForm(request, SignInSchema);
  if (!form.ok) {
    delete form.reply.values.password;
    return json(form.reply, { status: 400 });
  }
  const { password: _password, ...kept } = form.values;
  const result = await signIn({ email: form.data.email, password: form.data.password, clientAddress: context.clientAddress ?? "unknown" });
  if (!result.ok && result.reason === "throttled") {
    const minutes = Math.ceil(result.retryAfterSeconds / 60);
    return json(refuse(kept, {}, `Too many attempts to sign in. Wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} and try again.`), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (!result.ok) {
    return json(refuse(kept, { email: "Enter a correct email address and password" }), { status: 400 });
  }
  // A form kept when the session ended is the first thing to see: it is sent on from there.
  const redirectTo = hasKeptPost(request) ? "/resume" : safeRedirect(form.data.redirectTo);
  // With two-factor sign-in, a right password only opens the code page; the session starts there.
  if (await hasTwoFactor(result.user.id)) {
    return redirect("/login/code", { headers: { "Set-Cookie": await startPendingSignIn(result.user.id, redirectTo) } });
  }
  const cookie = await startSession(result.user.id);
  const to = redirectTo ?? (await landingPath(result.user));
  return redirect(to, { headers: { "Set-Cookie": cookie } });
}

const AGAIN: Record<string, string> = {
  expired: "The code page stays open for 5 minutes. Enter your email address and password again to get back to it.",
  "used-up": "Too many wrong codes. Enter your email address and password again, then the code your app shows now.",
};

export default function Login() {
  const reply = useActionData<typeof action>();
  const { kept } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const ended =
    params.get("reason") === "ended"
      ? `You were signed out because you had not used Golden Thread for 60 minutes (or had been signed in for 12 hours).${kept ? " What you were sending has been kept: sign in again and you can send it." : " Sign in again to carry on."}`
      : undefined;
  const again = AGAIN[params.get("again") ?? ""] ?? ended;
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["email", "password"]} />
          <h1 className="govuk-heading-l">Sign in to Golden Thread</h1>
          {again && !reply ? (
            <div className="govuk-inset-text" role="status">
              {again}
            </div>
          ) : null}
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <TextField name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} reply={reply} />
            <TextField name="password" label="Password" type="password" autoComplete="current-password" reply={reply} />
            <Button>Sign in</Button>
          </Form>
          <p className="govuk-body">
            <a className="govuk-link" href="/forgot-password">
              Forgotten your password?
            </a>
          </p>
          <p className="govuk-body">Accounts are created by invitation from your partnership coordinator or organisation administrator.</p>
        </div>
      </div>
    </Main>
  );
}
