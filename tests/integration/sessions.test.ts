import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIn } from "~/modules/auth/login.server";
import { currentSession, endAllSessions, endSession, SESSION_ABSOLUTE_LIFETIME_MS, startSession } from "~/modules/auth/session.server";
import { useTestDatabase } from "../helpers/database";
import { userId } from "../helpers/fixtures";
import { machineNow, now } from "~/modules/platform/clock.server";

const db = useTestDatabase("demo");

const requestWith = (setCookie: string) => new Request("http://localhost/", { headers: { Cookie: setCookie.split(";")[0] } });
const tokenOf = (setCookie: string) => setCookie.split(";")[0].split("=")[1];

describe("sessions", () => {
  it("stores only a hash of the token, and the cookie is HttpOnly and SameSite=Lax", async () => {
    const user = await userId(db().handles.owner, "board@cleveland.demo.test");
    const cookie = await startSession(user);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = tokenOf(cookie);
    const stored = await db().handles.owner.selectFrom("sessions").select("id").where("user_id", "=", user).execute();
    expect(stored.map((s) => s.id)).toContain(createHash("sha256").update(token).digest("hex"));
    expect(stored.map((s) => s.id)).not.toContain(token);
  });

  it("gives a new session id on every sign-in", async () => {
    const user = await userId(db().handles.owner, "board@cleveland.demo.test");
    const first = tokenOf(await startSession(user));
    const second = tokenOf(await startSession(user));
    expect(first).not.toEqual(second);
  });

  it("ends at sign-out: the old cookie no longer opens anything", async () => {
    const user = await userId(db().handles.owner, "board@cleveland.demo.test");
    const cookie = await startSession(user);
    expect(await currentSession(requestWith(cookie))).not.toBeNull();
    const cleared = await endSession(requestWith(cookie));
    expect(cleared).toMatch(/Max-Age=0/);
    expect(await currentSession(requestWith(cookie))).toBeNull();
  });

  it("expires after the idle timeout", async () => {
    const user = await userId(db().handles.owner, "board@cleveland.demo.test");
    const cookie = await startSession(user);
    const id = createHash("sha256").update(tokenOf(cookie)).digest("hex");
    await db()
      .handles.owner.updateTable("sessions")
      .set({ expires_at: new Date(machineNow().getTime() - 1000) })
      .where("id", "=", id)
      .execute();
    expect(await currentSession(requestWith(cookie))).toBeNull();
  });

  it("slides the idle expiry forward when used, but never past the absolute lifetime", async () => {
    const user = await userId(db().handles.owner, "board@cleveland.demo.test");
    const cookie = await startSession(user);
    const id = createHash("sha256").update(tokenOf(cookie)).digest("hex");
    const soon = new Date(machineNow().getTime() + 5 * 60_000);
    await db().handles.owner.updateTable("sessions").set({ expires_at: soon }).where("id", "=", id).execute();
    expect(await currentSession(requestWith(cookie))).not.toBeNull();
    const slid = await db().handles.owner.selectFrom("sessions").select("expires_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(slid.expires_at.getTime()).toBeGreaterThan(soon.getTime());

    await db()
      .handles.owner.updateTable("sessions")
      .set({ created_at: new Date(machineNow().getTime() - SESSION_ABSOLUTE_LIFETIME_MS - 60_000) })
      .where("id", "=", id)
      .execute();
    expect(await currentSession(requestWith(cookie))).toBeNull();
    expect(await db().handles.owner.selectFrom("sessions").select("id").where("id", "=", id).execute()).toEqual([]);
  });

  it("ends every session of a disabled account, and a disabled account cannot sign in", async () => {
    const email = "board@hampshire.demo.test";
    const user = await userId(db().handles.owner, email);
    const cookies = [await startSession(user), await startSession(user)];
    await db().handles.owner.updateTable("users").set({ disabled_at: now() }).where("id", "=", user).execute();
    await endAllSessions(user);
    for (const cookie of cookies) expect(await currentSession(requestWith(cookie))).toBeNull();
    expect(await signIn({ email, password: "golden-thread-demo", clientAddress: "10.9.9.9" })).toEqual({ ok: false, reason: "invalid" });
  });

  it("stores passwords as argon2id at m=19456 KiB, t=2, p=1 or more", async () => {
    const row = await db().handles.owner.selectFrom("users").select("password_hash").where("email", "=", "admin@demo.test").executeTakeFirstOrThrow();
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.password_hash ?? "");
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(match![2])).toBeGreaterThanOrEqual(2);
    expect(Number(match![3])).toBeGreaterThanOrEqual(1);
  });
});

describe("sign-in throttling", () => {
  it("locks an account after repeated failures, says so without saying whether the account exists, and tells when to retry", async () => {
    const attempt = (email: string) => signIn({ email, password: "not the password", clientAddress: `10.0.0.${email.length}` });
    for (const email of ["champion@hampshire.demo.test", "nobody-here@demo.test"]) {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await attempt(email));
      expect(
        results.slice(0, 5).every((r) => !r.ok && r.reason === "invalid"),
        email,
      ).toBe(true);
      const last = results[5];
      expect(last.ok === false && last.reason === "throttled" && last.retryAfterSeconds > 0, email).toBe(true);
    }
    // Even the right password waits until the lock ends.
    expect(await signIn({ email: "champion@hampshire.demo.test", password: "golden-thread-demo", clientAddress: "10.1.1.1" })).toMatchObject({
      ok: false,
      reason: "throttled",
    });
  });

  it("locks a client address that tries many accounts", async () => {
    const address = "192.0.2.77";
    let last;
    for (let i = 0; i < 31; i++) last = await signIn({ email: `spray-${i}@demo.test`, password: "wrong password", clientAddress: address });
    expect(last).toMatchObject({ ok: false, reason: "throttled" });
    expect(await signIn({ email: "coordinator@hampshire.demo.test", password: "golden-thread-demo", clientAddress: address })).toMatchObject({ reason: "throttled" });
    expect(await signIn({ email: "coordinator@hampshire.demo.test", password: "golden-thread-demo", clientAddress: "192.0.2.78" })).toMatchObject({ ok: true });
  });
});
