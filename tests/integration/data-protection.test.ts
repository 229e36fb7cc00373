/**
 * Data protection on real PostgreSQL: a person sees everything held about them; a coordinator
 * erases a champion or a member, leaving tombstones, keeping every figure, deleting sessions and
 * invitations, scrubbing the audit trail through the one SECURITY DEFINER door, and auditing the
 * erasure itself. The app role still cannot touch the audit trail any other way.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { signIn } from "~/modules/auth/login.server";
import { startSession } from "~/modules/auth/session.server";
import { findMember } from "~/modules/people/members.server";
import { eraseChampion, eraseMember, memberErasureCheck } from "~/modules/privacy/erasure.server";
import { personalDataCsv, personalDataOf } from "~/modules/privacy/subject-access.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { championId, organisationId, partnershipId, userId } from "../helpers/fixtures";
import { epochMs } from "~/modules/platform/clock.server";

const db = useTestDatabase("demo");
const owner = () => db().handles.owner;

async function auditText(partnership: string) {
  const rows = await owner().selectFrom("audit_events").select(["row_key", "old_values", "new_values"]).where("partnership_id", "=", partnership).execute();
  return JSON.stringify(rows);
}

/** Figures that erasure must not change: every return value and the champions counted by training. */
async function figures(partnership: string) {
  const values = await owner()
    .selectFrom("return_values")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.sum<number>("value").as("total")])
    .where("partnership_id", "=", partnership)
    .executeTakeFirstOrThrow();
  const training = await owner().selectFrom("champions").select(["training", "since"]).where("partnership_id", "=", partnership).orderBy("since").orderBy("training").execute();
  const returns = await owner()
    .selectFrom("quarterly_returns")
    .select(["organisation_id", "quarter", "status"])
    .where("partnership_id", "=", partnership)
    .orderBy("organisation_id")
    .orderBy("quarter")
    .execute();
  return { values: { n: Number(values.n), total: Number(values.total) }, training, returns };
}

async function member(partnership: string, email: string) {
  const id = await userId(owner(), email);
  return (await withPartnership(partnership, null, (tx) => findMember(tx, { partnershipId: partnership, userId: id })))!;
}

describe("seeing what is held about you", () => {
  it("lists the account, sessions, roles, champion records and audit entries, and downloads them as CSV", async () => {
    const id = await userId(owner(), "champion@cleveland.demo.test");
    const token = (await startSession(id)).split(";")[0].split("=")[1];
    const data = await personalDataOf({ id, email: "champion@cleveland.demo.test", name: "Daniel Reeve", isPlatformAdmin: false }, token);
    expect(data.account).toMatchObject({ name: "Daniel Reeve", email: "champion@cleveland.demo.test", platformAdministrator: false, twoFactor: { enrolled: false } });
    expect(data.sessions.some((s) => s.thisOne)).toBe(true);
    expect(data.roles).toContainEqual(expect.objectContaining({ role: "champion", organisation: "Hartlepool Borough Council" }));
    expect(data.championRecords).toContainEqual(
      expect.objectContaining({ name: "Daniel Reeve", jobTitle: "Community Safety Officer", organisation: "Hartlepool Borough Council" }),
    );
    expect(data.auditEntries.length).toBeGreaterThan(0);
    expect(data.auditEntries.some((e) => e.table === "champions")).toBe(true);

    const csv = personalDataCsv(data);
    expect(csv.split("\r\n")[0]).toBe("section,item,field,value");
    expect(csv).toContain("account,1,email,champion@cleveland.demo.test");
    expect(csv).toContain("champion record,1,jobTitle,Community Safety Officer");
  });

  it("shows nothing of another person's data", async () => {
    const id = await userId(owner(), "board@hampshire.demo.test");
    const data = await personalDataOf({ id, email: "board@hampshire.demo.test", name: "Mark Pearce", isPlatformAdmin: false });
    expect(JSON.stringify(data)).not.toMatch(/Daniel Reeve|cleveland/i);
  });
});

