import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/modules/auth/guard.server";
import { maySeeAction } from "~/modules/delivery/action-access";
import { requirePlan } from "~/modules/delivery/plan-access.server";
import { loadPlan } from "~/modules/delivery/plans.server";
import { updatesCsv } from "~/modules/delivery/update-csv.server";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { csvResponse } from "~/modules/platform/csv/write.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:view");
  const plan = await requirePlan(ctx, params);
  const record = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => loadPlan(tx, { partnershipId: ctx.partnership.id, planId: plan.id }));
  const csv = updatesCsv(record, today(), (a) => maySeeAction(ctx, a));
  return csvResponse(`${ctx.partnership.slug}-updates-${plan.financialYear}.csv`, csv);
}
