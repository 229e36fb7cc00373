import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/modules/auth/guard.server";
import { actionsCsv } from "~/modules/delivery/action-csv.server";
import { maySeeAction } from "~/modules/delivery/action-access";
import { planAsSeen, requirePlan } from "~/modules/delivery/plan-access.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { csvResponse } from "~/modules/platform/csv/write.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "plan:view");
  const plan = await requirePlan(ctx, params);
  const { record, lens } = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => planAsSeen(tx, ctx, plan.id));
  const csv = actionsCsv(record, (a) => maySeeAction(ctx, a, lens));
  return csvResponse(`${ctx.partnership.slug}-actions-${plan.financialYear}.csv`, csv);
}
