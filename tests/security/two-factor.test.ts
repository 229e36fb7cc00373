/**
 * Two-factor sign-in over HTTP, as a browser and an attacker see it: a right password alone opens
 * nothing for an enrolled account; wrong, replayed and used-up codes are refused; a recovery code
 * works once; wrong codes are throttled; the code step expires; administrators and coordinators
 * cannot use the app until they enrol; changing how one signs in needs a recent re-authentication.
 */
import { createHash } from "node:crypto";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { userId } from "../helpers/fixtures";
import { Client, DEMO_PASSWORD } from "../helpers/http-client";
import { codeFor } from "../helpers/two-factor";
import { epochMs } from "~/modules/platform/clock.server";

// One client address per test (through the trusted proxy header), so address throttling is per test.
const server = useAppServer({ template: "demo", env: { TRUST_PROXY: "1" } });
let addresses = 0;

function clientFrom() {
  const address = `203.0.113.${++addresses}`;
  const client = new Client(server().url);
  const request = client.request.bind(client);
  client.request = (method, path, init = {}) => request(method, path, { ...init, headers: { "X-Forwarded-For": address, ...init.headers } });
  return client;
}

const owner = () => server().db.handles.owner;
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const secretIn = (html: string) => /data-testid="totp-secret">([A-Z2-7 ]+)</.exec(html)![1].replace(/ /g, "");
const recoveryCodesIn = (html: string) => [...html.matchAll(/<code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4})<\/code>/g)].map((m) => m[1]);

async function passwordStep(client: Client, email: string) {
  const response = await client.post("/login", { email, password: DEMO_PASSWORD });
  expect(response.status).toBe(302);
  return response;
}

/** Enrols an account without two-factor sign-in through its own pages; returns the secret and recovery codes. */
async function enrol(client: Client) {
  const page = await client.get("/account/two-factor");
  expect(page.status).toBe(200);
  const secret = secretIn(await page.text());
  const done = await client.post("/account/two-factor", { intent: "enrol", secret, code: codeFor(secret) });
  expect(done.status).toBe(200);
  const codes = recoveryCodesIn(await done.text());
  expect(codes).toHaveLength(10);
  return { secret, codes };
}

