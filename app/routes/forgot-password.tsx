import { linkOrigin } from "~/modules/platform/origin.server";
import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { z } from "zod";
import { requestPasswordReset, RESET_LIFETIME_MINUTES } from "~/modules/auth/password-reset.server";
import { deliverSoon, mailConfigured } from "~/modules/notify/delivery.server";
import { parseForm } from "~/modules/platform/form.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Reset your password — Golden Thread" }];

const ResetRequestSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address").max(254, "Enter a valid email address").email("Enter an email address in the correct format, like name@example.org"),
});

export async function loader() {
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, ResetRequestSchema);
  if (!form.ok) return json({ ...form.reply, sent: null }, { status: 400 });
  await requestPasswordReset({ email: form.data.email, origin: linkOrigin() });
  deliverSoon(null);
  // The same answer whether or not the email has an account.
  return json({ sent: { email: form.data.email, viaOutbox: !mailConfigured(), minutes: RESET_LIFETIME_MINUTES }, values: form.values, errors: {} });
}

export default function ForgotPassword() {
  const reply = useActionData<typeof action>();
  if (reply?.sent) {
    return (
      <Main>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <h1 className="govuk-heading-l">Check your email</h1>
            <p className="govuk-body">
              If <strong>{reply.sent.email}</strong> has a Golden Thread account, we have sent it a link to reset the password. The link works once, for {reply.sent.minutes}{" "}
              minutes.
            </p>
            {reply.sent.viaOutbox ? (
              <p className="govuk-body">This installation does not send email yet: the platform administrator can read the message in the platform outbox and pass the link on.</p>
            ) : (
              <p className="govuk-body">If nothing arrives within a few minutes, check your spam folder or ask again.</p>
            )}
            <p className="govuk-body">
              <Link className="govuk-link" to="/login">
                Back to sign in
              </Link>
            </p>
          </div>
        </div>
      </Main>
    );
  }
  return (
    <Main backLink={{ to: "/login", label: "Back to sign in" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["email"]} />
          <h1 className="govuk-heading-l">Reset your password</h1>
          <p className="govuk-body">Enter the email address you sign in with. We will send you a link to choose a new password.</p>
          <Form method="post" noValidate>
            <TextField name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} reply={reply} />
            <Button>Send the link</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
