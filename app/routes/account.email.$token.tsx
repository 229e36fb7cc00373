import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { completeEmailChange, findEmailChange } from "~/modules/auth/email-change.server";
import { looksLikeToken } from "~/modules/auth/tokens.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Confirm your new email address — Golden Thread" }];

const PasswordSchema = z.object({ password: z.string().min(1, "Enter your password").max(1024, "Enter your password") });

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const headers = new Headers();
  const retryAfter = actionHeaders.get("Retry-After");
  if (retryAfter) headers.set("Retry-After", retryAfter);
  return headers;
};

const gone = () => json({ change: null }, { status: 404 });

export async function loader({ params }: LoaderFunctionArgs) {
  const change = looksLikeToken(params.token) ? await findEmailChange(params.token) : null;
  return change ? json({ change }) : gone();
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  if (!looksLikeToken(params.token) || !(await findEmailChange(params.token))) return gone();
  const form = await parseForm(request, PasswordSchema);
  if (!form.ok) return json(refuse({}, form.reply.errors), { status: 400 });
  const done = await completeEmailChange(params.token, { password: form.data.password, clientAddress: context.clientAddress ?? "unknown" });
  if (done.ok) return redirectWithNotice("/login", `Your email address is now ${done.newEmail}. Sign in with it.`);
  if (done.reason === "gone") return gone();
  const headers: HeadersInit = done.retryAfterSeconds ? { "Retry-After": String(done.retryAfterSeconds) } : {};
  return json(refuse({}, done.reason === "taken" ? {} : { password: done.message }, done.reason === "taken" ? done.message : undefined), {
    status: done.retryAfterSeconds ? 429 : 400,
    headers,
  });
}

export default function ConfirmNewEmail() {
  const { change } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (!change || (reply && "change" in reply)) {
    return (
      <Main>
        <h1 className="govuk-heading-l">This link no longer works</h1>
        <p className="govuk-body">Links in our emails work once, and only for a while. This one has been used, has expired, or was replaced by a newer one.</p>
        <p className="govuk-body">
          <Link className="govuk-link" to="/account/email">
            Ask again to change your email address
          </Link>
        </p>
      </Main>
    );
  }
  const formReply = reply && "errors" in reply ? reply : null;
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={formReply} order={["password"]} />
          <h1 className="govuk-heading-l">Confirm your new email address</h1>
          <p className="govuk-body">
            Your account <strong>{change.email}</strong> will use <strong>{change.newEmail}</strong> from now on. Enter your password to confirm. You will then sign in again with
            the new address.
          </p>
          <Form method="post" noValidate>
            <input hidden readOnly type="email" name="username" autoComplete="username" value={change.email} />
            <TextField name="password" label="Password" type="password" autoComplete="current-password" reply={formReply} />
            <Button>Use this email address</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
