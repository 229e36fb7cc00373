/**
 * Where a person lands after signing in: only one of the app's own pages, whatever `redirectTo`
 * carries. Browsers drop tabs, CR and LF from a URL, so each is tried as a browser would send it,
 * with and without JavaScript (Remix answers a data request's redirect in X-Remix-Redirect).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_ROOTS, safeRedirect } from "~/modules/auth/login.server";
import { useAppServer } from "../helpers/app-server";
import { Client, DEMO_PASSWORD } from "../helpers/http-client";
import { manifestRoutes, type ManifestRoute } from "./route-manifest";

const server = useAppServer({ template: "demo", env: { TRUST_PROXY: "1" } });

const HOSTILE = [
  "/\t/evil.example/phish",
  "/\n/evil.example/phish",
  "/\r\n/evil.example/phish",
  "\t//evil.example/phish",
  " //evil.example/phish",
  "//evil.example/phish",
  "/\\evil.example/phish",
  "/\\/evil.example/phish",
  "https://evil.example/phish",
  "javascript:alert(1)",
  "/%09/evil.example/phish",
  "/\u3000/evil.example",
  "/no-such-page/../../evil",
];

/** Where a browser would go from this Location: it strips tabs and newlines first. */
const landsOn = (location: string) => new URL(location.replace(/[\t\n\r]/g, ""), "http://golden-thread.test");

let routes: ManifestRoute[] = [];
beforeAll(async () => {
  routes = await manifestRoutes();
});

describe("after signing in", () => {
  it("goes only to the app's own pages, with JavaScript and without", async () => {
    let address = 0;
    for (const redirectTo of HOSTILE) {
      for (const data of [false, true]) {
        const client = new Client(server().url);
        const response = await client.post(
          data ? "/login?_data=routes%2Flogin" : "/login",
          { email: "champion@cleveland.demo.test", password: DEMO_PASSWORD, redirectTo },
          { "X-Forwarded-For": `198.18.0.${++address}` },
        );
        const location = (data ? response.headers.get("X-Remix-Redirect") : response.headers.get("Location")) ?? "";
        expect(location, JSON.stringify(redirectTo)).not.toBe("");
        expect(landsOn(location).origin, JSON.stringify(redirectTo)).toBe("http://golden-thread.test");
        expect(location, JSON.stringify(redirectTo)).not.toMatch(/evil|alert/);
      }
    }
  });

  it("still goes back to the page that asked for sign-in", async () => {
    const client = new Client(server().url);
    const response = await client.post(
      "/login",
      { email: "champion@cleveland.demo.test", password: DEMO_PASSWORD, redirectTo: "/p/cleveland/orgs?sector=police#list" },
      { "X-Forwarded-For": "198.18.1.1" },
    );
    expect(response.headers.get("Location")).toBe("/p/cleveland/orgs?sector=police#list");
  });

  it("knows every page root of the build, and nothing else", () => {
    const roots = new Set(routes.filter((r) => r.hasPage && r.id !== "root").map((r) => r.pattern.split("/")[1]));
    expect([...roots].sort()).toEqual([...PAGE_ROOTS].sort());
    for (const redirectTo of HOSTILE) expect(safeRedirect(redirectTo), JSON.stringify(redirectTo)).toBeNull();
  });
});
