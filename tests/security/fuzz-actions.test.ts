/**
 * Bad input, generated (fast-check): random, oversized, malformed, unicode-heavy, missing and
 * duplicated fields, posted to every action of the route manifest as each role, and random query
 * strings to every loader. Never a 5xx; a rejected post changes nothing. Field names come from the
 * route's own forms (the page is fetched and its inputs read), so new routes are covered by themselves.
 * The server trusts one proxy here so each post can come from its own address and sign-in throttling
 * does not stop the run.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/modules/auth/permissions";
import { useAppServer } from "../helpers/app-server";
import { auditCount, partnershipId } from "../helpers/fixtures";
import { Client } from "../helpers/http-client";
import { ACCOUNTS, ROUTE_ACCESS } from "./route-access";
import { fill, manifestRoutes, type ManifestRoute } from "./route-manifest";
import { ID_FIELDS, PARAMS, type ParamValues } from "./route-params";

const server = useAppServer({ template: "demo", env: { TRUST_PROXY: "1" } });
const SAMPLES = Number(process.env.FUZZ_SAMPLES ?? 12);
const ROLES: Role[] = ["coordinator", "org_admin", "champion"];

let routes: ManifestRoute[] = [];
const params: Record<string, ParamValues> = {};
/** Real object ids of the partnership signed in to (`own`) and of the other one, read in beforeAll. */
const ids = { own: new Set<string>(), other: new Set<string>() };
const clients = {} as Record<Role | "anonymous", Client>;
let partnerships: string[] = [];

let address = 0;
const nextAddress = () => `198.51.${Math.floor(address / 250) % 250}.${(address++ % 250) + 1}`;

async function signIn(role: Role) {
  // Posts may have asked for this person's password with random text: a lock is the right answer to
  // that, but it would stop the run, so it is lifted before signing in again.
  await server().db.handles.owner.deleteFrom("login_throttle").execute();
  const client = new Client(server().url);
  await client.signIn(ACCOUNTS[role], "golden-thread-demo", { headers: { "X-Forwarded-For": nextAddress() } });
  return client;
}

beforeAll(async () => {
  routes = await manifestRoutes();
  const owner = server().db.handles.owner;
  for (const name of new Set(routes.flatMap((r) => r.params))) params[name] = await PARAMS[name](owner);
  for (const values of Object.values(ID_FIELDS)) {
    const { own, other } = await values(owner);
    ids.own.add(own);
    ids.other.add(other);
  }
  partnerships = [await partnershipId(owner, "cleveland"), await partnershipId(owner, "hampshire")];
  for (const role of ROLES) clients[role] = await signIn(role);
  clients.anonymous = new Client(server().url);
});

const urlOf = (route: ManifestRoute) => fill(route.pattern, Object.fromEntries(route.params.map((p) => [p, params[p].own])));