describe("signing in with a code", () => {
  it("gives only a short-lived, HttpOnly pending sign-in for a right password, stored as a hash, and no session", async () => {
    const client = clientFrom();
    const response = await passwordStep(client, "coordinator@cleveland.demo.test");
    expect(response.headers.get("Location")).toBe("/login/code");
    const cookies = response.headers.getSetCookie();
    expect(cookies.some((c) => c.startsWith("gt_session="))).toBe(false);
    const pending = cookies.find((c) => c.startsWith("gt_pending="))!;
    expect(pending).toMatch(/HttpOnly/);
    expect(pending).toMatch(/SameSite=Lax/);
    expect(pending).toMatch(/Max-Age=300/);
    const token = pending.split(";")[0].split("=")[1];
    const stored = await owner().selectFrom("pending_sign_ins").select("id").execute();
    expect(stored.map((r) => r.id)).toContain(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await client.get("/p/cleveland")).headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const codePage = await client.get("/login/code");
    expect(codePage.status).toBe(200);
    expect(await codePage.text()).toContain("coordinator@cleveland.demo.test");
  });

  it("refuses a wrong code, then starts a session marked as two-factor on the right one and forgets the pending sign-in", async () => {
    const client = clientFrom();
    await passwordStep(client, "coordinator@cleveland.demo.test");
    const wrongCode = codeFor(undefined, 5);
    const wrong = await client.post("/login/code", { code: wrongCode });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That code is not right");
    expect(client.cookies.has("gt_session")).toBe(false);

    const right = await client.post("/login/code", { code: codeFor() });
    expect(right.status).toBe(302);
    expect(right.headers.get("Location")).toBe("/p/cleveland");
    expect(client.cookies.has("gt_session")).toBe(true);
    expect(client.cookies.has("gt_pending")).toBe(false);
    const session = await owner()
      .selectFrom("sessions")
      .select("second_factor")
      .where("id", "=", sha256(client.cookies.get("gt_session")!))
      .executeTakeFirstOrThrow();
    expect(session.second_factor).toBe(true);
    expect((await client.get("/p/cleveland")).status).toBe(200);
  });

  it("refuses a code already used, even from another browser, and takes the next one", async () => {
    const person = clientFrom();
    await person.signIn("board@cleveland.demo.test");
    const { secret } = await enrol(person);
    const enrolmentCode = codeFor(secret);

    const attacker = clientFrom();
    await passwordStep(attacker, "board@cleveland.demo.test");
    const replayed = await attacker.post("/login/code", { code: enrolmentCode });
    expect(replayed.status).toBe(400);
    expect(await replayed.text()).toContain("That code has already been used");
    expect(attacker.cookies.has("gt_session")).toBe(false);

    const next = await attacker.post("/login/code", { code: codeFor(secret, 1) });
    expect(next.status).toBe(302);
    const again = clientFrom();
    await passwordStep(again, "board@cleveland.demo.test");
    expect((await again.post("/login/code", { code: codeFor(secret, 1) })).status).toBe(400);
  });

  it("takes each recovery code once, and says how many are left", async () => {
    const person = clientFrom();
    await person.signIn("board@hampshire.demo.test");
    const { codes } = await enrol(person);

    const first = clientFrom();
    await passwordStep(first, "board@hampshire.demo.test");
    const used = await first.post("/login/code", { code: codes[3].toUpperCase().replace(/-/g, " ") });
    expect(used.status).toBe(302);
    expect(await (await first.get(used.headers.get("Location")!)).text()).toContain("You have 9 recovery codes left");

    const second = clientFrom();
    await passwordStep(second, "board@hampshire.demo.test");
    const reused = await second.post("/login/code", { code: codes[3] });
    expect(reused.status).toBe(400);
    expect(second.cookies.has("gt_session")).toBe(false);
    const left = await owner()
      .selectFrom("two_factor_recovery_codes")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", await userId(owner(), "board@hampshire.demo.test"))
      .where("used_at", "is", null)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(9);
    const stored = await owner().selectFrom("two_factor_recovery_codes").select(["salt", "code_hash"]).execute();
    expect(JSON.stringify(stored)).not.toContain(codes[0].replace(/-/g, ""));
  });

  it("ends the pending sign-in after 5 wrong codes, then locks the account's codes for a while (429 with Retry-After)", async () => {
    const client = clientFrom();
    await passwordStep(client, "coordinator@hampshire.demo.test");
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await client.post("/login/code", { code: codeFor(undefined, 10 + i) })).status);
    expect(statuses).toEqual([400, 400, 400, 400]);
    const fifth = await client.post("/login/code", { code: codeFor(undefined, 20) });
    expect(fifth.status).toBe(302);
    expect(fifth.headers.get("Location")).toBe("/login?again=used-up");
    expect((await client.post("/login/code", { code: codeFor() })).headers.get("Location")).toBe("/login");

    const retry = clientFrom();
    await passwordStep(retry, "coordinator@hampshire.demo.test");
    const locked = await retry.post("/login/code", { code: codeFor() });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(retry.cookies.has("gt_session")).toBe(false);

    await owner().deleteFrom("login_throttle").where("key", "like", "second-factor:%").execute();
    expect((await retry.post("/login/code", { code: codeFor() })).status).toBe(302);
  });

  it("judges at most five of 25 wrong codes sent at once, then refuses the right code", async () => {
    const client = clientFrom();
    await passwordStep(client, "coordinator@cleveland.demo.test");
    const responses = await Promise.all(Array.from({ length: 25 }, (_, i) => client.post("/login/code", { code: codeFor(undefined, 30 + i) })));
    const judged = responses.filter((r) => r.status === 400 || r.headers.get("Location") === "/login?again=used-up");
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.length).toBeLessThanOrEqual(5);
    // The rest were refused unjudged: throttled, or sent back to the password once the step was used up.
    const refused = responses.filter((r) => !judged.includes(r));
    expect(refused.map((r) => `${r.status} ${r.headers.get("Location") ?? ""}`).filter((r) => !/^(429 |302 \/login(\?again=(expired|used-up))?)$/.test(r))).toEqual([]);
    expect(client.cookies.has("gt_session")).toBe(false);
    const retry = clientFrom();
    await passwordStep(retry, "coordinator@cleveland.demo.test");
    expect((await retry.post("/login/code", { code: codeFor() })).status).toBe(429);
    expect(retry.cookies.has("gt_session")).toBe(false);
    await owner().deleteFrom("login_throttle").where("key", "like", "second-factor:%").execute();
  });

  it("expires the code step after five minutes: the right code then leads back to the password", async () => {
    const client = clientFrom();
    await passwordStep(client, "admin@demo.test");
    await owner()
      .updateTable("pending_sign_ins")
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .execute();
    const late = await client.post("/login/code", { code: codeFor() });
    expect(late.status).toBe(302);
    expect(late.headers.get("Location")).toBe("/login?again=expired");
    expect(client.cookies.has("gt_session")).toBe(false);
    expect((await client.get("/login/code")).headers.get("Location")).toBe("/login");
  });

  it("asks for the code after a password reset, rather than signing straight in", async () => {
    const client = clientFrom();
    const { newToken } = await import("~/modules/auth/tokens.server");
    const { token, hash } = newToken();
    await owner()
      .insertInto("password_resets")
      .values({ token_hash: hash, user_id: await userId(owner(), "admin@demo.test"), expires_at: new Date(epochMs() + 600_000) })
      .execute();
    const reset = await client.post(`/reset-password/${token}`, { password: "kittiwake harbour lights" });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("Location")).toBe("/login/code");
    expect(client.cookies.has("gt_session")).toBe(false);
    expect((await client.post("/login/code", { code: codeFor() })).status).toBe(302);
    expect(client.cookies.has("gt_session")).toBe(true);
    // The demo password again, for the tests that follow.
    await owner()
      .updateTable("users")
      .set({ password_hash: (eb) => eb.selectFrom("users as u").select("u.password_hash").where("u.email", "=", "board@cleveland.demo.test") })
      .where("email", "=", "admin@demo.test")
      .execute();
  });
});

