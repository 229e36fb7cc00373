/**
 * The session's time left, for the warning before it ends (ui/SessionWarning.tsx): read without
 * extending it (GET), or extended because the person asked to stay signed in (POST).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { requireSession } from "~/modules/auth/guard.server";
import { peekTimeLeft } from "~/modules/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const left = await peekTimeLeft(request);
  if (!left) throw redirect("/login?reason=ended");
  return json(left, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request, { duringTwoFactorSetup: true });
  return json(session.timeLeft, { headers: { "Cache-Control": "private, no-store" } });
}
