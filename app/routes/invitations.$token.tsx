import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { requireSession } from "~/modules/auth/guard.server";
import { LinkNoLongerWorks } from "~/modules/auth/LinkNoLongerWorks";
import { passwordProblem, PASSWORD_MIN } from "~/modules/auth/password.server";
import { currentSession, startSession, type SessionUser } from "~/modules/auth/session.server";
import { looksLikeToken } from "~/modules/auth/tokens.server";
import { acceptInvitation, findInvitationByToken, NewAccountSchema, type InvitationForAcceptance } from "~/modules/people/invitations.server";
import { describeRole } from "~/modules/people/roles";
import { formatDateTime } from "~/modules/platform/dates";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Accept your invitation — Golden Thread" }];

type Mode = "create" | "accept" | "sign-in" | "other-account";

/** What the visitor can do with a live invitation, given who (if anyone) is signed in. */
function modeFor(invitation: InvitationForAcceptance, user: SessionUser | null): Mode {
  const theirs = user?.email.toLowerCase() === invitation.email.toLowerCase();
  if (invitation.accountExists) return theirs ? "accept" : user ? "other-account" : "sign-in";
  return user ? "other-account" : "create";
}

const gone = () => json({ invitation: null, mode: null }, { status: 404 });

async function live(token: string | undefined) {
  if (!looksLikeToken(token)) return null;
  const invitation = await findInvitationByToken(token);
  return invitation?.state === "pending" ? invitation : null;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invitation = await live(params.token);
  if (!invitation) return gone();
  const session = await currentSession(request);
  return json({
    mode: modeFor(invitation, session?.user ?? null),
    signedInAs: session?.user.email ?? null,
    passwordMin: PASSWORD_MIN,
    invitation: {
      email: invitation.email,
      name: invitation.name,
      role: describeRole(invitation.role, invitation),
      partnershipName: invitation.partnershipName,
      expires: formatDateTime(invitation.expiresAt),
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const invitation = await live(params.token);
  if (!invitation || !looksLikeToken(params.token)) return gone();
  const session = await currentSession(request);
  const mode = modeFor(invitation, session?.user ?? null);
  const form = await parseForm(request, mode === "create" ? NewAccountSchema : z.object({}));
  if (!form.ok) return json(refuse({ name: form.reply.values.name ?? "" }, form.reply.errors), { status: 400 });
  if (mode === "sign-in" || mode === "other-account") {
    return json(refuse({}, {}, `This invitation is for ${invitation.email}. Sign in with that account to accept it.`), { status: 400 });
  }

  if (mode === "accept") {
    // Someone who must use two-factor sign-in and has not yet is sent to set it up, and back here after.
    await requireSession(request);
    const accepted = await acceptInvitation(params.token, { kind: "signed-in", userId: session!.user.id });
    if (!accepted.ok) return accepted.reason === "gone" ? gone() : json(refuse({}, {}, `This invitation is for ${invitation.email}.`), { status: 400 });
    return redirectWithNotice(accepted.landingPath, `You have joined ${invitation.partnershipName} as ${describeRole(invitation.role, invitation)}`);
  }

  const data = form.data as z.infer<typeof NewAccountSchema>;
  const problem = passwordProblem(data.password, { email: invitation.email, name: data.name });
  if (problem) return json(refuse({ name: data.name }, { password: problem }), { status: 400 });
  const accepted = await acceptInvitation(params.token, { kind: "new-account", name: data.name, password: data.password });
  if (!accepted.ok) {
    if (accepted.reason === "gone") return gone();
    return json(refuse({ name: data.name }, {}, `There is already an account for ${invitation.email}. Sign in, then open the link again.`), { status: 400 });
  }
  const response = await redirectWithNotice(accepted.landingPath, `Welcome to Golden Thread. You have joined ${invitation.partnershipName}.`);
  response.headers.append("Set-Cookie", await startSession(accepted.userId));
  return response;
}

export default function AcceptInvitation() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const back = useLocation().pathname;
  if (!data.invitation || (reply && "mode" in reply)) {
    return (
      <Main>
        <LinkNoLongerWorks kind="invitation" />
      </Main>
    );
  }
  const formReply = reply && "errors" in reply ? reply : null;
  const { invitation, mode, signedInAs, passwordMin } = data;
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={formReply} order={["name", "password"]} />
          <span className="govuk-caption-l">Invitation</span>
          <h1 className="govuk-heading-l">Join {invitation.partnershipName}</h1>
          <p className="govuk-body">
            You have been invited as <strong>{invitation.role}</strong>. The invitation is for <strong>{invitation.email}</strong> and expires on {invitation.expires}.
          </p>
          {mode === "create" ? (
            <Form method="post" noValidate>
              <h2 className="govuk-heading-m">Set up your account</h2>
              <input hidden readOnly type="email" name="username" autoComplete="username" value={invitation.email} />
              <TextField name="name" label="Full name" autoComplete="name" spellCheck={false} defaultValue={invitation.name} reply={formReply} />
              <TextField
                name="password"
                label="Create a password"
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                hint={`At least ${passwordMin} characters. Three or four random words are easy to remember and hard to guess.`}
                reply={formReply}
              />
              <Button>Create account and join</Button>
            </Form>
          ) : null}
          {mode === "accept" ? (
            <Form method="post">
              <p className="govuk-body">You are signed in with this email address, so the role will be added to your account.</p>
              <Button>Accept invitation</Button>
            </Form>
          ) : null}
          {mode === "sign-in" ? (
            <p className="govuk-body">
              There is already a Golden Thread account for this email address. <SignInLink back={back} /> to accept the invitation.
            </p>
          ) : null}
          {mode === "other-account" ? (
            <p className="govuk-body">
              You are signed in as {signedInAs}. To accept an invitation for {invitation.email}, sign out, then open the link in the email again.
            </p>
          ) : null}
        </div>
      </div>
    </Main>
  );
}

/** Sign-in brings the person back here to accept. */
function SignInLink({ back }: { back: string }) {
  return (
    <Link className="govuk-link" to={`/login?redirectTo=${encodeURIComponent(back)}`}>
      Sign in with that account
    </Link>
  );
}
