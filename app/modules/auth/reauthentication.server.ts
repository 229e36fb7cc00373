/**
 * Changing an email address, a password or two-factor settings needs a recent proof of who the
 * person is: signing in, or confirming the password (and a code, once enrolled) in the last
 * REAUTHENTICATION_MINUTES. A session left open on a shared computer cannot change how its owner
 * signs in. Both checks go through sign-in's throttles.
 */
import { redirect } from "@remix-run/node";
import { machineNow } from "../platform/clock.server";
import { requireSession, returnPath } from "./guard.server";
import { signIn } from "./login.server";
import { markReauthenticated, type CurrentSession } from "./session.server";
import { codeProblem, hasTwoFactor, parseSecondFactor, verifySecondFactor } from "./two-factor.server";

export const REAUTHENTICATION_MINUTES = 15;

export const isRecentlyAuthenticated = (session: Pick<CurrentSession, "authenticatedAt">, now = machineNow().getTime()) =>
  now - session.authenticatedAt.getTime() < REAUTHENTICATION_MINUTES * 60_000;

/** The session, if it proved who it is recently; otherwise off to confirm, and back here after. */
export async function requireRecentAuthentication(request: Request, options: { duringTwoFactorSetup?: boolean } = {}): Promise<CurrentSession> {
  const session = await requireSession(request, options);
  if (!isRecentlyAuthenticated(session)) throw redirect(`/account/confirm?redirectTo=${encodeURIComponent(returnPath(request))}`);
  return session;
}

export type Reauthentication = { ok: true } | { ok: false; field: "password" | "code"; message: string; retryAfterSeconds?: number };

export async function reauthenticate(session: CurrentSession, input: { password: string; code: string | undefined; clientAddress: string }): Promise<Reauthentication> {
  const { user } = session;
  const enrolled = await hasTwoFactor(user.id);
  const code = enrolled ? parseSecondFactor(input.code ?? "") : null;
  if (enrolled && !code) return { ok: false, field: "code", message: "Enter the 6-digit code from your authenticator app, or one of your recovery codes" };

  const check = await signIn({ email: user.email, password: input.password, clientAddress: input.clientAddress });
  if (!check.ok && check.reason === "throttled") {
    const minutes = Math.ceil(check.retryAfterSeconds / 60);
    return {
      ok: false,
      field: "password",
      message: `Too many wrong passwords. Wait ${minutes === 1 ? "a minute" : `${minutes} minutes`} and try again`,
      retryAfterSeconds: check.retryAfterSeconds,
    };
  }
  if (!check.ok || check.user.id !== user.id) return { ok: false, field: "password", message: "Your password is not right. Enter the password you sign in with" };

  if (code) {
    const verdict = await verifySecondFactor(user.id, code, input.clientAddress);
    if (!verdict.ok) return { ok: false, field: "code", message: codeProblem(verdict), retryAfterSeconds: verdict.reason === "throttled" ? verdict.retryAfterSeconds : undefined };
  }
  await markReauthenticated(session.sessionId);
  return { ok: true };
}