describe("roles that must use two-factor sign-in", () => {
  it("sends a coordinator without it to set it up before any page, then lets them in", async () => {
    const coordinator = await userId(owner(), "coordinator@hampshire.demo.test");
    await owner().deleteFrom("two_factor_credentials").where("user_id", "=", coordinator).execute();
    const client = clientFrom();
    await client.signIn("coordinator@hampshire.demo.test");
    for (const path of ["/p/hampshire", "/home", "/account", "/account/data"]) {
      const response = await client.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get("Location"), path).toBe(`/account/two-factor?redirectTo=${encodeURIComponent(path)}`);
    }
    const refused = await client.post("/p/hampshire/settings", { name: "Renamed" });
    expect(refused.headers.get("Location")).toMatch(/^\/account\/two-factor/);
    await enrol(client);
    expect((await client.get("/p/hampshire")).status).toBe(200);
  });

  it("leaves it optional for a board member, and asks a member made coordinator mid-session to set it up", async () => {
    const client = clientFrom();
    await client.signIn("champion@hampshire.demo.test");
    expect((await client.get("/home")).status).toBe(200);
    const champion = await userId(owner(), "champion@hampshire.demo.test");
    const hampshire = (await owner().selectFrom("partnerships").select("id").where("slug", "=", "hampshire").executeTakeFirstOrThrow()).id;
    await owner().insertInto("partnership_members").values({ partnership_id: hampshire, user_id: champion, role: "coordinator", borough_id: null }).execute();
    expect((await client.get("/home")).headers.get("Location")).toBe("/account/two-factor?redirectTo=%2Fhome");
  });

  it("cannot be turned off by a coordinator", async () => {
    const client = clientFrom();
    await client.signIn("coordinator@cleveland.demo.test");
    const refused = await client.post("/account/two-factor", { intent: "disable" });
    expect(refused.status).toBe(400);
    expect(
      await owner()
        .selectFrom("two_factor_credentials")
        .select("user_id")
        .where("user_id", "=", await userId(owner(), "coordinator@cleveland.demo.test"))
        .execute(),
    ).toHaveLength(1);
  });

  it("is reset by the platform administrator for someone who lost their phone: sessions end and set-up is asked for again", async () => {
    const person = clientFrom();
    await person.signIn("coordinator@cleveland.demo.test");
    const admin = clientFrom();
    await admin.signIn("admin@demo.test");
    const target = await userId(owner(), "coordinator@cleveland.demo.test");
    const reset = await admin.post("/admin/accounts", { intent: "reset-two-factor", userId: target });
    expect(reset.status).toBe(302);
    expect((await person.get("/p/cleveland")).headers.get("Location")).toMatch(/^\/login/);
    const again = clientFrom();
    expect(await again.signIn("coordinator@cleveland.demo.test")).toBe("/p/cleveland");
    expect((await again.get("/p/cleveland")).headers.get("Location")).toMatch(/^\/account\/two-factor/);
    // Put the demo secret back for the tests that follow.
    await owner().insertInto("two_factor_credentials").values({ user_id: target, secret: "GOLDENTHREADDEMOGOLDENTHREADDEMO", is_demo: true }).execute();
  });
});

