/**
 * The organisations list as a coordinator uses it at scale: search by name, filters by borough,
 * sector and status, sort and page, all in the address, answered by the server (no JavaScript).
 * The database works out pledge status the way pledge/status.ts does.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { organisationPledges } from "~/modules/pledge/status.server";
import { today } from "~/modules/platform/clock.server";
import { organisationListQuery } from "~/modules/tenancy/organisation-list";
import { organisationPage } from "~/modules/tenancy/organisation-list.server";
import { useAppServer } from "../helpers/app-server";
import { partnershipId } from "../helpers/fixtures";
import { signedIn, type Client } from "../helpers/http-client";

const server = useAppServer({ template: "demo" });
let coordinator: Client;
let cleveland = "";

const decode = (html: string) => html.replace(/&amp;/g, "&").replace(/&#x27;/g, "'");
const rowNames = (html: string) => [...html.matchAll(/<th scope="row"[^>]*><a[^>]*>([^<]*)<\/a>/g)].map((m) => decode(m[1]));

beforeAll(async () => {
  cleveland = await partnershipId(server().db.handles.owner, "cleveland");
  coordinator = await signedIn(server().url, "coordinator@cleveland.demo.test");
  const rows = ["name,sector,borough"];
  for (let i = 1; i <= 120; i++) rows.push(`Paging Trust ${String(i).padStart(3, "0")},Faith,Hartlepool`);
  for (let i = 1; i <= 5; i++) rows.push(`Paging Shop ${i},Business,Hartlepool`);
  const form = new FormData();
  form.append("file", new Blob([rows.join("\n")]), "paging.csv");
  expect((await coordinator.post("/p/cleveland/orgs/import", form)).status).toBe(302);
});

const list = async (search: string) => {
  const response = await coordinator.get(`/p/cleveland/orgs${search}`);
  return {
    status: response.status,
    html: (await response.text()).replace(/<!-- -->/g, ""),
  };
};

describe("the organisations list", () => {
  it("searches by name and filters by sector and borough, in the address", async () => {
    const hartlepool = await server()
      .db.handles.owner.selectFrom("boroughs")
      .select("id")
      .where("partnership_id", "=", cleveland)
      .where("name", "=", "Hartlepool")
      .executeTakeFirstOrThrow();
    const shops = await list(`?q=paging&sector=business&borough=${hartlepool.id}`);
    expect(shops.status).toBe(200);
    expect(rowNames(shops.html)).toEqual(["Paging Shop 1", "Paging Shop 2", "Paging Shop 3", "Paging Shop 4", "Paging Shop 5"]);
    expect(shops.html).toContain("5 organisations matching the filters");
    expect(rowNames((await list("?q=paging&borough=county-wide")).html)).toEqual([]);
  });

  it("pages in the database and keeps the filters on every page link", async () => {
    const first = await list("?q=Paging+Trust&sector=faith");
    expect(rowNames(first.html)).toHaveLength(50);
    expect(first.html).toContain("Rows 1 to 50 of 120 (page 1 of 3)");
    const next = decode(first.html.match(/href="([^"]*)" rel="next"/)![1]);
    expect(new URLSearchParams(next.split("#")[0].slice(1)).get("sector")).toBe("faith");
    const second = await list(next.split("#")[0]);
    expect(rowNames(second.html)[0]).toBe("Paging Trust 051");
    expect(second.html).toContain("Rows 51 to 100 of 120 (page 2 of 3)");
    // A page past the end shows the last.
    expect(rowNames((await list("?q=Paging+Trust&orgs-page=99")).html)[0]).toBe("Paging Trust 101");
  });

  it("sorts by a column, marked with aria-sort, and the sort survives the filter form", async () => {
    const page = await list("?q=Paging+Trust&orgs-sort=name&orgs-dir=desc");
    expect(rowNames(page.html).slice(0, 2)).toEqual(["Paging Trust 120", "Paging Trust 119"]);
    expect(page.html).toMatch(/aria-sort="descending"/);
    const bySector = await list("?q=paging&orgs-sort=sector&orgs-dir=desc");
    expect(rowNames(bySector.html)[0]).toBe("Paging Trust 001");
    expect(rowNames((await list("?q=paging&orgs-sort=sector")).html)[0]).toBe("Paging Shop 1");
    expect(bySector.html).toContain('name="orgs-sort" value="sector"');
  });

  it("answers a bad parameter with the default, never an error", async () => {
    for (const search of [
      "?orgs-page=abc",
      "?orgs-page=-3",
      "?sector=shipping",
      "?status=maybe",
      "?borough=not-a-uuid",
      "?orgs-sort=password&orgs-dir=sideways",
      `?q=${"%25_".repeat(300)}`,
      "?q=%27%3B%20drop%20table",
    ]) {
      const page = await list(search);
      expect.soft(page.status, search).toBe(200);
    }
    expect(rowNames((await list("?orgs-page=abc")).html)).toHaveLength(50);
    expect((await list("?q=100%25")).html).toContain("0 organisations matching the filters");
  });

  it("filters by pledge status as the pledge's own rules read it", async () => {
    const on = today();
    const owner = server().db.handles.owner;
    const expected = await owner.transaction().execute((tx) => organisationPledges(tx as never, { partnershipId: cleveland, on }));
    for (const status of ["prospect", "signed", "renewal_due", "lapsed", "withdrawn"] as const) {
      const page = await owner.transaction().execute((tx) =>
        organisationPage(tx as never, {
          partnershipId: cleveland,
          on,
          query: organisationListQuery(new URLSearchParams({ status })),
        }),
      );
      expect.soft(page.total, status).toBe([...expected.values()].filter((p) => p.status === status).length);
    }
    const signed = await list("?status=signed");
    expect(signed.html).not.toMatch(/<td class="govuk-table__cell">Prospect<\/td>/);
  });
});
