/**
 * Champions (one contact per organisation, leaving keeps the record, a vacancy shows in adoption,
 * accepting an invitation links the account) and the organisations CSV (all rows or none; the
 * download uploads back unchanged).
 */
import { describe, expect, it } from "vitest";
import { adoptionFacts, adoptionTables } from "~/modules/adoption/adoption.server";
import { addChampion, listChampions, recordLeaving, updateChampion, type ChampionInput } from "~/modules/champions/champions.server";
import { inviteChampion } from "~/modules/champions/invite.server";
import { importOrganisations, organisationsCsv } from "~/modules/imports/organisations.server";
import { acceptInvitation } from "~/modules/people/invitations.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";
import { today } from "~/modules/platform/clock.server";

const db = useTestDatabase("demo");
const TODAY = today();

async function cleveland(name: string) {
  const owner = db().handles.owner;
  const partnership = await partnershipId(owner, "cleveland");
  const organisation = await organisationId(owner, "cleveland", name);
  const coordinator = await userId(owner, "coordinator@cleveland.demo.test");
  const as = <T>(work: Parameters<typeof withPartnership<T>>[2]) => withPartnership(partnership, coordinator, work);
  return { partnership, organisation, coordinator, scope: { partnershipId: partnership, organisationId: organisation }, as };
}

const person = (over: Partial<ChampionInput> = {}): ChampionInput => ({
  name: "Ruth Gill",
  email: "ruth.gill@example.org",
  jobTitle: "Youth Worker",
  since: "2026-01-05",
  training: "awareness",
  accreditationExpiresOn: null,
  isContact: false,
  ...over,
});

describe("champions", () => {
  it("fills a vacancy, keeps one communications contact, refuses a stale change, and shows the vacancy again when the champion leaves", async () => {
    const t = await cleveland("Hartlepool Youth Justice Service");
    const vacancies = async () =>
      adoptionTables(await t.as((tx) => adoptionFacts(tx, { partnershipId: t.partnership, on: TODAY })))
        .find((x) => x.id === "vacancies")!
        .rows.map((r) => r.name);
    expect(await vacancies()).toContain("Hartlepool Youth Justice Service");

    const first = await t.as((tx) => addChampion(tx, { ...t.scope, input: person({ isContact: true }) }));
    const second = await t.as((tx) => addChampion(tx, { ...t.scope, input: person({ name: "Sam Patel", email: "sam.patel@example.org", isContact: true }) }));
    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(await vacancies()).not.toContain("Hartlepool Youth Justice Service");
    let list = await t.as((tx) => listChampions(tx, t.scope));
    expect(list.filter((c) => c.isContact).map((c) => c.name)).toEqual(["Sam Patel"]);

    const duplicate = await t.as((tx) => addChampion(tx, { ...t.scope, input: person({ email: "RUTH.GILL@example.org" }) }));
    expect(duplicate).toMatchObject({ ok: false, errors: { email: expect.stringContaining("already a current champion") } });

    const ruth = list.find((c) => c.name === "Ruth Gill")!;
    const changed = await t.as((tx) =>
      updateChampion(tx, { ...t.scope, championId: ruth.id, revision: ruth.revision, input: person({ training: "accredited", accreditationExpiresOn: "2027-01-31" }) }),
    );
    expect(changed.ok).toBe(true);
    expect(await t.as((tx) => updateChampion(tx, { ...t.scope, championId: ruth.id, revision: ruth.revision, input: person() }))).toEqual({ ok: false, reason: "stale" });

    expect(await t.as((tx) => recordLeaving(tx, { ...t.scope, championId: ruth.id, leftOn: "2025-12-31" }))).toMatchObject({ ok: false, errors: { leftOn: expect.any(String) } });
    for (const c of await t.as((tx) => listChampions(tx, t.scope))) if (!c.leftOn) await t.as((tx) => recordLeaving(tx, { ...t.scope, championId: c.id, leftOn: TODAY }));
    list = await t.as((tx) => listChampions(tx, t.scope));
    expect(list.every((c) => c.leftOn && !c.isContact)).toBe(true);
    expect(list.map((c) => c.name)).toEqual(expect.arrayContaining(["Ruth Gill", "Sam Patel", "Chloe Wren"]));
    expect(await vacancies()).toContain("Hartlepool Youth Justice Service");
  });

  it("links a champion to the account they create when they accept the invitation", async () => {
    const t = await cleveland("Headland Community Housing");
    const added = await t.as((tx) => addChampion(tx, { ...t.scope, input: person({ name: "Lena Moss", email: "lena.moss@example.org" }) }));
    if (!added.ok) throw new Error("not added");
    const invited = await t.as((tx) => inviteChampion(tx, { ...t.scope, championId: added.id, invitedBy: t.coordinator, origin: "https://gt.example.org" }));
    expect(invited).toEqual({ ok: true });
    const email = await db().handles.owner.selectFrom("outbox_messages").select("body_text").where("to_address", "=", "lena.moss@example.org").executeTakeFirstOrThrow();
    const token = /\/invitations\/([\w-]+)/.exec(email.body_text)?.[1];
    expect(token).toBeTruthy();
    const accepted = await acceptInvitation(token!, { kind: "new-account", name: "Lena Moss", password: "a long enough passphrase" });
    expect(accepted.ok).toBe(true);
    const [champion] = (await t.as((tx) => listChampions(tx, t.scope))).filter((c) => c.name === "Lena Moss");
    expect(champion.userId).toBe(await userId(db().handles.owner, "lena.moss@example.org"));
    expect(await t.as((tx) => inviteChampion(tx, { ...t.scope, championId: added.id, invitedBy: t.coordinator, origin: "https://gt.example.org" }))).toMatchObject({ ok: false });
  });
});

