import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ReactNode } from "react";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AccountSchema, changeOwnName, changeOwnPassword } from "~/modules/auth/own-account.server";
import { requireSession } from "~/modules/auth/guard.server";
import { PASSWORD_MIN } from "~/modules/auth/password.server";
import { ROLE_LABELS } from "~/modules/auth/permissions";
import { isRecentlyAuthenticated, REAUTHENTICATION_MINUTES } from "~/modules/auth/reauthentication.server";
import { twoFactorStatus } from "~/modules/auth/two-factor.server";
import { formatDate } from "~/modules/platform/dates";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { placesOf } from "~/modules/tenancy/places.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Your account — Golden Thread" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const { user } = session;
  const twoFactor = await twoFactorStatus(user.id);
  return json({
    user: { name: user.name, email: user.email },
    places: await placesOf(user),
    passwordMin: PASSWORD_MIN,
    recent: isRecentlyAuthenticated(session),
    twoFactor: { enrolled: twoFactor.enrolled, since: twoFactor.since ? formatDate(twoFactor.since) : null, recoveryCodesLeft: twoFactor.recoveryCodesLeft },
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await requireSession(request);
  const { user } = session;
  const form = await parseForm(request, AccountSchema);
  const intent = form.ok ? form.data.intent : form.reply.values.intent === "password" ? "password" : "name";
  const keep = (values: Record<string, string | string[]>) => ({ intent, name: values.name ?? "" });
  if (intent === "password" && !isRecentlyAuthenticated(session)) throw redirect("/account/confirm?redirectTo=%2Faccount");
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
    secondFactor: session.secondFactor,
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

function SummaryRow({ label, children, action }: { label: string; children: ReactNode; action?: { to: string; text: string; hidden: string } }) {
  return (
    <div className={`govuk-summary-list__row${action ? "" : " govuk-summary-list__row--no-actions"}`}>
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
      {action ? (
        <dd className="govuk-summary-list__actions">
          <Link className="govuk-link" to={action.to}>
            {action.text}
            <span className="govuk-visually-hidden"> {action.hidden}</span>
          </Link>
        </dd>
      ) : null}
    </div>
  );
}

export default function Account() {
  const { user, places, passwordMin, recent, twoFactor } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const nameReply = reply?.intent === "name" ? reply : null;
  const passwordReply = reply?.intent === "password" ? reply : null;
  return (
    <Main>
      <ErrorSummary reply={reply} order={["name", "currentPassword", "newPassword"]} />
      <h1 className="govuk-heading-l">Your account</h1>
      <dl className="govuk-summary-list">
        <SummaryRow label="Name">{user.name}</SummaryRow>
        <SummaryRow label="Email address" action={{ to: "/account/email", text: "Change", hidden: "email address" }}>
          {user.email}
        </SummaryRow>
        <SummaryRow label="Two-factor sign-in" action={{ to: "/account/two-factor", text: twoFactor.enrolled ? "Manage" : "Set up", hidden: "two-factor sign-in" }}>
          {twoFactor.enrolled ? (
            <>
              On since {twoFactor.since}, with an authenticator app.{" "}
              {twoFactor.recoveryCodesLeft === 0
                ? "No recovery codes left: make new ones under Manage."
                : `${twoFactor.recoveryCodesLeft === 1 ? "1 recovery code" : `${twoFactor.recoveryCodesLeft} recovery codes`} left.`}
            </>
          ) : (
            "Off. Turn it on so a stolen password alone cannot open your account."
          )}
        </SummaryRow>
        <SummaryRow label="Roles">
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
        </SummaryRow>
      </dl>
      <p className="govuk-body">
        To change your roles, ask your partnership coordinator.{" "}
        <Link className="govuk-link" to="/account/data">
          See and download the information Golden Thread holds about you
        </Link>
        .
      </p>

      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Change your name</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="name" />
            <TextField name="name" label="Full name" autoComplete="name" spellCheck={false} defaultValue={user.name} reply={nameReply} />
            <Button secondary>Save name</Button>
          </Form>

          <h2 className="govuk-heading-m">Change your password</h2>
          {recent ? (
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
          ) : (
            <>
              <p className="govuk-body">
                Changing your password, email address or two-factor sign-in needs you to confirm it is you, if you signed in more than {REAUTHENTICATION_MINUTES} minutes ago.
              </p>
              <p className="govuk-body">
                <Link className="govuk-link" to="/account/confirm?redirectTo=%2Faccount">
                  Confirm it is you to change your password
                </Link>
              </p>
            </>
          )}
        </div>
      </div>
    </Main>
  );
}
