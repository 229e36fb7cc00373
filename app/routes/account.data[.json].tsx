import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSession } from "~/modules/auth/guard.server";
import { personalDataOf } from "~/modules/privacy/subject-access.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const data = await personalDataOf(session.user, session.sessionId);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": 'attachment; filename="golden-thread-your-data.json"',
      "Cache-Control": "private, no-store",
    },
  });
}
