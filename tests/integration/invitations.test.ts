/**
 * Invitations as the database keeps them: only a hash of the link's token, one use, seven days,
 * the email in the partnership's outbox, and the accepted-invitation hooks run in the same transaction.
 */
import { afterEach, describe, expect, it } from "vitest";
import { signIn } from "~/modules/auth/login.server";
import { tokenHash } from "~/modules/auth/tokens.server";
import { INVITATION_ACCEPTED_HOOKS, type AcceptedInvitation } from "~/modules/people/invitation-hooks.server";
import { acceptInvitation, cancelInvitation, createInvitation, findInvitationByToken, resendInvitation, type InvitationRequest } from "~/modules/people/invitations.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";
import { epochMs } from "~/modules/platform/clock.server";

const db = useTestDatabase("demo");
const origin = "https://goldenthread.example.org";

async function invite(overrides: Partial<InvitationRequest> & { email: string }) {
  const owner = db().handles.owner;
  const cleveland = await partnershipId(owner, "cleveland");
  const coordinator = await userId(owner, "coordinator@cleveland.demo.test");
  const request: InvitationRequest = {
    partnershipId: cleveland,
    role: "champion",
    organisationId: await organisationId(owner, "cleveland", "Linthorpe Homes"),
    invitedBy: coordinator,
    origin,
    ...overrides,
  };
  const outcome = await withPartnership(cleveland, coordinator, (tx) => createInvitation(tx, request));
  if (!outcome.ok) throw new Error(outcome.message);
  return { ...outcome, cleveland, coordinator };
}

const outboxTo = (email: string) =>
  db().handles.owner.selectFrom("outbox_messages").select(["subject", "body_text", "status", "partnership_id"]).where("to_address", "=", email).orderBy("created_at").execute();

// Tests add hooks of their own; the capabilities' real hooks are put back after each.
const realHooks = [...INVITATION_ACCEPTED_HOOKS];
afterEach(() => {
  INVITATION_ACCEPTED_HOOKS.splice(0, INVITATION_ACCEPTED_HOOKS.length, ...realHooks);
});