describe("erasing a champion", () => {
  it("leaves tombstones, keeps the figures, scrubs the audit trail, and audits the erasure", async () => {
    const cleveland = await partnershipId(owner(), "cleveland");
    const hartlepool = await organisationId(owner(), "cleveland", "Hartlepool Borough Council");
    const amira = await championId(owner(), "cleveland", "Amira Collins");
    const coordinator = await userId(owner(), "coordinator@cleveland.demo.test");
    const before = await figures(cleveland);
    expect(await auditText(cleveland)).toContain("Amira Collins");

    expect(await eraseChampion({ partnershipId: cleveland, organisationId: hartlepool, championId: amira, actorId: coordinator })).toBe(true);

    const row = await owner().selectFrom("champions").selectAll().where("id", "=", amira).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "Erased champion", email: `erased-${amira}@erased.invalid`, job_title: "Erased", user_id: null, is_contact: false, training: "accredited" });
    expect(row.left_on).not.toBeNull();
    const trail = await auditText(cleveland);
    expect(trail).not.toContain("Amira Collins");
    expect(trail).not.toContain("Neighbourhood Mediation Lead");
    expect(trail).toContain("[erased]");
    const erasure = await owner().selectFrom("erasures").selectAll().where("erased_record", "=", amira).executeTakeFirstOrThrow();
    expect(erasure).toMatchObject({ subject: "champion", erased_by: coordinator });
    const audited = await owner()
      .selectFrom("audit_events")
      .select(["actor_user_id", "action"])
      .where("table_name", "=", "erasures")
      .where(sql`row_key->>'id'`, "=", erasure.id)
      .execute();
    expect(audited).toEqual([{ actor_user_id: coordinator, action: "insert" }]);

    const after = await figures(cleveland);
    expect(after.values).toEqual(before.values);
    expect(after.returns).toEqual(before.returns);
    expect(after.training).toEqual(before.training);
  });

  it("refuses another partnership's champion", async () => {
    const cleveland = await partnershipId(owner(), "cleveland");
    const hartlepool = await organisationId(owner(), "cleveland", "Hartlepool Borough Council");
    const aisha = await championId(owner(), "hampshire", "Aisha Rahman");
    expect(
      await eraseChampion({ partnershipId: cleveland, organisationId: hartlepool, championId: aisha, actorId: await userId(owner(), "coordinator@cleveland.demo.test") }),
    ).toBe(false);
    expect((await owner().selectFrom("champions").select("name").where("id", "=", aisha).executeTakeFirstOrThrow()).name).toBe("Aisha Rahman");
  });
});

