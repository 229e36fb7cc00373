import { describe, expect, it } from "vitest";
import { PLEDGE_TEMPLATE } from "~/modules/pledge/template";
import { startDraft } from "~/modules/pledge/versions.server";
import { isStarting, setupTasks, startPartnership } from "~/modules/tenancy/partnership-setup.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { userId } from "../helpers/fixtures";

const db = useTestDatabase("demo", { poolSize: 4 });

const input = (n: number) => ({
  slug: "west-yorkshire",
  name: `West Yorkshire Restorative Partnership ${n}`,
  county: "West Yorkshire",
  coordinatorName: "Ruth Ainsworth",
  coordinatorEmail: `ruth${n}@westyorks.example`,
  origin: "http://localhost:3000",
});

describe("starting a partnership", () => {
  it("gives a new partnership the default metric framework and invites its coordinator", async () => {
    const adminId = await userId(db().handles.owner, "admin@demo.test");
    const outcome = await startPartnership({ ...input(0), slug: "durham", adminId });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const metrics = await withPartnership(outcome.partnershipId, null, (tx) =>
      tx.selectFrom("metrics").select("key").where("partnership_id", "=", outcome.partnershipId).execute(),
    );
    expect(metrics.map((m) => m.key)).toContain("referrals_made");
    const invitations = await withPartnership(outcome.partnershipId, null, (tx) =>
      tx.selectFrom("invitations").select("email").where("partnership_id", "=", outcome.partnershipId).execute(),
    );
    expect(invitations.map((i) => i.email)).toEqual(["ruth0@westyorks.example"]);
  });

  it("tells the second of two administrators choosing the same address at once that it is taken", async () => {
    const adminId = await userId(db().handles.owner, "admin@demo.test");
    const outcomes = await Promise.all([1, 2, 3].map((n) => startPartnership({ ...input(n), adminId })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const failed of outcomes.filter((o) => !o.ok)) expect(failed).toMatchObject({ ok: false, field: "slug", message: expect.stringContaining("already a partnership") });
    const rows = await db().handles.owner.selectFrom("partnerships").select("slug").where("slug", "=", "west-yorkshire").execute();
    expect(rows).toHaveLength(1);
  });

  it("starts ready: a task list of what is left, and a pledge draft from the template", async () => {
    const adminId = await userId(db().handles.owner, "admin@demo.test");
    const outcome = await startPartnership({ ...input(9), slug: "northumbria", adminId });
    if (!outcome.ok) throw new Error("not started");
    const tasks = await withPartnership(outcome.partnershipId, null, (tx) => setupTasks(tx, { partnershipId: outcome.partnershipId }));
    expect(tasks.filter((t) => t.done).map((t) => t.key)).toEqual(["metrics"]);
    const draft = await withPartnership(outcome.partnershipId, adminId, (tx) => startDraft(tx, { partnershipId: outcome.partnershipId }));
    expect(draft.commitments).toEqual(PLEDGE_TEMPLATE.commitments);
    expect(await withPartnership(outcome.partnershipId, null, (tx) => isStarting(tx, { partnershipId: outcome.partnershipId }))).toBe(true);
    // The demo partnership is running (organisations have signed): no task list, though it still uses the suggested criteria.
    const cleveland = (await db().handles.owner.selectFrom("partnerships").select("id").where("slug", "=", "cleveland").executeTakeFirstOrThrow()).id;
    expect(await withPartnership(cleveland, null, (tx) => isStarting(tx, { partnershipId: cleveland }))).toBe(false);
  });
});
