import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { safeRedirect } from "~/modules/auth/login.server";
import { QrCode } from "~/modules/auth/QrCode";
import { requireRecentAuthentication } from "~/modules/auth/reauthentication.server";
import { endAllSessions, endOtherSessions, markSecondFactor, startSession } from "~/modules/auth/session.server";
import { groupedSecret, newTotpSecret, qrCodePath, totpUri } from "~/modules/auth/totp.server";
import { enrolTwoFactor, removeTwoFactor, replaceRecoveryCodes, twoFactorRequired, twoFactorStatus } from "~/modules/auth/two-factor.server";
import { formatDate } from "~/modules/platform/dates";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Two-factor sign-in — Golden Thread" }];

const TwoFactorSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("enrol"),
      secret: z.string().max(100),
      code: z.string().trim().min(1, "Enter the 6-digit code your authenticator app shows").max(100, "Enter the 6-digit code your authenticator app shows"),
      redirectTo: z.string().max(2000).optional(),
    }),
    z.object({ intent: z.literal("recovery-codes") }),
    z.object({ intent: z.literal("disable") }),
  ],
  { errorMap: () => ({ message: "Choose what to change" }) },
);

/** What an authenticator app needs for this secret: the key as text, and the same as a QR code. */
function enrolment(email: string, secret: string) {
  return { secret, grouped: groupedSecret(secret), qr: qrCodePath(totpUri(email, secret)) };
}

