/**
 * People management on real PostgreSQL: role changes and removals touch only this partnership,
 * a partnership keeps a coordinator, and the audit trail names who did it with the old and new values.
 */
import { describe, expect, it } from "vitest";
import { changeRole, findMember, removeMember, removeRole } from "~/modules/people/members.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo");

async function lastAuditId() {
  const row = await db()
    .handles.owner.selectFrom("audit_events")
    .select((eb) => eb.fn.max("id").as("max"))
    .executeTakeFirstOrThrow();
  return String(row.max ?? 0);
}

const auditSince = (id: string) => db().handles.owner.selectFrom("audit_events").selectAll().where("id", ">", id).orderBy("id").execute();

async function setting() {
  const owner = db().handles.owner;
  return {
    owner,
    cleveland: await partnershipId(owner, "cleveland"),
    hampshire: await partnershipId(owner, "hampshire"),
    coordinator: await userId(owner, "coordinator@cleveland.demo.test"),
  };
}

describe("changing a role", () => {
  it("changes a champion into an administrator in place, and the trail records the coordinator with old → new", async () => {
    const { owner, cleveland, coordinator } = await setting();
    const champion = await userId(owner, "champion@cleveland.demo.test");
    const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const before = await lastAuditId();

    const result = await withPartnership(cleveland, coordinator, (tx) =>
      changeRole(tx, { partnershipId: cleveland, userId: champion, from: { role: "champion", organisationId: hartlepool }, to: { role: "org_admin", boroughId: null } }),
    );
    expect(result).toEqual({ ok: true });
    const events = await auditSince(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      partnership_id: cleveland,
      actor_user_id: coordinator,
      table_name: "organisation_members",
      action: "update",
      old_values: { role: "champion" },
      new_values: { role: "org_admin" },
    });
    const member = await withPartnership(cleveland, coordinator, (tx) => findMember(tx, { partnershipId: cleveland, userId: champion }));
    expect(member?.roles.map((r) => r.role)).toEqual(["org_admin"]);
  });

  it("limits a board member to one borough, and refuses a borough of another partnership", async () => {
    const { owner, cleveland, coordinator } = await setting();
    const board = await userId(owner, "board@cleveland.demo.test");
    const hartlepool = (await owner.selectFrom("boroughs").select("id").where("name", "=", "Hartlepool").executeTakeFirstOrThrow()).id;
    const portsmouth = (await owner.selectFrom("boroughs").select("id").where("name", "=", "Portsmouth").executeTakeFirstOrThrow()).id;
    const change = (boroughId: string) =>
      withPartnership(cleveland, coordinator, (tx) =>
        changeRole(tx, { partnershipId: cleveland, userId: board, from: { role: "board", organisationId: null }, to: { role: "board", boroughId } }),
      );

    expect(await change(portsmouth)).toEqual({ ok: false, field: "boroughId", message: "Choose a borough from the list" });
    const before = await lastAuditId();
    expect(await change(hartlepool)).toEqual({ ok: true });
    const [event] = await auditSince(before);
    expect(event).toMatchObject({ actor_user_id: coordinator, table_name: "partnership_members", old_values: { borough_id: null }, new_values: { borough_id: hartlepool } });
  });

  it("never leaves a partnership without a coordinator", async () => {
    const { owner, hampshire } = await setting();
    const coordinator = await userId(owner, "coordinator@hampshire.demo.test");
    const demote = await withPartnership(hampshire, coordinator, (tx) =>
      changeRole(tx, { partnershipId: hampshire, userId: coordinator, from: { role: "coordinator", organisationId: null }, to: { role: "board", boroughId: null } }),
    );
    expect(demote).toMatchObject({ ok: false, field: "newRole", message: expect.stringContaining("needs a coordinator") });
    const remove = await withPartnership(hampshire, coordinator, (tx) => removeMember(tx, { partnershipId: hampshire, userId: coordinator }));
    expect(remove).toMatchObject({ ok: false, message: expect.stringContaining("needs a coordinator") });
    const roles = await owner.selectFrom("partnership_members").select("role").where("user_id", "=", coordinator).execute();
    expect(roles).toEqual([{ role: "coordinator" }]);
  });
});

describe("removing", () => {
  it("removes one role, or every role in this partnership, and leaves the account and its other partnership alone", async () => {
    const { owner, cleveland, hampshire, coordinator } = await setting();
    const person = await userId(owner, "board@hampshire.demo.test");
    const teesHub = await organisationId(owner, "cleveland", "Tees Restorative Justice Hub");
    // The same person also champions an organisation in cleveland and sits on its board.
    await owner.insertInto("organisation_members").values({ partnership_id: cleveland, organisation_id: teesHub, user_id: person, role: "champion" }).execute();
    await owner.insertInto("partnership_members").values({ partnership_id: cleveland, user_id: person, role: "board", borough_id: null }).execute();

    const before = await lastAuditId();
    const one = await withPartnership(cleveland, coordinator, (tx) => removeRole(tx, { partnershipId: cleveland, userId: person, role: { role: "board", organisationId: null } }));
    expect(one).toEqual({ ok: true });
    const [event] = await auditSince(before);
    expect(event).toMatchObject({
      actor_user_id: coordinator,
      table_name: "partnership_members",
      action: "delete",
      old_values: { role: "board", user_id: person },
      new_values: null,
    });

    expect(await withPartnership(cleveland, coordinator, (tx) => removeMember(tx, { partnershipId: cleveland, userId: person }))).toEqual({ ok: true });
    expect(await withPartnership(cleveland, coordinator, (tx) => findMember(tx, { partnershipId: cleveland, userId: person }))).toBeNull();
    const elsewhere = await owner.selectFrom("partnership_members").select(["partnership_id", "role"]).where("user_id", "=", person).execute();
    expect(elsewhere).toEqual([{ partnership_id: hampshire, role: "board" }]);
    expect(await owner.selectFrom("users").select("email").where("id", "=", person).executeTakeFirst()).toEqual({ email: "board@hampshire.demo.test" });
  });

  it("cannot touch another partnership's member, and another partnership's member is not found here", async () => {
    const { owner, cleveland, coordinator } = await setting();
    const outsider = await userId(owner, "champion@hampshire.demo.test");
    expect(await withPartnership(cleveland, coordinator, (tx) => findMember(tx, { partnershipId: cleveland, userId: outsider }))).toBeNull();
    expect(await withPartnership(cleveland, coordinator, (tx) => removeMember(tx, { partnershipId: cleveland, userId: outsider }))).toEqual({ ok: false, notFound: true });
    const southampton = await organisationId(owner, "hampshire", "Southampton Mediation Service");
    const swapped = await withPartnership(cleveland, coordinator, (tx) =>
      removeRole(tx, { partnershipId: cleveland, userId: outsider, role: { role: "champion", organisationId: southampton } }),
    );
    expect(swapped).toEqual({ ok: false, notFound: true });
    expect(await owner.selectFrom("organisation_members").select("role").where("user_id", "=", outsider).execute()).toEqual([{ role: "champion" }]);
  });
});
