import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo");

describe("the audit trail", () => {
  it("records one row per change, down to the single value that changed, with the person who made it", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const coordinator = await userId(owner, "coordinator@cleveland.demo.test");
    const org = await organisationId(owner, "cleveland", "Linthorpe Homes");
    const before = await owner
      .selectFrom("audit_events")
      .select((eb) => eb.fn.max("id").as("max"))
      .executeTakeFirstOrThrow();

    await withPartnership(cleveland, coordinator, (tx) =>
      tx.updateTable("organisations").set({ is_statutory: true }).where("partnership_id", "=", cleveland).where("id", "=", org).execute(),
    );

    const events = await owner
      .selectFrom("audit_events")
      .selectAll()
      .where("id", ">", String(before.max ?? 0))
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      partnership_id: cleveland,
      actor_user_id: coordinator,
      table_name: "organisations",
      action: "update",
      row_key: { id: org },
      old_values: { is_statutory: false },
      new_values: { is_statutory: true },
    });
  });

  it("cannot be altered or deleted by the app's role", async () => {
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    await expect(withPartnership(cleveland, null, (tx) => tx.updateTable("audit_events").set({ table_name: "forged" }).execute())).rejects.toThrow(/permission denied/);
    await expect(withPartnership(cleveland, null, (tx) => tx.deleteFrom("audit_events").execute())).rejects.toThrow(/permission denied/);
    await expect(
      withPartnership(cleveland, null, (tx) =>
        sql`insert into audit_events (partnership_id, table_name, action, row_key) values (${cleveland}, 'forged', 'insert', '{}')`.execute(tx),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it("is readable only within the partnership it belongs to", async () => {
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    const seen = await withPartnership(cleveland, null, (tx) => tx.selectFrom("audit_events").select("partnership_id").distinct().execute());
    expect(seen.map((r) => r.partnership_id)).toEqual([cleveland]);
  });
});
