/**
 * Every route of the production build, as every demo role, an outsider from another partnership
 * and an anonymous visitor. Each route's loader and action are called on their own through
 * Remix's `_data` requests, so a layout or an index route cannot hide behind its neighbour.
 *   - a role the route is not for gets 403 (or is sent to sign in, if anonymous);
 *   - another partnership's member gets 404 and none of the data, and their posts change nothing;
 *   - another partnership's ids in the URL or in a form field get 404 and change nothing.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/modules/auth/permissions";
import { useAppServer } from "../helpers/app-server";
import { auditCount, partnershipId } from "../helpers/fixtures";
import { Client } from "../helpers/http-client";
import { ACCOUNTS, OUTSIDER, ROUTE_ACCESS, type Access } from "./route-access";
import { fill, manifestRoutes, type ManifestRoute } from "./route-manifest";
import { ID_FIELDS, PARAMS, type ParamValues } from "./route-params";

const server = useAppServer({ template: "demo" });

type Who = Role | "outsider" | "anonymous";
const ROLES = Object.keys(ACCOUNTS) as Role[];

let routes: ManifestRoute[] = [];
const params: Record<string, ParamValues> = {};
const fieldIds: Record<string, ParamValues> = {};
const clients = {} as Record<Who, Client>;
let cleveland = "";
let hampshire = "";

async function signInAll() {
  for (const role of ROLES) {
    clients[role] = new Client(server().url);
    await clients[role].signIn(ACCOUNTS[role]);
  }
  clients.outsider = new Client(server().url);
  await clients.outsider.signIn(OUTSIDER);
  clients.anonymous = new Client(server().url);
}

beforeAll(async () => {
  routes = await manifestRoutes();
  const owner = server().db.handles.owner;
  for (const name of new Set(routes.flatMap((r) => r.params))) if (PARAMS[name]) params[name] = await PARAMS[name](owner);
  for (const [name, values] of Object.entries(ID_FIELDS)) fieldIds[name] = await values(owner);
  cleveland = await partnershipId(owner, "cleveland");
  hampshire = await partnershipId(owner, "hampshire");
  await signInAll();
});

function dataUrl(route: ManifestRoute, which: "own" | "other" | Record<string, "own" | "other">) {
  const values = Object.fromEntries(route.params.map((p) => [p, params[p][typeof which === "string" ? which : (which[p] ?? "own")]]));
  const query = new URLSearchParams();
  if (route.index) query.set("index", "");
  query.set("_data", route.id);
  return `${fill(route.pattern, values)}?${query}`;
}

type Outcome = "allowed" | "sign-in" | "forbidden" | "not-found" | "no-method" | "error";

async function outcome(response: Response): Promise<Outcome> {
  const redirect = response.headers.get("X-Remix-Redirect");
  if (redirect) return redirect.startsWith("/login") ? "sign-in" : "allowed";
  if (response.status === 403) return "forbidden";
  if (response.status === 404) return "not-found";
  if (response.status === 405) return "no-method";
  if (response.status >= 500) return "error";
  return "allowed";
}

function expected(access: Access, who: Who): Outcome {
  if (access === "none") return "no-method";
  if (access === "public") return "allowed";
  if (who === "anonymous") return "sign-in";
  if (access === "signed-in") return "allowed";
  return access.includes(who as Role) || (who === "platform_admin" && access.includes("coordinator")) ? "allowed" : "forbidden";
}

/** Pages anyone may read (a published register) show a partnership by design; they have their own tests. */
const isPublic = (route: ManifestRoute) => ROUTE_ACCESS[route.id]?.get === "public" && route.params.includes("slug");
const intentsOf = (route: ManifestRoute) => ROUTE_ACCESS[route.id]?.intents ?? [""];
const bodyFor = (intent: string, extra: Record<string, string> = {}) => (intent ? { intent, ...extra } : extra);

it("has an access rule for every route and a value for every route parameter", async () => {
  const missingRules = routes.filter((r) => !ROUTE_ACCESS[r.id]).map((r) => r.id);
  const missingParams = [...new Set(routes.flatMap((r) => r.params))].filter((p) => !PARAMS[p]);
  expect(missingRules, "add these routes to tests/security/route-access.ts").toEqual([]);
  expect(missingParams, "add these parameters to tests/security/route-params.ts").toEqual([]);
  const stale = Object.keys(ROUTE_ACCESS).filter((id) => !routes.some((r) => r.id === id));
  expect(stale, "rules for routes that no longer exist").toEqual([]);
});

