import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireAccess } from "~/modules/auth/guard.server";
import { auditCsv, AuditFilterSchema } from "~/modules/audit/trail.server";
import { today } from "~/modules/platform/clock.server";
import { csvResponse } from "~/modules/platform/csv/write.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";

/** The audit trail as CSV, with the same filters as the page (its search params). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "audit:view");
  const filter = AuditFilterSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!filter.success) throw json({ message: filter.error.issues[0].message }, { status: 400 });
  const body = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => auditCsv(tx, { partnershipId: ctx.partnership.id, filter: filter.data }));
  return csvResponse(`${ctx.partnership.slug}-audit-trail-${today()}.csv`, body);
}
