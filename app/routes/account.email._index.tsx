import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { NewEmailSchema, requestEmailChange, EMAIL_CHANGE_LIFETIME_HOURS } from "~/modules/auth/email-change.server";
import { requireRecentAuthentication } from "~/modules/auth/reauthentication.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { linkOrigin } from "~/modules/platform/origin.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Change your email address — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireRecentAuthentication(request);
  return json({ email: session.user.email, hours: EMAIL_CHANGE_LIFETIME_HOURS });
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireRecentAuthentication(request);
  const form = await parseForm(request, NewEmailSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const asked = await requestEmailChange({ user: session.user, newEmail: form.data.email, origin: linkOrigin() });
  if (!asked.ok) return json(refuse(form.values, { email: asked.message }), { status: 400 });
  return redirectWithNotice("/account", `We have sent a link to ${form.data.email}. Open it to start using that address. Until then, sign in with ${session.user.email}.`);
}

export default function ChangeEmail() {
  const { email, hours } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: "/account", label: "Back to your account" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={["email"]} />
          <h1 className="govuk-heading-l">Change your email address</h1>
          <p className="govuk-body">
            You sign in with <strong>{email}</strong>. We will send a link to the new address; it changes when you open the link and enter your password (within {hours} hours). We
            will tell your current address too.
          </p>
          <Form method="post" noValidate>
            <TextField name="email" label="New email address" type="email" autoComplete="email" spellCheck={false} reply={reply} />
            <Button>Send the link</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
