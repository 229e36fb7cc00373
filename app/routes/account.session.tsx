/**
 * The session's time left, for the warning before it ends (ui/SessionWarning.tsx): read without
 * extending it (GET), or extended because the person asked to stay signed in (POST).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireSession } from "~/modules/auth/guard.server";
import { peekTimeLeft } from "~/modules/auth/session.server";

/**
 * Never a redirect: a page's timer asks with a fetcher, and a fetcher that is redirected moves the
 * whole page, which would take a person away from the form they are typing into. A session that
 * has ended answers "nothing left", and the banner says so.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const left = (await peekTimeLeft(request)) ?? { endsInMs: 0, extendable: false };
  return json(left, { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request, { duringTwoFactorSetup: true });
  return json(session.timeLeft, { headers: { "Cache-Control": "private, no-store" } });
}
