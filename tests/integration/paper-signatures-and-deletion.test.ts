/**
 * A partnership's first weeks: a pledge signed on paper, recorded by the coordinator, counts as a
 * signature made online would and says where it came from; an organisation added by mistake can
 * be deleted while it has no history, and never once it has — the database refuses it too.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { adoptionFacts } from "~/modules/adoption/adoption.server";
import { addChampion } from "~/modules/champions/champions.server";
import { addDays } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { pledgeHistory } from "~/modules/pledge/history.server";
import { paperSignatureSchema, recordPaperSignature, type PaperSignature } from "~/modules/pledge/paper.server";
import { organisationPledges } from "~/modules/pledge/status.server";
import { latestPublished } from "~/modules/pledge/versions.server";
import { deleteOrganisation, organisationHistory } from "~/modules/tenancy/organisation-deletion.server";
import { createOrganisation } from "~/modules/tenancy/organisation-setup.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo");
const TODAY = today();
let cleveland = "";
let coordinator = "";
const as = <T>(work: Parameters<typeof withPartnership<T>>[2]) => withPartnership(cleveland, coordinator, work);

beforeAll(async () => {
  cleveland = await partnershipId(db().handles.owner, "cleveland");
  coordinator = await userId(db().handles.owner, "coordinator@cleveland.demo.test");
});

async function newOrganisation(name: string) {
  const made = await as((tx) => createOrganisation(tx, { partnershipId: cleveland, form: { name, sector: "faith", boroughId: null, isStatutory: false, website: null } }));
  if (!made.ok) throw new Error(`could not add ${name}`);
  return made.id;
}

async function paper(organisationId: string, over: Partial<PaperSignature> = {}) {
  const version = (await as((tx) => latestPublished(tx, { partnershipId: cleveland })))!;
  const input: PaperSignature = {
    versionId: version.id,
    signatoryName: "Canon Ruth Adeyemi",
    signatoryTitle: "Vicar",
    signedOn: addDays(TODAY, -10),
    commitments: [2, 1],
    ...over,
  };
  return { version, result: await as((tx) => recordPaperSignature(tx, { partnershipId: cleveland, organisationId, userId: coordinator, today: TODAY, input })) };
}

describe("a pledge signed on paper", () => {
  it("reads as signed, is counted, and shows in the history and audit trail as recorded from a paper form", async () => {
    const org = await newOrganisation("St Hilda’s Parish, Hartlepool");
    const { version, result } = await paper(org);
    expect(result).toMatchObject({ ok: true, renewal: false });

    const pledges = await as((tx) => organisationPledges(tx, { partnershipId: cleveland, on: TODAY, organisationIds: [org] }));
    expect(pledges.get(org)).toMatchObject({ status: "signed", signature: { signedOn: addDays(TODAY, -10) } });
    const facts = await as((tx) => adoptionFacts(tx, { partnershipId: cleveland, on: TODAY }));
    expect(facts.organisations.find((o) => o.id === org)).toMatchObject({ status: "signed", signedOn: addDays(TODAY, -10) });

    const [entry] = await as((tx) => pledgeHistory(tx, { partnershipId: cleveland, organisationId: org }));
    const { name } = await db().handles.owner.selectFrom("users").select("name").where("id", "=", coordinator).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      kind: "signature",
      on: addDays(TODAY, -10),
      version: version.version,
      signatory: "Canon Ruth Adeyemi, Vicar",
      commitments: [1, 2],
      fromPaper: true,
      recordedBy: name,
    });

    const audited = await db()
      .handles.owner.selectFrom("audit_events")
      .select(["actor_user_id", "new_values"])
      .where("partnership_id", "=", cleveland)
      .where("table_name", "=", "pledge_signatures")
      .where("action", "=", "insert")
      .where(({ eb, ref }) => eb(ref("new_values", "->>").key("organisation_id" as never), "=", org))
      .executeTakeFirstOrThrow();
    expect(audited.actor_user_id).toBe(coordinator);
    expect(audited.new_values).toMatchObject({ source: "paper", submitted_by: coordinator, signed_on: addDays(TODAY, -10) });
  });

  it("refuses a date in the future or before the pledge version was published, in the module as in the form", async () => {
    const org = await newOrganisation("Grangetown Mosque Trust");
    const { version, result: future } = await paper(org, { signedOn: addDays(TODAY, 1) });
    expect(future).toEqual({ ok: false, errors: { signedOn: "The date it was signed must be today or in the past" } });
    const published = version.publishedAt!.slice(0, 10);
    const { result: early } = await paper(org, { signedOn: addDays(published, -1) });
    expect(early).toMatchObject({
      ok: false,
      errors: { signedOn: expect.stringMatching(new RegExp(`^Version ${version.version} was published on .+: the date it was signed must be on or after that$`)) },
    });
    const [day, month, year] = [addDays(TODAY, 1).slice(8), addDays(TODAY, 1).slice(5, 7), addDays(TODAY, 1).slice(0, 4)];
    const form = paperSignatureSchema(TODAY).safeParse({
      versionId: version.id,
      signatoryName: "A",
      signatoryTitle: "B",
      "signedOn-day": day,
      "signedOn-month": month,
      "signedOn-year": year,
      commitments: "1",
    });
    expect(form.success).toBe(false);
    expect(await as((tx) => pledgeHistory(tx, { partnershipId: cleveland, organisationId: org }))).toEqual([]);
    const { result: wrongCommitment } = await paper(org, { commitments: [99] });
    expect(wrongCommitment).toMatchObject({ ok: false, errors: { commitments: expect.any(String) } });
  });
});

describe("deleting an organisation", () => {
  it("deletes one added by mistake, and the audit trail keeps a record of it", async () => {
    const org = await newOrganisation("Typo Trsut");
    expect(await as((tx) => organisationHistory(tx, { partnershipId: cleveland, organisationId: org }))).toEqual([]);
    expect(await as((tx) => deleteOrganisation(tx, { partnershipId: cleveland, organisationId: org }))).toEqual({ ok: true, name: "Typo Trsut" });
    const owner = db().handles.owner;
    expect(await owner.selectFrom("organisations").select("id").where("id", "=", org).executeTakeFirst()).toBeUndefined();
    const audited = await owner
      .selectFrom("audit_events")
      .select(["actor_user_id", "old_values"])
      .where("table_name", "=", "organisations")
      .where("action", "=", "delete")
      .where(({ eb, ref }) => eb(ref("row_key", "->>").key("id" as never), "=", org))
      .executeTakeFirstOrThrow();
    expect(audited).toMatchObject({ actor_user_id: coordinator, old_values: { name: "Typo Trsut" } });
  });

  it("refuses one with a return, a signature or a champion, in the module and in the database", async () => {
    const withReturn = await newOrganisation("Has A Return");
    await db()
      .handles.owner.insertInto("quarterly_returns")
      .values({ partnership_id: cleveland, organisation_id: withReturn, quarter: "2026Q1", status: "draft", version: 1 })
      .execute();
    const withSignature = await newOrganisation("Has A Signature");
    expect((await paper(withSignature)).result.ok).toBe(true);
    const withChampion = await newOrganisation("Has A Champion");
    const champion = await as((tx) =>
      addChampion(tx, {
        partnershipId: cleveland,
        organisationId: withChampion,
        input: {
          name: "Ruth Gill",
          email: "ruth.gill@example.org",
          jobTitle: "Youth Worker",
          since: "2026-01-05",
          training: "awareness",
          accreditationExpiresOn: null,
          isContact: false,
        },
      }),
    );
    expect(champion.ok).toBe(true);

    for (const [org, history] of [
      [withReturn, "1 quarterly return"],
      [withSignature, "1 pledge signature"],
      [withChampion, "1 champion"],
    ]) {
      expect(await as((tx) => deleteOrganisation(tx, { partnershipId: cleveland, organisationId: org }))).toEqual({ ok: false, reason: "history", history: [history] });
      // Past the module, straight to the table as the app's role: the database refuses it too.
      await expect(as((tx) => tx.deleteFrom("organisations").where("partnership_id", "=", cleveland).where("id", "=", org).execute())).rejects.toThrow(
        /has history and cannot be deleted/,
      );
      expect(await db().handles.owner.selectFrom("organisations").select("id").where("id", "=", org).executeTakeFirst()).toEqual({ id: org });
    }
  });

  it("still lets a whole partnership be removed with its organisations and their history", async () => {
    const owner = db().handles.owner;
    const other = await owner.selectFrom("partnerships").select("id").where("id", "<>", cleveland).where("is_demo", "=", true).executeTakeFirstOrThrow();
    const histories = await owner.selectFrom("pledge_signatures").select("id").where("partnership_id", "=", other.id).execute();
    expect(histories.length).toBeGreaterThan(0);
    await owner.deleteFrom("partnerships").where("id", "=", other.id).execute();
    expect(await owner.selectFrom("organisations").select("id").where("partnership_id", "=", other.id).execute()).toEqual([]);
  });
});
