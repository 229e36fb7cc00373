import { describe, expect, it } from "vitest";
import { bodyLimitFor, sameOriginRefusal, securityHeaders } from "../../scripts/server/policy";

const app = "https://gt.example.org";

describe("the same-origin rule for state-changing requests", () => {
  it("lets reads through from anywhere", () => {
    expect(sameOriginRefusal({ method: "GET", origin: "https://evil.test", protocol: "https" }, app)).toBeNull();
  });

  it("accepts a post whose Origin is the app's own", () => {
    expect(sameOriginRefusal({ method: "POST", origin: app, protocol: "https" }, app)).toBeNull();
  });

  it("refuses a post from another origin, including a look-alike and the opaque `null` origin", () => {
    for (const origin of ["https://evil.test", "https://gt.example.org.evil.test", "http://gt.example.org", "null"]) {
      expect(sameOriginRefusal({ method: "POST", origin, protocol: "https" }, app), origin).not.toBeNull();
    }
  });

  it("accepts a post without Origin only when the browser says it is same-origin", () => {
    expect(sameOriginRefusal({ method: "POST", secFetchSite: "same-origin", protocol: "https" }, app)).toBeNull();
    expect(sameOriginRefusal({ method: "POST", secFetchSite: "cross-site", protocol: "https" }, app)).not.toBeNull();
    expect(sameOriginRefusal({ method: "POST", protocol: "https" }, app)).not.toBeNull();
  });

  it("without APP_ORIGIN compares with the request's own host", () => {
    expect(sameOriginRefusal({ method: "POST", origin: "http://localhost:3000", host: "localhost:3000", protocol: "http" }, null)).toBeNull();
    expect(sameOriginRefusal({ method: "POST", origin: "http://localhost:4000", host: "localhost:3000", protocol: "http" }, null)).not.toBeNull();
  });
});

describe("security headers", () => {
  it("allow scripts only from this origin and with the request's nonce", () => {
    const csp = securityHeaders({ nonce: "abc", secure: true, mode: "production" })["Content-Security-Policy"];
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(scriptSrc).toBe("script-src 'self' 'nonce-abc'");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("send HSTS only over HTTPS", () => {
    expect(securityHeaders({ nonce: "n", secure: true, mode: "production" })["Strict-Transport-Security"]).toMatch(/max-age=\d+/);
    expect(securityHeaders({ nonce: "n", secure: false, mode: "production" })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("allow large bodies only for uploads", () => {
    expect(bodyLimitFor("/p/x/orgs/import")).toBeGreaterThan(bodyLimitFor("/login"));
  });
});
