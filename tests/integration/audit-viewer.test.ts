/**
 * The coordinator's audit trail page reads the trail by organisation, by person and by day, in words.
 */
import { describe, expect, it } from "vitest";
import { AuditFilterSchema, listAuditEntries } from "~/modules/audit/trail.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo");

const filter = (values: Record<string, string>) => AuditFilterSchema.parse(values);

describe("reading the audit trail", () => {
  it("filters by organisation and by person, and describes each change with names instead of ids", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const coordinator = await userId(owner, "coordinator@cleveland.demo.test");
    const linthorpe = await organisationId(owner, "cleveland", "Linthorpe Homes");
    const hartlepool = (await owner.selectFrom("boroughs").select("id").where("name", "=", "Hartlepool").executeTakeFirstOrThrow()).id;
    await withPartnership(cleveland, coordinator, (tx) =>
      tx.updateTable("organisations").set({ borough_id: hartlepool, is_statutory: true }).where("partnership_id", "=", cleveland).where("id", "=", linthorpe).execute(),
    );

    const read = (values: Record<string, string>) => withPartnership(cleveland, coordinator, (tx) => listAuditEntries(tx, { partnershipId: cleveland, filter: filter(values) }));
    const byOrganisation = await read({ organisation: linthorpe });
    expect(byOrganisation.entries.filter((e) => !e.subject?.includes("Linthorpe Homes")).map((e) => `${e.what} ${e.subject}`)).toEqual([]);
    expect(byOrganisation.entries[0]).toMatchObject({
      actor: "Priya Shah",
      action: "Changed",
      what: "Organisation",
      subject: "Linthorpe Homes",
      changes: expect.arrayContaining([
        { field: "borough_id", label: "Borough", from: "Middlesbrough", to: "Hartlepool" },
        { field: "is_statutory", label: "Statutory partner", from: "No", to: "Yes" },
      ]),
    });

    const byPerson = await read({ person: coordinator });
    expect(byPerson.entries.length).toBeGreaterThan(0);
    // Changes she made, and changes about her (her own role being given, by the demo seeding).
    expect(byPerson.entries.filter((e) => e.actor !== "Priya Shah" && !e.subject?.startsWith("Priya Shah"))).toEqual([]);
    expect(byPerson.entries.map((e) => e.subject)).toContain("Linthorpe Homes");
    const someoneElse = await read({ person: await userId(owner, "board@cleveland.demo.test") });
    expect(someoneElse.entries.map((e) => e.subject)).not.toContain("Linthorpe Homes");
  });

  it("keeps to the days asked for, and refuses dates that do not exist or run backwards", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const read = (values: Record<string, string>) => withPartnership(cleveland, null, (tx) => listAuditEntries(tx, { partnershipId: cleveland, filter: filter(values) }));
    expect((await read({ to: "2000-01-01" })).entries).toEqual([]);
    expect((await read({ from: "2000-01-01", to: "2999-12-31" })).entries.length).toBeGreaterThan(0);
    expect((await read({ from: "2999-01-01" })).entries).toEqual([]);

    expect(AuditFilterSchema.safeParse({ from: "2026-02-30" }).success).toBe(false);
    const backwards = AuditFilterSchema.safeParse({ from: "2026-06-30", to: "2026-04-01" });
    expect(backwards.success ? null : backwards.error.issues[0]).toMatchObject({ path: ["to"], message: "Enter an end date that is the same as or after the start date" });
  });
});