describe("organisations as CSV", () => {
  it("uploads the download back unchanged, and adds and updates from an edited copy", async () => {
    const t = await cleveland("Hartlepool Borough Council");
    const csv = await t.as((tx) => organisationsCsv(tx, { partnershipId: t.partnership, on: TODAY }));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("name,sector,borough,statutory,website,pledge_status");
    const again = await t.as((tx) => importOrganisations(tx, { partnershipId: t.partnership, csv }));
    expect(again).toEqual({ ok: true, summary: { added: 0, updated: 0, unchanged: lines.length - 1 }, ignored: [] });

    const edited = [
      lines[0],
      "Seaton Carew Rotary Club,Voluntary and community,Hartlepool,no,https://rotary.example.org,",
      "Hartlepool Marina Traders,business,E06000001,yes,,Prospect",
      "=Tees Formula Club,business,,,,",
    ].join("\n");
    expect(await t.as((tx) => importOrganisations(tx, { partnershipId: t.partnership, csv: edited }))).toEqual({
      ok: true,
      summary: { added: 2, updated: 1, unchanged: 0 },
      ignored: [],
    });
    // A name a spreadsheet would run as a formula is guarded in the download and read back as it was.
    const guarded = await t.as((tx) => organisationsCsv(tx, { partnershipId: t.partnership, on: TODAY }));
    expect(guarded).toContain("'=Tees Formula Club,Business,County-wide,no,,Prospect");
    const roundTrip = await t.as((tx) => importOrganisations(tx, { partnershipId: t.partnership, csv: guarded }));
    expect(roundTrip).toMatchObject({ ok: true, summary: { added: 0, updated: 0 } });
    const traders = await db().handles.owner.selectFrom("organisations").select("is_statutory").where("name", "=", "Hartlepool Marina Traders").executeTakeFirstOrThrow();
    expect(traders.is_statutory).toBe(true);
  });

  it("writes nothing when any row is wrong, and names every bad row and column", async () => {
    const t = await cleveland("Hartlepool Borough Council");
    const before = await db()
      .handles.owner.selectFrom("organisations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    const csv = [
      "name,sector,borough,statutory",
      "Good New Charity,voluntary_community,Hartlepool,no",
      "Bad Sector Ltd,shipping,Hartlepool,no",
      "Nowhere Trust,faith,Atlantis,maybe",
      "good new charity,faith,,",
    ].join("\n");
    const result = await t.as((tx) => importOrganisations(tx, { partnershipId: t.partnership, csv }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([
      [3, "sector"],
      [4, "borough"],
      [4, "statutory"],
      [5, "name"],
    ]);
    const after = await db()
      .handles.owner.selectFrom("organisations")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});
