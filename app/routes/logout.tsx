import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endPendingSignIn } from "~/modules/auth/pending-sign-in.server";
import { endSession } from "~/modules/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const headers = new Headers({ "Set-Cookie": await endSession(request) });
  headers.append("Set-Cookie", await endPendingSignIn(request));
  return redirect("/", { headers });
}

export async function loader() {
  return redirect("/");
}