describe("reading (loaders)", () => {
  it("serves each route to exactly the roles it is for", async () => {
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.hasLoader)) {
      const rule = ROUTE_ACCESS[route.id];
      for (const who of [...ROLES, "anonymous" as const]) {
        const got = await outcome(await clients[who].get(dataUrl(route, "own")));
        const want = expected(rule.get === "none" ? "public" : rule.get, who);
        if (got !== want) wrong.push(`${route.id} as ${who}: ${got}, expected ${want}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("answers 404, with none of the data, to a member of another partnership", async () => {
    const leaks: string[] = [];
    for (const route of routes.filter((r) => r.hasLoader && r.params.includes("slug") && !isPublic(r))) {
      const response = await clients.outsider.get(dataUrl(route, "own"));
      const text = await response.text();
      if (response.status !== 404) leaks.push(`${route.id}: ${response.status}`);
      if (/cleveland|hartlepool/i.test(text)) leaks.push(`${route.id}: response mentions cleveland's data`);
    }
    expect(leaks).toEqual([]);
  });

  it("answers 404 when another partnership's object id is put in this partnership's URL", async () => {
    const leaks: string[] = [];
    for (const route of routes.filter((r) => r.hasLoader && r.params.some((p) => p !== "slug") && !isPublic(r))) {
      for (const param of route.params.filter((p) => p !== "slug")) {
        for (const who of ["coordinator", "platform_admin"] as const) {
          const response = await clients[who].get(dataUrl(route, { [param]: "other" }));
          if (response.status !== 404) leaks.push(`${route.id} :${param} as ${who}: ${response.status}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});

describe("changing (actions)", () => {
  it("refuses every post from another partnership's member with 404, and changes nothing", async () => {
    const before = [await auditCount(server().db.handles.owner, cleveland), await auditCount(server().db.handles.owner, hampshire)];
    const wrong: string[] = [];
    // A public form (Ask to join) takes posts from anyone by design: it is not a member's action.
    for (const route of routes.filter((r) => r.hasAction && r.params.includes("slug") && ROUTE_ACCESS[r.id]?.post !== "public")) {
      for (const intent of intentsOf(route)) {
        const response = await clients.outsider.post(dataUrl(route, "own"), bodyFor(intent));
        if (response.status !== 404) wrong.push(`${route.id} ${intent}: ${response.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect([await auditCount(server().db.handles.owner, cleveland), await auditCount(server().db.handles.owner, hampshire)]).toEqual(before);
  });

  it("refuses with 404 another partnership's ids, in the URL or in a hidden field, and changes nothing there", async () => {
    const before = await auditCount(server().db.handles.owner, hampshire);
    const wrong: string[] = [];
    for (const route of routes.filter((r) => r.hasAction && r.params.includes("slug"))) {
      const rule = ROUTE_ACCESS[route.id];
      for (const intent of intentsOf(route)) {
        for (const param of route.params.filter((p) => p !== "slug")) {
          const response = await clients.coordinator.post(dataUrl(route, { [param]: "other" }), bodyFor(intent));
          if (response.status !== 404) wrong.push(`${route.id} :${param} ${intent}: ${response.status}`);
        }
        const swapped = Object.fromEntries([...(rule.fields ?? []), ...Object.keys(ID_FIELDS)].filter((f) => fieldIds[f]).map((f) => [f, fieldIds[f].other]));
        for (const who of ["coordinator", "org_admin"] as const) {
          const response = await clients[who].post(dataUrl(route, "own"), bodyFor(intent, swapped));
          if (response.status >= 500) wrong.push(`${route.id} ${intent} with swapped fields as ${who}: ${response.status}`);
        }
        // A complete form whose only fault is one id from another partnership: 404, as for the URL.
        const sample = rule.samples?.[intent];
        for (const field of Object.keys(sample ?? {}).filter((f) => fieldIds[f])) {
          const own = Object.fromEntries(Object.entries(sample!).map(([k, v]) => [k, fieldIds[k] ? fieldIds[k].own : v]));
          const response = await clients.coordinator.post(dataUrl(route, "own"), bodyFor(intent, { ...own, [field]: fieldIds[field].other }));
          if (response.status !== 404) wrong.push(`${route.id} ${intent} with another partnership's ${field}: ${response.status}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await auditCount(server().db.handles.owner, hampshire)).toBe(before);
  });

  it("accepts posts from exactly the roles each action is for", async () => {
    const wrong: string[] = [];
    const order: Who[] = ["anonymous", "champion", "org_admin", "board", "coordinator", "platform_admin"];
    for (const route of routes) {
      const rule = ROUTE_ACCESS[route.id];
      if (!route.hasAction && rule.post !== "none") wrong.push(`${route.id}: has no action but its rule allows posts`);
      for (const who of order) {
        for (const intent of intentsOf(route)) {
          const got = await outcome(await clients[who].post(dataUrl(route, "own"), bodyFor(intent)));
          const want = expected(rule.intentPost?.[intent] ?? rule.post, who);
          if (got !== want) wrong.push(`${route.id} ${intent} as ${who}: ${got}, expected ${want}`);
        }
      }
      if (route.id === "routes/logout") await signInAll();
    }
    expect(wrong).toEqual([]);
  });
});
