/**
 * The coordinator's audit trail page reads the trail by organisation, by person and by day, in words.
 */
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { auditCsv, AuditFilterSchema, listAuditEntries } from "~/modules/audit/trail.server";
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

describe("the trail names what it is about", () => {
  it("names a return value by its metric, quarter and organisation, and plan rows by their titles, even once deleted", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const coordinator = await userId(owner, "coordinator@cleveland.demo.test");
    const hartlepool = await organisationId(owner, "cleveland", "Hartlepool Borough Council");
    const value = await owner
      .selectFrom("return_values as v")
      .innerJoin("metrics as m", "m.id", "v.metric_id")
      .select(["v.metric_id", "v.quarter", "v.value", "m.label"])
      .where("v.organisation_id", "=", hartlepool)
      .where("v.value", "is not", null)
      .orderBy("v.quarter")
      .executeTakeFirstOrThrow();
    const action = await owner.selectFrom("plan_actions").select(["id", "title", "due_on"]).where("partnership_id", "=", cleveland).orderBy("reference").executeTakeFirstOrThrow();
    await withPartnership(cleveland, coordinator, async (tx) => {
      await tx
        .updateTable("return_values")
        .set({ value: 100 })
        .where("partnership_id", "=", cleveland)
        .where("organisation_id", "=", hartlepool)
        .where("quarter", "=", value.quarter)
        .where("metric_id", "=", value.metric_id)
        .execute();
      await tx.updateTable("plan_actions").set({ success_measure: "Every PCSO trained" }).where("partnership_id", "=", cleveland).where("id", "=", action.id).execute();
      const milestone = await tx
        .insertInto("plan_milestones")
        .values({
          partnership_id: cleveland,
          action_id: action.id,
          title: "Book the trainers",
          due_on: action.due_on,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx.deleteFrom("plan_milestones").where("partnership_id", "=", cleveland).where("id", "=", milestone.id).execute();
    });

    const { entries } = await withPartnership(cleveland, coordinator, (tx) => listAuditEntries(tx, { partnershipId: cleveland, filter: filter({}) }));
    const [deleted, added, changed, figure] = entries;
    const quarterLabel = `${value.quarter.slice(0, 4)}/${String((Number(value.quarter.slice(0, 4)) + 1) % 100).padStart(2, "0")} Q${value.quarter.slice(5)}`;
    expect(figure.changes).toEqual([
      {
        field: "value",
        label: `${value.label}, ${quarterLabel}, Hartlepool Borough Council`,
        from: String(value.value),
        to: "100",
      },
    ]);
    expect(changed).toMatchObject({
      what: "Plan action",
      subject: `Action ‘${action.title}’`,
    });
    expect(added).toMatchObject({
      action: "Added",
      subject: `Milestone ‘Book the trainers’ (no longer exists), Action ‘${action.title}’`,
    });
    expect(deleted).toMatchObject({
      action: "Removed",
      subject: `Milestone ‘Book the trainers’ (no longer exists), Action ‘${action.title}’`,
    });
    expect(added.changes).toContainEqual({
      field: "action_id",
      label: "Action",
      from: null,
      to: `Action ‘${action.title}’`,
    });
    expect(entries.flatMap((e) => [e.subject, ...e.changes.map((c) => c.to)]).filter((t) => t === "(no longer exists)")).toEqual([]);
  });

  it("downloads as CSV with the page's filters, in UK date-times", async () => {
    const owner = db().handles.owner;
    const cleveland = await partnershipId(owner, "cleveland");
    const linthorpe = await organisationId(owner, "cleveland", "Linthorpe Homes");
    const coordinator = await userId(owner, "coordinator@cleveland.demo.test");
    await withPartnership(cleveland, coordinator, (tx) =>
      tx.updateTable("organisations").set({ website: "https://linthorpe.example" }).where("partnership_id", "=", cleveland).where("id", "=", linthorpe).execute(),
    );
    const csv = (values: Record<string, string>) =>
      withPartnership(
        cleveland,
        coordinator,
        async (tx) =>
          parse(
            await auditCsv(tx, {
              partnershipId: cleveland,
              filter: filter(values),
            }),
          ) as string[][],
      );
    const [header, ...rows] = await csv({ organisation: linthorpe });
    expect(header).toEqual(["When (UK time)", "Who", "What", "Which", "Change"]);
    expect(rows[0]).toEqual([
      expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/),
      "Priya Shah",
      "Changed organisation",
      "Linthorpe Homes",
      "Website: https://linthorpe.example",
    ]);
    expect(rows.filter((r) => !r[3].includes("Linthorpe Homes"))).toEqual([]);
    expect(await csv({ to: "2000-01-01" })).toHaveLength(1);
  });
});