describe("erasing a member", () => {
  it("closes the account, removes their roles, sessions, secrets, invitations and emails, keeps the figures, and scrubs the trail", async () => {
    const cleveland = await partnershipId(owner(), "cleveland");
    const hartlepool = await organisationId(owner(), "cleveland", "Hartlepool Borough Council");
    const coordinator = await userId(owner(), "coordinator@cleveland.demo.test");
    const daniel = await userId(owner(), "champion@cleveland.demo.test");
    // An invitation and an email to him, so there is something to delete and to blank.
    await owner()
      .insertInto("invitations")
      .values({
        partnership_id: cleveland,
        token_hash: "a".repeat(64),
        email: "champion@cleveland.demo.test",
        role: "org_admin",
        organisation_id: hartlepool,
        expires_at: new Date(epochMs() + 86_400_000),
      })
      .execute();
    await owner()
      .insertInto("outbox_messages")
      .values({ partnership_id: cleveland, kind: "invitation", to_address: "champion@cleveland.demo.test", subject: "You are invited", body_text: "Dear Daniel Reeve" })
      .execute();
    await startSession(daniel);
    const before = await figures(cleveland);

    const result = await eraseMember({ partnershipId: cleveland, actorId: coordinator, member: await member(cleveland, "champion@cleveland.demo.test") });
    expect(result).toEqual({ ok: true });

    const account = await owner().selectFrom("users").selectAll().where("id", "=", daniel).executeTakeFirstOrThrow();
    expect(account).toMatchObject({ name: "Erased person", email: `erased-${daniel}@erased.invalid`, password_hash: null });
    expect(account.erased_at).not.toBeNull();
    expect(account.disabled_at).not.toBeNull();
    expect(await owner().selectFrom("sessions").select("id").where("user_id", "=", daniel).execute()).toEqual([]);
    expect(await owner().selectFrom("organisation_members").select("user_id").where("user_id", "=", daniel).execute()).toEqual([]);
    expect(await owner().selectFrom("invitations").select("id").where("email", "=", "champion@cleveland.demo.test").execute()).toEqual([]);
    const mail = await owner().selectFrom("outbox_messages").select(["to_address", "body_text"]).where("subject", "=", "You are invited").executeTakeFirstOrThrow();
    expect(mail).toEqual({ to_address: expect.stringMatching(/^erased-[0-9a-f-]{36}@erased\.invalid$/), body_text: "[erased]" });
    expect((await owner().selectFrom("champions").select("name").where("user_id", "is", null).where("email", "like", "erased-%").execute()).map((c) => c.name)).toContain(
      "Erased champion",
    );
    expect(await signIn({ email: "champion@cleveland.demo.test", password: "golden-thread-demo", clientAddress: "10.7.7.7" })).toEqual({ ok: false, reason: "invalid" });

    const trail = await auditText(cleveland);
    expect(trail).not.toContain("Daniel Reeve");
    expect(trail).not.toContain("champion@cleveland.demo.test");
    expect(await owner().selectFrom("erasures").select("subject").where("erased_record", "=", daniel).execute()).toEqual([{ subject: "member" }]);

    const after = await figures(cleveland);
    expect(after.values).toEqual(before.values);
    expect(after.returns).toEqual(before.returns);
    expect(after.training).toEqual(before.training);
  });

  it("refuses an account that is not this partnership's alone, a platform administrator, oneself, and the last coordinator", async () => {
    const cleveland = await partnershipId(owner(), "cleveland");
    const hampshire = await partnershipId(owner(), "hampshire");
    const coordinator = await userId(owner(), "coordinator@cleveland.demo.test");
    const board = await userId(owner(), "board@cleveland.demo.test");
    await owner().insertInto("partnership_members").values({ partnership_id: hampshire, user_id: board, role: "board", borough_id: null }).execute();
    const check = (m: Awaited<ReturnType<typeof member>>, actorId = coordinator) => memberErasureCheck({ partnershipId: cleveland, actorId, member: m });

    expect(await check(await member(cleveland, "board@cleveland.demo.test"))).toMatchObject({ ok: false, reason: expect.stringContaining("another partnership") });
    expect(await check(await member(cleveland, "coordinator@cleveland.demo.test"))).toMatchObject({ ok: false, reason: expect.stringContaining("your own account") });
    const admin = await userId(owner(), "admin@demo.test");
    await owner().insertInto("partnership_members").values({ partnership_id: cleveland, user_id: admin, role: "board", borough_id: null }).execute();
    expect(await check(await member(cleveland, "admin@demo.test"))).toMatchObject({ ok: false, reason: expect.stringContaining("platform administrator") });
    expect(await check(await member(cleveland, "coordinator@cleveland.demo.test"), admin)).toMatchObject({ ok: false, reason: expect.stringContaining("needs a coordinator") });
    const refused = await eraseMember({ partnershipId: cleveland, actorId: coordinator, member: await member(cleveland, "board@cleveland.demo.test") });
    expect(refused.ok).toBe(false);
    expect((await owner().selectFrom("users").select("name").where("id", "=", board).executeTakeFirstOrThrow()).name).toBe("Gareth Lowe");
  });
});

describe("the audit trail stays append-only for the app", () => {
  it("refuses the app role's own updates and deletes, and the erasure function acts only on named personal columns in the transaction's partnership", async () => {
    const cleveland = await partnershipId(owner(), "cleveland");
    const app = db().handles.app;
    await expect(withPartnership(cleveland, null, (tx) => sql`update audit_events set old_values = null`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(withPartnership(cleveland, null, (tx) => sql`delete from audit_events`.execute(tx))).rejects.toThrow(/permission denied/);
    await expect(withPartnership(cleveland, null, (tx) => sql`select erase_audit_values('organisations', '{"id": "x"}'::jsonb)`.execute(tx))).rejects.toThrow(/no personal values/);
    await expect(withPartnership(cleveland, null, (tx) => sql`select erase_audit_values('champions', '{}'::jsonb)`.execute(tx))).rejects.toThrow(/row key/);
    await expect(sql`select erase_audit_values('champions', '{"id": "x"}'::jsonb)`.execute(app)).rejects.toThrow(/app.partnership_id/);
  });
});