/** The names of the inputs on the route's page, from whoever may see it, as their browser would post them. */
async function fieldNames(route: ManifestRoute): Promise<string[]> {
  if (!route.hasPage) return [];
  for (const client of [clients.coordinator, clients.anonymous, clients.org_admin, clients.champion]) {
    const response = await client.get(urlOf(route));
    if (response.status !== 200) continue;
    const html = await response.text();
    return [...new Set([...html.matchAll(/<(?:input|textarea|select)[^>]*\sname="([^"]+)"/g)].map((m) => m[1]))];
  }
  return [];
}

/** What a field might be sent. Made after beforeAll, so that its ids are the real ones of both partnerships. */
const nastyValues = () =>
  fc.oneof(
    fc.string(),
    fc.string({ minLength: 250, maxLength: 3000 }),
    fc.string({ unit: "grapheme", maxLength: 200 }),
    fc.constantFrom(
      "",
      " ",
      "0",
      "-1",
      "1e309",
      "NaN",
      "null",
      "undefined",
      "true",
      "2026-02-30",
      "9".repeat(400),
      "' or 1=1 --",
      "<script>alert(1)</script>",
      "\u0000",
      "\uD800",
      "../../etc/passwd",
      "%zz",
      "a@b",
      "x".repeat(5000),
    ),
    fc.constantFrom(...ids.own, ...ids.other),
    fc.uuid(),
    fc.integer().map(String),
  );

function formBody(names: string[], nasty: fc.Arbitrary<string>) {
  const known = names.length ? fc.constantFrom(...names) : fc.constant("value");
  const name = fc.oneof(
    { weight: 4, arbitrary: known },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 1, arbitrary: fc.constantFrom("intent", "id", "_data", "__proto__", "constructor") },
  );
  return fc.array(fc.tuple(name, nasty), { maxLength: 25 });
}

async function posted(client: Client, path: string, fields: Array<[string, string]>, raw?: { body: string; type: string }) {
  const headers: Record<string, string> = { "X-Forwarded-For": nextAddress() };
  if (raw) {
    headers["Content-Type"] = raw.type;
    return client.request("POST", path, { body: raw.body, headers });
  }
  const body = new URLSearchParams();
  for (const [k, v] of fields) body.append(k, v);
  return client.post(path, body, headers);
}

describe("fuzzing every action", () => {
  it("never answers 5xx, and a rejected post changes nothing", { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    const nasty = nastyValues();
    const sent = { own: 0, other: 0 };
    for (const route of routes.filter((r) => r.hasAction && ROUTE_ACCESS[r.id]?.post !== "none")) {
      for (const who of [...ROLES, "anonymous" as const]) {
        const client = clients[who];
        const names = await fieldNames(route);
        const target = `${urlOf(route)}${route.index ? "?index" : ""}`;
        const samples = fc.sample(formBody(names, nasty), SAMPLES);
        for (const [, value] of samples.flat()) {
          if (ids.own.has(value)) sent.own++;
          if (ids.other.has(value)) sent.other++;
        }
        const malformed = [
          { body: "%zz=%&&=&intent=%E0%A4%A", type: "application/x-www-form-urlencoded" },
          { body: '{"intent":', type: "application/json" },
          { body: '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', type: "multipart/form-data; boundary=x" },
          { body: "a=".padEnd(1_200_000, "a"), type: "application/x-www-form-urlencoded" },
        ];
        const bodies: Array<{ fields: Array<[string, string]>; raw?: { body: string; type: string } }> = [
          ...samples.map((f) => ({ fields: f })),
          ...malformed.map((raw) => ({ fields: [] as Array<[string, string]>, raw })),
        ];
        for (const fields of bodies) {
          const before = await Promise.all(partnerships.map((p) => auditCount(server().db.handles.owner, p)));
          const response = await posted(client, target, fields.fields, fields.raw);
          await response.arrayBuffer();
          const after = await Promise.all(partnerships.map((p) => auditCount(server().db.handles.owner, p)));
          const label = `${route.id} as ${who} (${response.status}) ${JSON.stringify(fields.raw ? fields.raw.type : fields.fields).slice(0, 200)}`;
          if (response.status >= 500) failures.push(`5xx: ${label}`);
          if (response.status >= 400 && after.some((n, i) => n !== before[i])) failures.push(`rejected but changed data: ${label}`);
        }
        // A post may have signed this person out (or in as someone else): start afresh.
        if (who !== "anonymous") clients[who] = await signIn(who);
      }
    }
    expect(failures).toEqual([]);
    // The posts carried real ids of both partnerships, not only made-up ones.
    expect(sent.own).toBeGreaterThan(0);
    expect(sent.other).toBeGreaterThan(0);
  });
});

/** The post forms of a page as a browser would send them: each field with the value it shows. */
function formsOf(html: string): Array<Array<[string, string]>> {
  const decode = (text: string) =>
    text.replace(/&(#x[0-9a-f]+|#\d+|quot|amp|lt|gt|#x27);/gi, (_, code: string) => {
      const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">" };
      if (named[code.toLowerCase()]) return named[code.toLowerCase()];
      return String.fromCodePoint(code[1].toLowerCase() === "x" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10));
    });
  const attribute = (tag: string, name: string) => {
    const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
    return match ? decode(match[1]) : null;
  };
  const forms: Array<Array<[string, string]>> = [];
  for (const [, inner] of html.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/gi)) {
    const fields: Array<[string, string]> = [];
    for (const [tag] of inner.matchAll(/<input[^>]*>/gi)) {
      const name = attribute(tag, "name");
      const type = (attribute(tag, "type") ?? "text").toLowerCase();
      if (!name || type === "file" || type === "submit") continue;
      if ((type === "checkbox" || type === "radio") && !/\schecked(=""|\s|>|\/)/.test(tag)) continue;
      fields.push([name, attribute(tag, "value") ?? (type === "checkbox" ? "on" : "")]);
    }
    for (const [, tag, text] of inner.matchAll(/<textarea([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
      const name = attribute(tag, "name");
      if (name) fields.push([name, decode(text)]);
    }
    for (const [, tag, options] of inner.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/gi)) {
      const name = attribute(tag, "name");
      const chosen = /<option[^>]*\sselected[^>]*>/i.exec(options)?.[0] ?? /<option[^>]*>/i.exec(options)?.[0];
      if (name && chosen) fields.push([name, attribute(chosen, "value") ?? ""]);
    }
    const button = /<button[^>]*\sname="([^"]+)"[^>]*\svalue="([^"]*)"/i.exec(inner) ?? /<button[^>]*\svalue="([^"]*)"[^>]*\sname="([^"]+)"/i.exec(inner);
    if (button) fields.push(button[0].indexOf("name=") < button[0].indexOf("value=") ? [button[1], decode(button[2])] : [button[2], decode(button[1])]);
    forms.push(fields);
  }
  return forms;
}

/** Out-of-range numbers, NUL, broken unicode and oversized text: each sent in place of one field of a real form. */
const BAD_VALUES = ["9".repeat(30), "1e20", "-1e20", "2147483648", "1.5", "-0.0001", "NaN", "Infinity", "\u0000", "a\u0000b", "\uD800", "x".repeat(200_000)];

describe("every field of every form", () => {
  it("answers out-of-range numbers, NUL and oversized values without a 5xx", { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    let sentFields = 0;
    for (const route of routes.filter((r) => r.hasAction && r.hasPage && ROUTE_ACCESS[r.id]?.post !== "none")) {
      for (const who of ["coordinator", "org_admin", "champion", "anonymous"] as const) {
        const page = await clients[who].get(urlOf(route));
        if (page.status !== 200) continue;
        const forms = formsOf(await page.text());
        const target = `${urlOf(route)}${route.index ? "?index" : ""}`;
        for (const form of forms) {
          for (let i = 0; i < form.length; i++) {
            for (const bad of BAD_VALUES) {
              const fields = form.map(([name, value], j): [string, string] => [name, j === i ? bad : value]);
              const response = await posted(clients[who], target, fields);
              await response.arrayBuffer();
              sentFields++;
              if (response.status >= 500) failures.push(`${route.id} as ${who}: ${form[i][0]}=${JSON.stringify(bad.slice(0, 30))} → ${response.status}`);
            }
          }
        }
        if (who !== "anonymous") clients[who] = await signIn(who);
        break;
      }
    }
    expect(failures).toEqual([]);
    expect(sentFields).toBeGreaterThan(500);
  });
});

describe("fuzzing every loader's query string", () => {
  it("never answers 5xx", { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    const nasty = nastyValues();
    const query = fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom("sort", "dir", "page", "from", "to", "borough", "sector", "metric", "quarter", "q", "status", "_data"), fc.string({ maxLength: 10 })),
        nasty,
      ),
      { maxLength: 6 },
    );
    for (const route of routes.filter((r) => r.hasLoader && r.hasPage)) {
      for (const fields of fc.sample(query, Math.max(3, SAMPLES / 2))) {
        const search = new URLSearchParams(fields.filter(([k]) => k !== "_data"));
        const response = await clients.coordinator.get(`${urlOf(route)}?${search}`);
        await response.arrayBuffer();
        if (response.status >= 500) failures.push(`${route.id} ?${search.toString().slice(0, 200)} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