// Someone who must use two-factor sign-in is sent here before anything else, so the page allows it.
export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireRecentAuthentication(request, { duringTwoFactorSetup: true });
  const status = await twoFactorStatus(session.user.id);
  const moving = new URL(request.url).searchParams.get("new") === "1";
  return json({
    enrolled: status.enrolled,
    since: status.since ? formatDate(status.since) : null,
    recoveryCodesLeft: status.recoveryCodesLeft,
    required: await twoFactorRequired(session.user),
    setUp: !status.enrolled || moving ? enrolment(session.user.email, newTotpSecret()) : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireRecentAuthentication(request, { duringTwoFactorSetup: true });
  const { user } = session;
  const form = await parseForm(request, TwoFactorSchema);
  if (!form.ok) {
    const secret = typeof form.reply.values.secret === "string" ? form.reply.values.secret : "";
    return json({ ...refuse({}, form.reply.errors), setUp: /^[A-Z2-7]{32}$/.test(secret) ? enrolment(user.email, secret) : null }, { status: 400 });
  }

  if (form.data.intent === "enrol") {
    const enrolled = await enrolTwoFactor({ userId: user.id, secret: form.data.secret, code: form.data.code.replace(/\s/g, "") });
    if (!enrolled.ok) {
      const setUp = /^[A-Z2-7]{32}$/.test(form.data.secret) ? enrolment(user.email, form.data.secret) : null;
      return json({ ...refuse({ code: form.data.code }, { code: enrolled.message }), setUp }, { status: 400 });
    }
    // A new way to sign in: every other session ends; this one has just proved a code.
    await markSecondFactor(session.sessionId);
    await endOtherSessions(user.id, session.sessionId);
    return json({ recoveryCodes: enrolled.recoveryCodes, continueTo: safeRedirect(form.data.redirectTo) ?? "/account", first: true });
  }
  if (form.data.intent === "recovery-codes") {
    const codes = await replaceRecoveryCodes(user.id);
    if (!codes) return json(refuse({}, {}, "Two-factor sign-in is not on, so there are no recovery codes to replace."), { status: 400 });
    return json({ recoveryCodes: codes, continueTo: "/account", first: false });
  }
  if (!(await twoFactorStatus(user.id)).enrolled) return json(refuse({}, {}, "Two-factor sign-in is already off."), { status: 400 });
  if (await twoFactorRequired(user)) {
    return json(refuse({}, {}, "Platform administrators and coordinators must keep two-factor sign-in on. To use a new phone, set up a new authenticator app instead."), {
      status: 400,
    });
  }
  await removeTwoFactor(user.id);
  await endAllSessions(user.id);
  const response = await redirectWithNotice("/account", "Two-factor sign-in is off. You have been signed out everywhere else.");
  response.headers.append("Set-Cookie", await startSession(user.id));
  return response;
}

type SetUp = ReturnType<typeof enrolment>;

function RecoveryCodes({ codes, continueTo, first }: { codes: string[]; continueTo: string; first: boolean }) {
  return (
    <>
      {first ? (
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Two-factor sign-in is on</h1>
          <div className="govuk-panel__body">You will enter a code from your app each time you sign in</div>
        </div>
      ) : (
        <h1 className="govuk-heading-l">Your new recovery codes</h1>
      )}
      <h2 className="govuk-heading-m">Save your recovery codes</h2>
      <p className="govuk-body">
        If you lose your phone, each of these codes lets you sign in once instead of a code from the app. Print them or keep them in a password manager.{" "}
        <strong>This is the only time they are shown.</strong>
      </p>
      {first ? null : <p className="govuk-body">Your earlier recovery codes no longer work.</p>}
      <ol className="govuk-list govuk-list--number gt-recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <Link className="govuk-button" to={continueTo}>
        I have saved my recovery codes
      </Link>
    </>
  );
}

export default function TwoFactor() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (reply && "recoveryCodes" in reply) {
    return (
      <Main>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <RecoveryCodes codes={reply.recoveryCodes} continueTo={reply.continueTo} first={reply.first} />
          </div>
        </div>
      </Main>
    );
  }
  const formReply = reply && "errors" in reply ? reply : null;
  const setUp: SetUp | null = (reply && "setUp" in reply ? (reply.setUp as SetUp | null) : null) ?? data.setUp;
  return (
    <Main backLink={data.enrolled || !data.required ? { to: "/account", label: "Back to your account" } : undefined}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={formReply} order={["code"]} />
          <h1 className="govuk-heading-l">{setUp && data.enrolled ? "Move to a new authenticator app" : setUp ? "Set up two-factor sign-in" : "Two-factor sign-in"}</h1>
          {setUp ? (
            <>
              {data.required && !data.enrolled ? (
                <div className="govuk-warning-text">
                  <span className="govuk-warning-text__icon" aria-hidden="true">
                    !
                  </span>
                  <strong className="govuk-warning-text__text">
                    <span className="govuk-visually-hidden">Warning</span>
                    Platform administrators and coordinators can change a whole partnership&apos;s information, so they sign in with a code from their phone as well as a password.
                    Set it up to carry on.
                  </strong>
                </div>
              ) : (
                <p className="govuk-body">
                  With two-factor sign-in, you enter a code from an app on your phone after your password, so a stolen password alone cannot open your account.
                </p>
              )}
              <h2 className="govuk-heading-m">1. Get an authenticator app</h2>
              <p className="govuk-body">
                Use the one your organisation recommends, or a free app such as Microsoft Authenticator or Google Authenticator. Any app for time-based codes (TOTP) works.
              </p>
              <h2 className="govuk-heading-m">2. Add Golden Thread to the app</h2>
              <p className="govuk-body">In the app, choose to add an account and scan this QR code:</p>
              <QrCode size={setUp.qr.size} path={setUp.qr.path} label="QR code to add Golden Thread to an authenticator app" />
              <p className="govuk-body">If you cannot scan it, choose to enter a set-up key and type this key, as a time-based key:</p>
              <p className="govuk-body">
                <code className="gt-secret" data-testid="totp-secret">
                  {setUp.grouped}
                </code>
              </p>
              <h2 className="govuk-heading-m">3. Enter the code the app shows</h2>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="enrol" />
                <input type="hidden" name="secret" value={setUp.secret} />
                <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
                <TextField
                  name="code"
                  label="Code"
                  hint="The 6 digits the app shows for Golden Thread, for example 123456"
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  spellCheck={false}
                  width={10}
                  reply={formReply}
                />
                <Button>Turn on two-factor sign-in</Button>
              </Form>
            </>
          ) : (
            <>
              <dl className="govuk-summary-list">
                <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
                  <dt className="govuk-summary-list__key">Status</dt>
                  <dd className="govuk-summary-list__value">On since {data.since}, with an authenticator app</dd>
                </div>
                <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
                  <dt className="govuk-summary-list__key">Recovery codes left</dt>
                  <dd className="govuk-summary-list__value">{data.recoveryCodesLeft} of 10</dd>
                </div>
              </dl>
              <h2 className="govuk-heading-m">Recovery codes</h2>
              <p className="govuk-body">Make a new set of 10 if you have used most of yours or lost them. The old ones stop working.</p>
              <Form method="post" noValidate>
                <input type="hidden" name="intent" value="recovery-codes" />
                <Button secondary>Make new recovery codes</Button>
              </Form>
              <h2 className="govuk-heading-m">A new phone</h2>
              <p className="govuk-body">
                <Link className="govuk-link" to="/account/two-factor?new=1">
                  Move two-factor sign-in to a new authenticator app
                </Link>
              </p>
              <h2 className="govuk-heading-m">Turn off two-factor sign-in</h2>
              {data.required ? (
                <p className="govuk-body">Platform administrators and coordinators must keep two-factor sign-in on.</p>
              ) : (
                <Form method="post" noValidate>
                  <input type="hidden" name="intent" value="disable" />
                  <p className="govuk-body">You will sign in with your password alone.</p>
                  <Button warning>Turn off two-factor sign-in</Button>
                </Form>
              )}
            </>
          )}
        </div>
      </div>
    </Main>
  );
}
