/**
 * How the server behaves where it is deployed: links in emails never come from a Host header
 * anyone can send, a proxy that does not pass Host on still gets working form posts, a server
 * open beyond this machine needs APP_ORIGIN, and pages that depend on who asks are not cached.
 */
import { spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startAppServer, useAppServer } from "../helpers/app-server";
import { Client, signedIn } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });

/** A raw request, so the Host header is exactly what an attacker or a proxy sends. */
function rawPost(url: string, pathname: string, fields: Record<string, string>, headers: Record<string, string>) {
  const body = new URLSearchParams(fields).toString();
  const target = new URL(url);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: pathname,
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), ...headers },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

describe("links in emails", () => {
  it("point at the address the server was started on, whatever Host the request names", async () => {
    const sent = await rawPost(server().url, "/forgot-password", { email: "board@cleveland.demo.test" }, { Host: "evil.example", Origin: "http://evil.example" });
    expect(sent.status).toBeLessThan(500);
    const mail = await server()
      .db.handles.owner.selectFrom("platform_outbox_messages")
      .select("body_text")
      .where("to_address", "=", "board@cleveland.demo.test")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    expect(mail.body_text).not.toContain("evil.example");
    expect(mail.body_text).toContain(`${new URL(server().url).origin}/reset-password/`);
  });
});

describe("behind a proxy that does not pass Host on", () => {
  it("takes form posts from the app's own origin and refuses others with 403, never a 500", async () => {
    const proxied = await startAppServer({ template: "demo", env: { APP_ORIGIN: "https://gt.example.test", TRUST_PROXY: "1" } });
    try {
      const fields = { email: "board@cleveland.demo.test", password: "golden-thread-demo" };
      const own = await rawPost(proxied.url, "/login", fields, { Origin: "https://gt.example.test", "X-Forwarded-Proto": "https" });
      expect(own.status, own.body.slice(0, 300)).toBe(302);
      const foreign = await rawPost(proxied.url, "/login", fields, { Origin: "https://evil.example", "X-Forwarded-Proto": "https" });
      expect(foreign.status).toBe(403);
      const spoofed = await rawPost(proxied.url, "/login", fields, { Origin: "https://evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https" });
      expect(spoofed.status).toBe(403);
    } finally {
      await proxied.stop();
    }
  });
});

describe("starting the server", () => {
  it("refuses to listen beyond this machine without APP_ORIGIN, and says what to set", () => {
    const started = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      env: { ...process.env, HOST: "0.0.0.0", APP_ORIGIN: "", DATABASE_URL: "postgres://nobody@127.0.0.1:1/none", GT_SKIP_BUILD: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain("APP_ORIGIN");
  });

  it("refuses to start with a bad setting, naming each one", () => {
    const started = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], {
      env: { ...process.env, PORT: "eighty", SMTP_URL: "http://not-mail", GT_SKIP_BUILD: "1" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain("PORT");
    expect(started.stderr).toContain("SMTP_URL");
    expect(started.stderr).not.toMatch(/\n\s+at /);
  });
});

/** A body streamed in chunks with no Content-Length, as a script or a slow upload may send it. */
function chunkedPost(url: string, pathname: string, bytes: number, headers: Record<string, string>) {
  const target = new URL(url);
  return new Promise<number>((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path: pathname, method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers } },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    const chunk = Buffer.alloc(64 * 1024, "a");
    request.write("email=");
    let sent = 0;
    const pump = () => {
      while (sent < bytes) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
}

describe("oversized bodies", () => {
  it("answer 413 with or without Content-Length", async () => {
    const origin = new URL(server().url).origin;
    expect(await chunkedPost(server().url, "/login", 10 * 1024 * 1024, { Origin: origin })).toBe(413);
    const client = await signedIn(server().url, "coordinator@cleveland.demo.test");
    const big = await client.post("/p/cleveland/restorative-borough", { minSigned: "1".padEnd(2 * 1024 * 1024, "1") });
    expect(big.status).toBe(413);
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    expect(await chunkedPost(server().url, "/p/cleveland/restorative-borough", 10 * 1024 * 1024, { Origin: origin, Cookie: cookie })).toBe(413);
    // The server is still there for the next person.
    expect((await client.get("/p/cleveland")).status).toBe(200);
  });
});

describe("caching", () => {
  it("marks every page and data response private and not to be stored", async () => {
    const coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
    for (const pathname of ["/home", "/p/cleveland", "/p/cleveland/orgs", "/account", "/p/cleveland/orgs?_data=routes%2Fp.%24slug.orgs._index", "/p/cleveland/orgs.csv"]) {
      const response = await coordinator.get(pathname);
      expect(response.status, pathname).toBe(200);
      expect(response.headers.get("Cache-Control"), pathname).toMatch(/private/);
      expect(response.headers.get("Cache-Control"), pathname).toMatch(/no-store/);
    }
    const anonymous = await new Client(server().url).get("/login");
    expect(anonymous.headers.get("Cache-Control")).toBe("private, no-store");
  });
});