describe("re-authentication", () => {
  async function staleSession(client: Client) {
    await owner()
      .updateTable("sessions")
      .set({ authenticated_at: sql<Date>`now() - interval '20 minutes'` })
      .where("id", "=", sha256(client.cookies.get("gt_session")!))
      .execute();
  }

  it("is asked for before changing email, password or two-factor settings when sign-in was a while ago", async () => {
    const client = clientFrom();
    await client.signIn("orgadmin@cleveland.demo.test");
    expect((await client.get("/account/email")).status).toBe(200);
    await staleSession(client);
    for (const path of ["/account/email", "/account/two-factor"]) {
      const response = await client.get(path);
      expect(response.headers.get("Location"), path).toBe(`/account/confirm?redirectTo=${encodeURIComponent(path)}`);
    }
    const post = await client.post("/account/email", { email: "janet.new@hartlepool.example.org" });
    expect(post.headers.get("Location")).toMatch(/^\/account\/confirm/);
    const password = await client.post("/account", { intent: "password", currentPassword: DEMO_PASSWORD, newPassword: "a completely new passphrase" });
    expect(password.headers.get("Location")).toMatch(/^\/account\/confirm/);
    expect(await owner().selectFrom("email_changes").select("id").where("new_email", "=", "janet.new@hartlepool.example.org").execute()).toEqual([]);

    expect((await client.post("/account/confirm", { password: "not my password", redirectTo: "/account/email" })).status).toBe(400);
    const confirmed = await client.post("/account/confirm", { password: DEMO_PASSWORD, redirectTo: "/account/email" });
    expect(confirmed.headers.get("Location")).toBe("/account/email");
    expect((await client.post("/account/email", { email: "janet.new@hartlepool.example.org" })).status).toBe(302);
  });

  it("asks an enrolled person for a code as well as the password", async () => {
    const client = clientFrom();
    await client.signIn("coordinator@cleveland.demo.test");
    await staleSession(client);
    const noCode = await client.post("/account/confirm", { password: DEMO_PASSWORD, redirectTo: "/account/two-factor" });
    expect(noCode.status).toBe(400);
    expect(await noCode.text()).toContain("Enter the 6-digit code");
    expect((await client.get("/account/two-factor")).headers.get("Location")).toMatch(/^\/account\/confirm/);
    const withCode = await client.post("/account/confirm", { password: DEMO_PASSWORD, code: codeFor(), redirectTo: "/account/two-factor" });
    expect(withCode.headers.get("Location")).toBe("/account/two-factor");
    expect((await client.get("/account/two-factor")).status).toBe(200);
  });
});

describe("changing the email address", () => {
  it("changes only when the link sent to the new address is opened with the password, once, and tells the old address", async () => {
    const client = clientFrom();
    await client.signIn("champion@cleveland.demo.test");
    expect((await client.post("/account/email", { email: "daniel.reeve@new.example.org" })).status).toBe(302);
    const mail = await owner().selectFrom("platform_outbox_messages").select(["to_address", "body_text"]).where("kind", "like", "email_change%").orderBy("created_at").execute();
    expect(mail.map((m) => m.to_address)).toEqual(expect.arrayContaining(["daniel.reeve@new.example.org", "champion@cleveland.demo.test"]));
    const token = /\/account\/email\/([a-z2-7]{32})/.exec(mail.find((m) => m.to_address === "daniel.reeve@new.example.org")!.body_text)![1];
    expect(mail.find((m) => m.to_address === "champion@cleveland.demo.test")!.body_text).not.toContain(token);
    expect(await owner().selectFrom("users").select("email").where("email", "=", "champion@cleveland.demo.test").execute()).toHaveLength(1);

    const anywhere = clientFrom();
    expect((await anywhere.get(`/account/email/${token}`)).status).toBe(200);
    expect((await anywhere.post(`/account/email/${token}`, { password: "wrong password" })).status).toBe(400);
    const done = await anywhere.post(`/account/email/${token}`, { password: DEMO_PASSWORD });
    expect(done.headers.get("Location")).toBe("/login");
    expect((await client.get("/home")).headers.get("Location")).toMatch(/^\/login/);
    expect((await anywhere.get(`/account/email/${token}`)).status).toBe(404);
    const back = clientFrom();
    await back.signIn("daniel.reeve@new.example.org");
    expect((await back.get("/home")).status).toBe(200);
  });
});
