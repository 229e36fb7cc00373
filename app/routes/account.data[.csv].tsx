import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSession } from "~/modules/auth/guard.server";
import { csvResponse } from "~/modules/platform/csv/write.server";
import { personalDataCsv, personalDataOf } from "~/modules/privacy/subject-access.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  return csvResponse("golden-thread-your-data.csv", personalDataCsv(await personalDataOf(session.user, session.sessionId)));
}
