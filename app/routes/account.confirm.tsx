import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { requireSession } from "~/modules/auth/guard.server";
import { safeRedirect } from "~/modules/auth/login.server";
import { reauthenticate } from "~/modules/auth/reauthentication.server";
import { hasTwoFactor } from "~/modules/auth/two-factor.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Confirm it is you — Golden Thread" }];

const ConfirmSchema = z.object({
  password: z.string().min(1, "Enter your password").max(1024, "Enter your password"),
  code: z.string().max(100).optional(),
  redirectTo: z.string().max(2000).optional(),
});

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

// A coordinator sent to set up two-factor sign-in may need to confirm first: allowed before set-up.
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request, { duringTwoFactorSetup: true });
  return json({ email: session.user.email, enrolled: await hasTwoFactor(session.user.id) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request, { duringTwoFactorSetup: true });
  const form = await parseForm(request, ConfirmSchema);
  if (!form.ok) return json(refuse({}, form.reply.errors), { status: 400 });
  const done = await reauthenticate(session, { password: form.data.password, code: form.data.code, clientAddress: context.clientAddress ?? "unknown" });
  if (!done.ok) {
    const headers: HeadersInit = done.retryAfterSeconds ? { "Retry-After": String(done.retryAfterSeconds) } : {};
    return json(refuse({}, { [done.field]: done.message }), { status: done.retryAfterSeconds ? 429 : 400, headers });
  }
  return redirect(safeRedirect(form.data.redirectTo) ?? "/account");
}

export default function ConfirmItIsYou() {
  const { email, enrolled } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <Main backLink={{ to: "/account", label: "Back to your account" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["password", "code"]} />
          <h1 className="govuk-heading-l">Confirm it is you</h1>
          <p className="govuk-body">
            Before you change how you sign in, enter your password{enrolled ? " and a code from your authenticator app" : ""} again. This keeps your account safe if you leave it
            signed in on a shared computer.
          </p>
          <Form method="post" noValidate>
            <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
            <input hidden readOnly type="email" name="username" autoComplete="username" value={email} />
            <TextField name="password" label="Password" type="password" autoComplete="current-password" reply={reply} />
            {enrolled ? (
              <TextField
                name="code"
                label="Code from your authenticator app"
                hint="Or one of your recovery codes"
                autoComplete="one-time-code"
                spellCheck={false}
                autoCapitalize="none"
                width={10}
                reply={reply}
              />
            ) : null}
            <Button>Confirm</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
