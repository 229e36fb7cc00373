/**
 * "Forgotten your password?" and changing one's own password: links stored as hashes, used once,
 * expiring, silent about unknown emails, and every other session ends.
 */
import { describe, expect, it } from "vitest";
import { signIn } from "~/modules/auth/login.server";
import { changeOwnPassword } from "~/modules/auth/own-account.server";
import { completePasswordReset, findPasswordReset, requestPasswordReset, RESETS_PER_HOUR } from "~/modules/auth/password-reset.server";
import { currentSession, startSession } from "~/modules/auth/session.server";
import { tokenHash } from "~/modules/auth/tokens.server";
import { useTestDatabase } from "../helpers/database";
import { userId } from "../helpers/fixtures";
import { epochMs, now } from "~/modules/platform/clock.server";

const db = useTestDatabase("demo");
const origin = "https://goldenthread.example.org";

const platformMailTo = (email: string) =>
  db().handles.owner.selectFrom("platform_outbox_messages").select(["subject", "body_text", "status"]).where("to_address", "=", email).orderBy("created_at").execute();

const linkIn = (body: string) => /\/reset-password\/([a-z2-7]{32})/.exec(body)![1];
const requestWith = (setCookie: string) => new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0] } });

describe("asking for a reset", () => {
  it("puts a link in the platform outbox for an account, stores only its hash, and sends nothing for an unknown email", async () => {
    await requestPasswordReset({ email: " Board@Cleveland.demo.test ", origin });
    await requestPasswordReset({ email: "nobody@nowhere.example.org", origin });
    const [mail] = await platformMailTo("board@cleveland.demo.test");
    expect(mail).toMatchObject({ subject: "Reset your Golden Thread password", status: "kept" });
    const token = linkIn(mail.body_text);
    expect(mail.body_text).toContain(`${origin}/reset-password/${token}`);
    const stored = await db().handles.owner.selectFrom("password_resets").select("token_hash").execute();
    expect(stored.map((r) => r.token_hash)).toContain(tokenHash(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await platformMailTo("nobody@nowhere.example.org")).toEqual([]);
  });

  it("sends nothing to a disabled account, and at most a few emails an hour to anyone", async () => {
    const owner = db().handles.owner;
    await owner.updateTable("users").set({ disabled_at: now() }).where("email", "=", "board@hampshire.demo.test").execute();
    await requestPasswordReset({ email: "board@hampshire.demo.test", origin });
    expect(await platformMailTo("board@hampshire.demo.test")).toEqual([]);

    for (let i = 0; i < RESETS_PER_HOUR + 2; i++) await requestPasswordReset({ email: "champion@hampshire.demo.test", origin });
    expect(await platformMailTo("champion@hampshire.demo.test")).toHaveLength(RESETS_PER_HOUR);
  });
});

describe("using the link", () => {
  it("sets the new password once, ends every session, and only the newest link works", async () => {
    const email = "orgadmin@cleveland.demo.test";
    const user = await userId(db().handles.owner, email);
    const sessions = [await startSession(user), await startSession(user)];
    await requestPasswordReset({ email, origin });
    await requestPasswordReset({ email, origin });
    const [older, newer] = (await platformMailTo(email)).map((m) => linkIn(m.body_text));
    expect(await findPasswordReset(older)).toBeNull();
    expect(await findPasswordReset(newer)).toEqual({ email, name: "Janet Atkinson" });

    expect(await completePasswordReset(newer, "a brand new passphrase")).toMatchObject({ ok: true, user: { id: user, email } });
    for (const cookie of sessions) expect(await currentSession(requestWith(cookie))).toBeNull();
    expect((await signIn({ email, password: "a brand new passphrase", clientAddress: "10.2.2.2" })).ok).toBe(true);
    expect((await signIn({ email, password: "golden-thread-demo", clientAddress: "10.2.2.2" })).ok).toBe(false);
    expect(await completePasswordReset(newer, "yet another passphrase")).toEqual({ ok: false });
  });

  it("refuses a link after its 60 minutes", async () => {
    const email = "coordinator@hampshire.demo.test";
    await requestPasswordReset({ email, origin });
    const token = linkIn((await platformMailTo(email))[0].body_text);
    await db()
      .handles.owner.updateTable("password_resets")
      .set({ expires_at: new Date(epochMs() - 1000) })
      .where("token_hash", "=", tokenHash(token))
      .execute();
    expect(await findPasswordReset(token)).toBeNull();
    expect(await completePasswordReset(token, "a brand new passphrase")).toEqual({ ok: false });
    expect((await signIn({ email, password: "golden-thread-demo", clientAddress: "10.3.3.3" })).ok).toBe(true);
  });
});

describe("changing one's own password", () => {
  it("needs the current password, and then ends every other session", async () => {
    const email = "champion@cleveland.demo.test";
    const id = await userId(db().handles.owner, email);
    const user = { id, email, name: "Daniel Reeve", isPlatformAdmin: false };
    const other = await startSession(id);
    const wrong = await changeOwnPassword({ user, currentPassword: "not my password", newPassword: "a fresh long passphrase", clientAddress: "10.4.4.4" });
    expect(wrong).toMatchObject({ ok: false, field: "currentPassword" });
    expect(await currentSession(requestWith(other))).not.toBeNull();

    const weak = await changeOwnPassword({ user, currentPassword: "golden-thread-demo", newPassword: "password123", clientAddress: "10.4.4.4" });
    expect(weak).toMatchObject({ ok: false, field: "newPassword" });

    const changed = await changeOwnPassword({ user, currentPassword: "golden-thread-demo", newPassword: "a fresh long passphrase", clientAddress: "10.4.4.4" });
    expect(changed.ok).toBe(true);
    expect(await currentSession(requestWith(other))).toBeNull();
    expect(await currentSession(requestWith(changed.ok ? changed.cookie : ""))).not.toBeNull();
  });
});
