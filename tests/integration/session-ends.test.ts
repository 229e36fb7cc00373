/**
 * A session that ends while a form is open loses nothing: the post is kept (never its passwords),
 * the sign-in page says why it is shown, and after signing in the person sends what they typed on
 * to where it was going. Asking how long a session has left does not keep it alive; staying signed
 * in does.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { today } from "~/modules/platform/clock.server";
import { quarterOf } from "~/modules/reporting/periods";
import { useAppServer } from "../helpers/app-server";
import { organisationId, userId } from "../helpers/fixtures";
import { Client, DEMO_PASSWORD } from "../helpers/http-client";

const server = useAppServer({ template: "demo", env: { TRUST_PROXY: "1" } });
const owner = () => server().db.handles.owner;
const quarter = quarterOf(today());

const hiddenInputs = (html: string) =>
  [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
    ([, name, value]) =>
      [
        name,
        value
          .replace(/&quot;/g, '"')
          .replace(/&#x27;/g, "'")
          .replace(/&lt;/g, "<")
          .replace(/&gt;/g, ">")
          .replace(/&amp;/g, "&"),
      ] as [string, string],
  );

async function endSessionsOf(email: string, at = sql<Date>`now() - interval '1 second'`) {
  await owner()
    .updateTable("sessions")
    .set({ expires_at: at })
    .where("user_id", "=", await userId(owner(), email))
    .execute();
}

describe("a form sent after the session ended", () => {
  it("is kept, the sign-in page says why, and after signing in it is sent on and saved", async () => {
    const org = await organisationId(owner(), "cleveland", "Hartlepool Borough Council");
    const form = `/p/cleveland/orgs/${org}/returns/${quarter.key}`;
    const client = new Client(server().url);
    const headers = { "X-Forwarded-For": "198.18.9.1" };
    await client.signIn("champion@cleveland.demo.test", DEMO_PASSWORD, { headers });
    const page = await (await client.get(form)).text();
    const baseVersion = /name="baseVersion" value="(\d+)"/.exec(page)![1];

    await endSessionsOf("champion@cleveland.demo.test");
    const typed = { intent: "save", baseVersion, "value.referrals_made": "7", highlights: "Kept over a sign-in — “quotes” & all", password: "not to be kept" };
    const sent = await client.post(`${form}?index`, typed, headers);
    expect(sent.status).toBe(302);
    const location = new URL(sent.headers.get("Location")!, server().url);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("reason")).toBe("ended");
    expect(client.cookies.has("gt_kept")).toBe(true);
    const stored = await owner().selectFrom("kept_posts").select(["path", "fields"]).execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored[0].fields)).not.toContain("not to be kept");

    const signInPage = await (await client.get(`${location.pathname}${location.search}`)).text();
    expect(signInPage).toContain("What you were sending has been kept");
    const signedIn = await client.post("/login", { email: "champion@cleveland.demo.test", password: DEMO_PASSWORD, redirectTo: location.searchParams.get("redirectTo")! }, headers);
    expect(signedIn.headers.get("Location")).toBe("/resume");

    const resume = await client.get("/resume");
    expect(resume.status).toBe(200);
    const html = (await resume.text()).split('id="main-content"')[1];
    expect(html).toContain("Kept over a sign-in — “quotes” &amp; all");
    expect(html).toContain("Password");
    const action = /<form method="post" action="([^"]+)"/.exec(html)![1].replace(/&amp;/g, "&");
    expect(action, "the address the form was sent to").toMatch(/\?index=?$/);
    expect(action.split("?")[0]).toBe(form);
    const saved = await client.post(action, new URLSearchParams(hiddenInputs(html)), headers);
    expect(saved.status).toBe(302);
    const stored2 = await owner()
      .selectFrom("quarterly_returns")
      .select(["highlights", "version"])
      .where("organisation_id", "=", org)
      .where("quarter", "=", quarter.key)
      .executeTakeFirstOrThrow();
    expect(stored2.highlights).toBe("Kept over a sign-in — “quotes” & all");
    expect(stored2.version).toBe(Number(baseVersion) + 1);

    // Taken once: the page does not show it again, and nothing is left.
    expect((await client.get("/resume")).status).toBe(302);
    expect(await owner().selectFrom("kept_posts").select("id").execute()).toEqual([]);
  });

  it("is not offered to a browser that did not send it", async () => {
    const client = new Client(server().url);
    const headers = { "X-Forwarded-For": "198.18.9.2" };
    await client.signIn("orgadmin@cleveland.demo.test", DEMO_PASSWORD, { headers });
    await endSessionsOf("orgadmin@cleveland.demo.test");
    await client.post("/account", { intent: "name", name: "Someone Else" }, headers);
    const other = new Client(server().url);
    const signedIn = await other.post("/login", { email: "champion@cleveland.demo.test", password: DEMO_PASSWORD }, { "X-Forwarded-For": "198.18.9.3" });
    expect(signedIn.headers.get("Location")).not.toBe("/resume");
    expect((await other.get("/resume")).status).toBe(302);
  });
});

describe("the session's time left", () => {
  it("is read without extending the session, and extended when the person asks to stay", async () => {
    const client = new Client(server().url);
    const headers = { "X-Forwarded-For": "198.18.9.4" };
    await client.signIn("board@cleveland.demo.test", DEMO_PASSWORD, { headers });
    const board = await userId(owner(), "board@cleveland.demo.test");
    await endSessionsOf("board@cleveland.demo.test", sql<Date>`now() + interval '4 minutes'`);
    const expiry = async () => (await owner().selectFrom("sessions").select("expires_at").where("user_id", "=", board).executeTakeFirstOrThrow()).expires_at.getTime();
    const before = await expiry();
    const peek = await client.get("/account/session");
    const left = (await peek.json()) as { endsInMs: number; extendable: boolean };
    expect(left.endsInMs).toBeLessThanOrEqual(4 * 60_000);
    expect(left.extendable).toBe(true);
    expect(await expiry()).toBe(before);

    // Without a session it says nothing is left, and never redirects (a fetcher would move the page).
    const anonymous = await new Client(server().url).get("/account/session");
    expect(anonymous.status).toBe(200);
    expect(await anonymous.json()).toEqual({ endsInMs: 0, extendable: false });

    const stay = await client.post("/account/session", {}, headers);
    expect(stay.status).toBe(200);
    const after = (await stay.json()) as { endsInMs: number };
    expect(after.endsInMs).toBeGreaterThan(50 * 60_000);
    expect(await expiry()).toBeGreaterThan(before + 50 * 60_000);
  });
});
