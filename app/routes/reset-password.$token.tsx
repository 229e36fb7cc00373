import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { LinkNoLongerWorks } from "~/modules/auth/LinkNoLongerWorks";
import { completePasswordReset, findPasswordReset } from "~/modules/auth/password-reset.server";
import { passwordProblem, PASSWORD_MIN } from "~/modules/auth/password.server";
import { startPendingSignIn } from "~/modules/auth/pending-sign-in.server";
import { startSession } from "~/modules/auth/session.server";
import { hasTwoFactor } from "~/modules/auth/two-factor.server";
import { looksLikeToken } from "~/modules/auth/tokens.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { landingPath } from "~/modules/tenancy/places.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Choose a new password — Golden Thread" }];

const NewPasswordSchema = z.object({ password: z.string().min(1, "Enter a new password") });

const gone = () => json({ account: null, passwordMin: PASSWORD_MIN }, { status: 404 });

export async function loader({ params }: LoaderFunctionArgs) {
  const account = looksLikeToken(params.token) ? await findPasswordReset(params.token) : null;
  return account ? json({ account, passwordMin: PASSWORD_MIN }) : gone();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const account = looksLikeToken(params.token) ? await findPasswordReset(params.token) : null;
  if (!account || !looksLikeToken(params.token)) return gone();
  const form = await parseForm(request, NewPasswordSchema);
  if (!form.ok) return json({ ...form.reply, values: {} }, { status: 400 });
  const problem = passwordProblem(form.data.password, account);
  if (problem) return json(refuse({}, { password: problem }), { status: 400 });
  const done = await completePasswordReset(params.token, form.data.password);
  if (!done.ok) return gone();
  const notice = "Your password has been changed. You have been signed out everywhere else.";
  // A link in an inbox replaces the password, never the second factor: the code is still asked for.
  if (await hasTwoFactor(done.user.id)) {
    const response = await redirectWithNotice("/login/code", notice);
    response.headers.append("Set-Cookie", await startPendingSignIn(done.user.id, null));
    return response;
  }
  const cookie = await startSession(done.user.id);
  const to = await landingPath(done.user);
  const response = await redirectWithNotice(to, notice);
  response.headers.append("Set-Cookie", cookie);
  return response;
}

export default function ResetPassword() {
  const { account, passwordMin } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (!account || (reply && "account" in reply)) {
    return (
      <Main>
        <LinkNoLongerWorks kind="reset" />
      </Main>
    );
  }
  const formReply = reply && "errors" in reply ? reply : null;
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={formReply} order={["password"]} />
          <h1 className="govuk-heading-l">Choose a new password</h1>
          <p className="govuk-body">
            For the account <strong>{account.email}</strong>. Setting it signs you out on every other device.
          </p>
          <Form method="post" noValidate>
            <input hidden readOnly type="email" name="username" autoComplete="username" value={account.email} />
            <TextField
              name="password"
              label="New password"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              hint={`At least ${passwordMin} characters. Three or four random words are easy to remember and hard to guess.`}
              reply={formReply}
            />
            <Button>Set new password</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
