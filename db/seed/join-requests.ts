/**
 * The demo's "Ask to join": Cleveland has it open, with one request waiting for the coordinator;
 * Hampshire keeps it closed.
 */
import type { DemoStep } from "./demo";

export const seedJoinRequests: DemoStep = async (tx, ctx) => {
  if (ctx.partnership.slug !== "cleveland") return;
  await tx.updateTable("partnerships").set({ join_requests_open: true }).where("id", "=", ctx.partnershipId).execute();
  await tx
    .insertInto("join_requests")
    .values({
      partnership_id: ctx.partnershipId,
      organisation_name: "Redcar Community Boxing Club",
      sector: "voluntary_community",
      borough_id: ctx.boroughIds.get("Redcar and Cleveland") ?? null,
      contact_name: "Dean Whitfield",
      contact_email: "dean.whitfield@redcarboxing.example",
      message: "We run sessions for young people referred by the youth justice service and would like to sign the pledge.",
      created_at: ctx.now,
    })
    .execute();
};
