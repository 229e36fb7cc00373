import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AccountSchema, changeOwnName, changeOwnPassword } from "~/modules/auth/own-account.server";
import { requireUser } from "~/modules/auth/guard.server";
import { PASSWORD_MIN } from "~/modules/auth/password.server";
import { ROLE_LABELS } from "~/modules/auth/permissions";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { placesOf } from "~/modules/tenancy/places.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Your account — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ user: { name: user.name, email: user.email }, places: await placesOf(user), passwordMin: PASSWORD_MIN });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseForm(request, AccountSchema);
  const intent = form.ok ? form.data.intent : form.reply.values.intent === "password" ? "password" : "name";
  const keep = (values: Record<string, string | string[]>) => ({ intent, name: values.name ?? "" });
  if (!form.ok) return json({ ...refuse(keep(form.reply.values), form.reply.errors), intent }, { status: 400 });

  if (form.data.intent === "name") {
    await changeOwnName({ userId: user.id, name: form.data.name });
    return redirectWithNotice("/account", "Your name has been changed");
  }
  const changed = await changeOwnPassword({
    user,
    currentPassword: form.data.currentPassword,
    newPassword: form.data.newPassword,
    clientAddress: context.clientAddress ?? "unknown",
  });
  if (!changed.ok) {
    const status = changed.retryAfterSeconds ? 429 : 400;
    const headers: HeadersInit = changed.retryAfterSeconds ? { "Retry-After": String(changed.retryAfterSeconds) } : {};
    return json({ ...refuse(keep(form.values), { [changed.field]: changed.message }), intent }, { status, headers });
  }
  const response = await redirectWithNotice("/account", "Your password has been changed. You have been signed out everywhere else.");
  response.headers.append("Set-Cookie", changed.cookie);
  return response;
}

export default function Account() {
  const { user, places, passwordMin } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const nameReply = reply?.intent === "name" ? reply : null;
  const passwordReply = reply?.intent === "password" ? reply : null;
  return (
    <Main>
      <ErrorSummary reply={reply} order={["name", "currentPassword", "newPassword"]} />
      <h1 className="govuk-heading-l">Your account</h1>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Name</dt>
          <dd className="govuk-summary-list__value">{user.name}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Email address</dt>
          <dd className="govuk-summary-list__value">{user.email}</dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Roles</dt>
          <dd className="govuk-summary-list__value">
            {places.length === 0 ? (
              "None yet"
            ) : (
              <ul className="govuk-list">
                {places.map((p) => (
                  <li key={`${p.href}-${p.role}`}>
                    {ROLE_LABELS[p.role]}, {p.organisationName ?? p.partnershipName}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
      <p className="govuk-body">To change your email address or roles, ask your partnership coordinator.</p>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Change your name</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="name" />
            <TextField name="name" label="Full name" autoComplete="name" spellCheck={false} defaultValue={user.name} reply={nameReply} />
            <Button secondary>Save name</Button>
          </Form>

          <h2 className="govuk-heading-m">Change your password</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="password" />
            <input hidden readOnly type="email" name="username" autoComplete="username" value={user.email} />
            <TextField name="currentPassword" label="Current password" type="password" autoComplete="current-password" reply={passwordReply} />
            <TextField
              name="newPassword"
              label="New password"
              type="password"
              autoComplete="new-password"
              spellCheck={false}
              hint={`At least ${passwordMin} characters. Changing it signs you out on every other device.`}
              reply={passwordReply}
            />
            <Button secondary>Change password</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
