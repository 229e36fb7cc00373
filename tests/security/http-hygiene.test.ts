/**
 * What an attacker or a curious user sees over HTTP: security headers on every page, cookie flags,
 * the same-origin rule, sign-in throttling, and error pages without internals.
 */
import { describe, expect, it } from "vitest";
import { adminQuery } from "../../scripts/lib/test-templates";
import { startAppServer, useAppServer } from "../helpers/app-server";
import { Client, signedIn } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });

const PAGES = ["/", "/login", "/privacy", "/accessibility", "/healthz", "/no-such-page"];
const SIGNED_IN_PAGES = ["/home", "/account", "/p/cleveland", "/p/cleveland/orgs"];

function expectSecurityHeaders(response: Response, path: string) {
  const csp = response.headers.get("Content-Security-Policy") ?? "";
  const scriptSrc =
    csp
      .split(";")
      .map((d) => d.trim())
      .find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc, path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'$/);
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(response.headers.get("X-Content-Type-Options"), path).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy"), path).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("X-Frame-Options"), path).toBe("DENY");
  expect(response.headers.get("X-Request-Id"), path).toMatch(/^[0-9a-f]{12}$/);
}

describe("security headers", () => {
  it("are on every page, signed in or not, and the nonce differs per response", async () => {
    const anonymous = new Client(server().url);
    for (const path of PAGES) expectSecurityHeaders(await anonymous.get(path), path);
    const coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
    for (const path of SIGNED_IN_PAGES) {
      const response = await coordinator.get(path);
      expect(response.status, path).toBe(200);
      expectSecurityHeaders(response, path);
    }
    const nonces = await Promise.all([1, 2].map(async () => (await anonymous.get("/")).headers.get("Content-Security-Policy")));
    expect(nonces[0]).not.toEqual(nonces[1]);
  });

  it("put the nonce on every inline script of the page and leave no script without it", async () => {
    const response = await new Client(server().url).get("/login");
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get("Content-Security-Policy") ?? "")![1];
    const html = await response.text();
    const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1]);
    expect(inline.length).toBeGreaterThan(0);
    for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`);
  });
});

describe("the session cookie", () => {
  it("is HttpOnly and SameSite=Lax, with no Secure flag over plain HTTP on a developer's machine", async () => {
    const response = await new Client(server().url).post("/login", { email: "board@cleveland.demo.test", password: "golden-thread-demo" });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("gt_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("is Secure, pinned to the host with __Host-, and HSTS is sent when the app is served over HTTPS", async () => {
    const https = await startAppServer({ template: "demo", env: { APP_ORIGIN: "https://gt.example.test" } });
    try {
      // As behind a TLS-terminating proxy, which passes on the public host name.
      const client = new Client(https.url, "https://gt.example.test");
      const response = await client.post("/login", { email: "board@cleveland.demo.test", password: "golden-thread-demo" }, { "X-Forwarded-Host": "gt.example.test" });
      expect(response.status, https.output()).toBe(302);
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith("__Host-gt_session="));
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/Path=\//);
      expect(response.headers.get("Strict-Transport-Security")).toMatch(/max-age=31536000/);
      // The app's own origin is now the https one: a post claiming the local origin is refused.
      const local = await new Client(https.url).post("/login", { email: "x@y.z", password: "whatever-long" });
      expect(local.status).toBe(403);
    } finally {
      await https.stop();
    }
  });
});

describe("the same-origin rule", () => {
  it("refuses a cross-origin post with 403 and lets the same post through from the app's own origin", async () => {
    const evil = new Client(server().url, "https://evil.example");
    expect((await evil.post("/login", { email: "a@b.test", password: "x".repeat(12) })).status).toBe(403);
    const noOrigin = new Client(server().url, null);
    expect((await noOrigin.post("/login", { email: "a@b.test", password: "x".repeat(12) })).status).toBe(403);
    const sameOriginFetch = await noOrigin.post("/login", { email: "a@b.test", password: "x".repeat(12) }, { "Sec-Fetch-Site": "same-origin" });
    expect(sameOriginFetch.status).toBe(400);
    expect((await new Client(server().url).post("/login", { email: "a@b.test", password: "x".repeat(12) })).status).toBe(400);
  });
});

describe("sign-in throttling", () => {
  it("answers a burst of wrong passwords with 429 and Retry-After, the same for an unknown email", async () => {
    for (const email of ["champion@cleveland.demo.test", "no-account@cleveland.demo.test"]) {
      const client = new Client(server().url);
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 7; i++) {
        last = await client.post("/login", { email, password: "definitely wrong" });
        statuses.push(last.status);
      }
      expect(statuses.slice(0, 5), email).toEqual([400, 400, 400, 400, 400]);
      expect(statuses.slice(5), email).toEqual([429, 429]);
      expect(Number(last!.headers.get("Retry-After")), email).toBeGreaterThan(0);
      expect(await last!.text(), email).toContain("Too many attempts to sign in");
    }
  });

  it("judges only five of 25 wrong passwords sent at once for one account, then refuses the right one", async () => {
    const email = "board@cleveland.demo.test";
    const client = new Client(server().url);
    const statuses = await Promise.all(Array.from({ length: 25 }, () => client.post("/login", { email, password: "definitely wrong" }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    expect((await client.post("/login", { email, password: "golden-thread-demo" })).status).toBe(429);
  });
});

describe("errors", () => {
  it("show a plain page with a reference that the log also carries, never a stack trace or SQL", async () => {
    const client = await signedIn(server().url, "coordinator@cleveland.demo.test");
    const db = server().db;
    await adminQuery(db.serverUrl, `revoke connect on database ${db.name} from public`);
    await adminQuery(db.serverUrl, `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${db.name}' and usename = 'gt_web'`);
    // Once the pool has dropped the killed connections, every new one is refused (a 500, not the
    // 503 of a connection lost in passing: platform/outage.server.tsx).
    await new Promise((r) => setTimeout(r, 300));
    try {
      const response = await client.get("/p/cleveland/orgs");
      expect(response.status).toBe(500);
      const html = await response.text();
      const reference = response.headers.get("X-Request-Id")!;
      expect(html).toContain("Sorry, there is a problem with the service");
      expect(html).toContain(reference);
      expect(html).not.toMatch(/at \w+ \(|node_modules|permission denied|pg_|select |\.ts:\d+/i);
      expect(server().output()).toContain(reference);

      const data = await client.get("/p/cleveland/orgs?_data=routes%2Fp.%24slug.orgs._index");
      expect(data.status).toBe(500);
      expect(await data.json()).toEqual({ message: `Unexpected Server Error (reference ${data.headers.get("X-Request-Id")})` });

      expect((await client.get("/healthz")).status).toBe(503);
    } finally {
      await adminQuery(db.serverUrl, `grant connect on database ${db.name} to public`);
    }
    expect((await client.get("/healthz")).status).toBe(200);
  });
});
