import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccess } from "~/modules/auth/guard.server";
import { boardPackWorkbook } from "~/modules/delivery/board-pack.server";
import { requireReview } from "~/modules/delivery/plan-access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "review:view");
  const review = await requireReview(ctx, params);
  const workbook = await boardPackWorkbook(review, ctx.partnership.name);
  const name = `${ctx.partnership.slug}-${review.kind.replace("_", "-")}-review-${review.snapshot.plan.label.replace("/", "-")}.xlsx`;
  return new Response(new Uint8Array(workbook), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