describe("creating an invitation", () => {
  it("stores only the hash of the token and puts the link in the partnership's outbox", async () => {
    const { token, invitationId, cleveland, expiresAt } = await invite({ email: "new.champion@linthorpe.example.org", name: "Ruth Ellis" });
    const row = await db().handles.owner.selectFrom("invitations").selectAll().where("id", "=", invitationId).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(tokenHash(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(expiresAt.getTime() - epochMs()).toBeGreaterThan(6.9 * 86_400_000);
    expect(expiresAt.getTime() - epochMs()).toBeLessThanOrEqual(7 * 86_400_000);

    const [mail] = await outboxTo("new.champion@linthorpe.example.org");
    expect(mail.partnership_id).toBe(cleveland);
    expect(mail.status).toBe("kept");
    expect(mail.subject).toBe("You are invited to Cleveland Restorative Justice Partnership on Golden Thread");
    expect(mail.body_text).toContain(`${origin}/invitations/${token}`);
    expect(mail.body_text).toContain("Priya Shah has invited you");
    expect(mail.body_text).toContain("RJ champion, Linthorpe Homes");
  });

  it("refuses someone who already holds the role, and an organisation of another partnership", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const southampton = await organisationId(owner, "hampshire", "Southampton Mediation Service");
    const base = { partnershipId: cleveland, invitedBy: null, origin } as const;
    const twice = await withPartnership(cleveland, null, (tx) =>
      createInvitation(tx, { ...base, email: "Champion@Cleveland.demo.test", role: "champion", organisationId: hartlepool }),
    );
    expect(twice).toEqual({ ok: false, field: "email", message: "Daniel Reeve is already an RJ champion at Hartlepool Borough Council" });
    const elsewhere = await withPartnership(cleveland, null, (tx) => createInvitation(tx, { ...base, email: "x@example.org", role: "org_admin", organisationId: southampton }));
    expect(elsewhere).toEqual({ ok: false, field: "organisationId", message: "Choose an organisation from the list" });
  });
});

describe("accepting", () => {
  it("creates the account with the invited email, gives the role, and the link then stops working", async () => {
    const { token, cleveland } = await invite({ email: "Accepting.Person@example.org" });
    expect(await findInvitationByToken(token)).toMatchObject({ state: "pending", accountExists: false, organisationName: "Linthorpe Homes" });

    const accepted = await acceptInvitation(token, { kind: "new-account", name: "Accepting Person", password: "a long enough passphrase" });
    expect(accepted).toMatchObject({ ok: true, landingPath: expect.stringMatching(/^\/p\/cleveland\/orgs\//) });
    const again = await acceptInvitation(token, { kind: "new-account", name: "Someone Else", password: "another long passphrase" });
    expect(again).toEqual({ ok: false, reason: "gone" });
    expect((await findInvitationByToken(token))?.state).toBe("accepted");

    const signedIn = await signIn({ email: "accepting.person@example.org", password: "a long enough passphrase", clientAddress: "10.1.1.1" });
    expect(signedIn.ok).toBe(true);
    const roles = await db()
      .handles.owner.selectFrom("organisation_members")
      .select(["role", "partnership_id"])
      .where("user_id", "=", accepted.ok ? accepted.userId : "")
      .execute();
    expect(roles).toEqual([{ role: "champion", partnership_id: cleveland }]);
  });

  it("adds the role to an existing account only when that account is the one signed in", async () => {
    const owner = db().handles.owner;
    const board = await userId(owner, "board@hampshire.demo.test");
    const stranger = await userId(owner, "champion@cleveland.demo.test");
    const { token, cleveland } = await invite({ email: "board@hampshire.demo.test", role: "board", organisationId: null });
    expect((await findInvitationByToken(token))?.accountExists).toBe(true);
    expect(await acceptInvitation(token, { kind: "new-account", name: "Imposter", password: "a long enough passphrase" })).toEqual({ ok: false, reason: "account-exists" });
    expect(await acceptInvitation(token, { kind: "signed-in", userId: stranger })).toEqual({ ok: false, reason: "wrong-account" });
    expect(await acceptInvitation(token, { kind: "signed-in", userId: board })).toEqual({ ok: true, userId: board, landingPath: "/p/cleveland" });
    const roles = await owner.selectFrom("partnership_members").select(["partnership_id", "role"]).where("user_id", "=", board).orderBy("role").execute();
    expect(roles).toContainEqual({ partnership_id: cleveland, role: "board" });
  });

  it("refuses a link past its seven days, a cancelled one, and one replaced by sending it again", async () => {
    const expired = await invite({ email: "late@example.org" });
    await db()
      .handles.owner.updateTable("invitations")
      .set({ expires_at: new Date(epochMs() - 1000) })
      .where("id", "=", expired.invitationId)
      .execute();
    expect((await findInvitationByToken(expired.token))?.state).toBe("expired");
    expect(await acceptInvitation(expired.token, { kind: "new-account", name: "Late", password: "a long enough passphrase" })).toEqual({ ok: false, reason: "gone" });

    const cancelled = await invite({ email: "cancelled@example.org" });
    expect(
      await withPartnership(cancelled.cleveland, cancelled.coordinator, (tx) => cancelInvitation(tx, { partnershipId: cancelled.cleveland, invitationId: cancelled.invitationId })),
    ).toBe(true);
    expect(await acceptInvitation(cancelled.token, { kind: "new-account", name: "Cancelled", password: "a long enough passphrase" })).toEqual({ ok: false, reason: "gone" });

    const resent = await invite({ email: "resent@example.org" });
    await withPartnership(resent.cleveland, resent.coordinator, (tx) =>
      resendInvitation(tx, { partnershipId: resent.cleveland, invitationId: resent.invitationId, origin, sentBy: resent.coordinator }),
    );
    expect(await findInvitationByToken(resent.token)).toBeNull();
    const mails = await outboxTo("resent@example.org");
    expect(mails).toHaveLength(2);
    const newToken = /\/invitations\/([a-z2-7]{32})/.exec(mails[1].body_text)![1];
    expect(newToken).not.toBe(resent.token);
    expect((await acceptInvitation(newToken, { kind: "new-account", name: "Resent", password: "a long enough passphrase" })).ok).toBe(true);
  });

  it("runs the accepted-invitation hooks with the inviter's context, and a failing hook undoes the acceptance", async () => {
    const seen: AcceptedInvitation[] = [];
    INVITATION_ACCEPTED_HOOKS.push({ name: "record", run: async (_tx, accepted) => void seen.push(accepted) });
    const { token, invitationId } = await invite({ email: "hooked@example.org", context: { sentFrom: "test-case-7" } });
    const outcome = await acceptInvitation(token, { kind: "new-account", name: "Hooked", password: "a long enough passphrase" });
    expect(seen).toEqual([
      expect.objectContaining({ invitationId, role: "champion", context: { sentFrom: "test-case-7" }, newAccount: true, userId: outcome.ok ? outcome.userId : "" }),
    ]);

    INVITATION_ACCEPTED_HOOKS.push({ name: "fail", run: async () => Promise.reject(new Error("champion record missing")) });
    const second = await invite({ email: "rolled.back@example.org" });
    await expect(acceptInvitation(second.token, { kind: "new-account", name: "Rolled Back", password: "a long enough passphrase" })).rejects.toThrow("champion record missing");
    expect((await findInvitationByToken(second.token))?.state).toBe("pending");
    expect(await db().handles.owner.selectFrom("users").select("id").where("email", "=", "rolled.back@example.org").execute()).toEqual([]);
  });

  it("keeps one partnership's invitation out of another's reach", async () => {
    const { invitationId } = await invite({ email: "isolated@example.org" });
    const hampshire = await partnershipId(db().handles.owner, "hampshire");
    const cancelled = await withPartnership(hampshire, null, (tx) => cancelInvitation(tx, { partnershipId: hampshire, invitationId }));
    expect(cancelled).toBe(false);
    const visible = await withPartnership(hampshire, null, (tx) => tx.selectFrom("invitations").select("id").where("id", "=", invitationId).execute());
    expect(visible).toEqual([]);
  });
});
