/**
 * Drafting and publishing the pledge, signing it through the question pages' module calls,
 * renewing and withdrawing — as history that is never overwritten — on real PostgreSQL.
 */
import { describe, expect, it } from "vitest";
import { answerSigningQuestion, findSigningDraft, startSigning, submitSignature, withdrawPledge } from "~/modules/pledge/signing.server";
import { pledgeHistory } from "~/modules/pledge/history.server";
import { organisationPledges } from "~/modules/pledge/status.server";
import { findDraft, latestPublished, publishDraft, saveDraft, startDraft } from "~/modules/pledge/versions.server";
import { addDays, addMonths } from "~/modules/reporting/periods";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo");

async function setUp(name: string) {
  const owner = db().handles.owner;
  const partnership = await partnershipId(owner, "cleveland");
  const organisation = await organisationId(owner, "cleveland", name);
  const admin = await userId(owner, "orgadmin@cleveland.demo.test");
  const scope = { partnershipId: partnership, organisationId: organisation };
  const as = <T>(work: Parameters<typeof withPartnership<T>>[2]) => withPartnership(partnership, admin, work);
  return { partnership, organisation, admin, scope, as };
}

async function signAll(t: Awaited<ReturnType<typeof setUp>>, on: string, options: { fromLast?: boolean; name?: string } = {}) {
  await t.as((tx) => startSigning(tx, { ...t.scope, userId: t.admin, fromLast: options.fromLast ?? false, on }));
  let draft = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
  if (!options.fromLast) {
    await t.as((tx) =>
      answerSigningQuestion(tx, { ...t.scope, revision: draft.revision, answers: { signatoryName: options.name ?? "Helen Carr", signatoryTitle: "Chief Executive" } }),
    );
    draft = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
    await t.as((tx) => answerSigningQuestion(tx, { ...t.scope, revision: draft.revision, answers: { commitments: [1, 3] } }));
    draft = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
    await t.as((tx) =>
      answerSigningQuestion(tx, {
        ...t.scope,
        revision: draft.revision,
        answers: { activity: { communication: "Briefings for all ward staff", nonsense: "dropped", innovation: "  " } },
      }),
    );
    draft = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
  }
  return t.as((tx) => submitSignature(tx, { ...t.scope, userId: t.admin, revision: draft.revision, on }));
}

describe("signing the pledge", () => {
  it("turns checked answers into a signature of the latest version, keeps only the six themes, and is then a prospect no more", async () => {
    const t = await setUp("Hartlepool Marina Traders");
    const today = "2026-06-01";
    expect((await t.as((tx) => organisationPledges(tx, { partnershipId: t.partnership, on: today, organisationIds: [t.organisation] }))).get(t.organisation)?.status).toBe(
      "prospect",
    );
    const result = await signAll(t, today);
    expect(result).toMatchObject({ ok: true, renewal: false });
    const history = await t.as((tx) => pledgeHistory(tx, t.scope));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      kind: "signature",
      on: today,
      validUntil: "2027-05-31",
      version: 2,
      signatory: "Helen Carr, Chief Executive",
      commitments: [1, 3],
      activity: { communication: "Briefings for all ward staff" },
    });
    expect(await t.as((tx) => findSigningDraft(tx, t.scope))).toBeNull();
  });

  it("refuses a save or a submission based on answers someone has changed since, and a second click signs nothing", async () => {
    const t = await setUp("Redcar and Cleveland Borough Council");
    await t.as((tx) => startSigning(tx, { ...t.scope, userId: t.admin, fromLast: false, on: "2026-06-01" }));
    const opened = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
    const first = await t.as((tx) => answerSigningQuestion(tx, { ...t.scope, revision: opened.revision, answers: { signatoryName: "A", signatoryTitle: "B" } }));
    const stale = await t.as((tx) => answerSigningQuestion(tx, { ...t.scope, revision: opened.revision, answers: { signatoryName: "C", signatoryTitle: "D" } }));
    expect([first.ok, stale]).toEqual([true, { ok: false, reason: "stale" }]);
    expect((await t.as((tx) => findSigningDraft(tx, t.scope)))?.signatoryName).toBe("A");

    const incomplete = await t.as((tx) => submitSignature(tx, { ...t.scope, userId: t.admin, revision: opened.revision + 1, on: "2026-06-01" }));
    expect(incomplete).toEqual({ ok: false, reason: "incomplete" });
    const draft = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
    await t.as((tx) => answerSigningQuestion(tx, { ...t.scope, revision: draft.revision, answers: { commitments: [2] } }));
    const ready = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
    const [a, b] = await Promise.all([
      t.as((tx) => submitSignature(tx, { ...t.scope, userId: t.admin, revision: ready.revision, on: "2026-06-01" })),
      t.as((tx) => submitSignature(tx, { ...t.scope, userId: t.admin, revision: ready.revision, on: "2026-06-01" })),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    expect(await t.as((tx) => pledgeHistory(tx, t.scope))).toHaveLength(1);
  });

  it("cannot change a signature after submission, even by writing to the table directly", async () => {
    const t = await setUp("Hartlepool Marina Traders");
    const [signature] = await t.as((tx) => pledgeHistory(tx, t.scope));
    await expect(
      t.as((tx) =>
        tx.updateTable("pledge_signatures").set({ signatory_name: "Someone else" }).where("partnership_id", "=", t.partnership).where("id", "=", signature.id).execute(),
      ),
    ).rejects.toThrow(/history and cannot be changed/);
    await expect(t.as((tx) => tx.updateTable("pledge_withdrawals").set({ reason: "rewritten" }).where("partnership_id", "=", t.partnership).execute())).rejects.toThrow(
      /history and cannot be changed/,
    );
  });

  it("renews from last year's answers, pointing at the signature it renews, and keeps both in the history", async () => {
    const t = await setUp("Hartlepool Marina Traders");
    const [first] = await t.as((tx) => pledgeHistory(tx, t.scope));
    const renewalDay = addDays(first.validUntil!, -20);
    const result = await signAll(t, renewalDay, { fromLast: true });
    expect(result).toMatchObject({ ok: true, renewal: true });
    const history = await t.as((tx) => pledgeHistory(tx, t.scope));
    expect(history.map((h) => [h.kind, h.on, h.renewal, h.signatory, h.commitments])).toEqual([
      ["signature", renewalDay, true, "Helen Carr, Chief Executive", [1, 3]],
      ["signature", "2026-06-01", false, "Helen Carr, Chief Executive", [1, 3]],
    ]);
    const renews = await db()
      .handles.owner.selectFrom("pledge_signatures")
      .select("renews_signature_id")
      .where("signed_on", "=", renewalDay)
      .where("organisation_id", "=", t.organisation)
      .executeTakeFirstOrThrow();
    expect(renews.renews_signature_id).toBe(first.id);
  });

  it("will not sign a pledge in force again before its renewal window", async () => {
    const t = await setUp("Hartlepool Marina Traders");
    const [latest] = await t.as((tx) => pledgeHistory(tx, t.scope));
    const again = await t.as((tx) => startSigning(tx, { ...t.scope, userId: t.admin, fromLast: true, on: latest.on }));
    expect(again).toEqual({ ok: false, reason: "not-yet", wait: { validUntil: latest.validUntil, renewableFrom: addDays(addMonths(latest.validUntil!, -2), 1) } });
    expect(await t.as((tx) => findSigningDraft(tx, t.scope))).toBeNull();
    // In the renewal window it opens again.
    const inWindow = await t.as((tx) => startSigning(tx, { ...t.scope, userId: t.admin, fromLast: true, on: addDays(latest.validUntil!, -10) }));
    expect(inWindow).toEqual({ ok: true });
    await t.as((tx) => tx.deleteFrom("pledge_signing_drafts").where("organisation_id", "=", t.organisation).execute());
  });

  it("withdraws with a reason, keeps every signature, and can sign again afterwards", async () => {
    const t = await setUp("Hartlepool Marina Traders");
    const before = await t.as((tx) => pledgeHistory(tx, t.scope));
    const day = addDays(before[0].on, 10);
    expect(await t.as((tx) => withdrawPledge(tx, { ...t.scope, userId: t.admin, reason: "Closing for refurbishment", on: day }))).toEqual({ ok: true });
    expect(await t.as((tx) => withdrawPledge(tx, { ...t.scope, userId: t.admin, reason: "Twice", on: day }))).toEqual({ ok: false, reason: "not-signed" });
    const pledges = await t.as((tx) => organisationPledges(tx, { partnershipId: t.partnership, on: day, organisationIds: [t.organisation] }));
    expect(pledges.get(t.organisation)?.status).toBe("withdrawn");
    const after = await t.as((tx) => pledgeHistory(tx, t.scope));
    expect(after.map((h) => h.kind)).toEqual(["withdrawal", "signature", "signature"]);
    expect(after[0].reason).toBe("Closing for refurbishment");
    expect(await signAll(t, addDays(day, 1))).toMatchObject({ ok: true, renewal: false });
  });
});

describe("drafting and publishing the pledge", () => {
  it("publishes exactly the previewed draft as the next version, refuses a stale one, and never changes a published version", async () => {
    const t = await setUp("Hartlepool Marina Traders");
    const coordinator = await userId(db().handles.owner, "coordinator@cleveland.demo.test");
    const as = <T>(work: Parameters<typeof withPartnership<T>>[2]) => withPartnership(t.partnership, coordinator, work);
    const p = { partnershipId: t.partnership };
    const before = (await as((tx) => latestPublished(tx, p)))!;
    const draft = await as((tx) => startDraft(tx, p));
    expect(draft).toMatchObject({ state: "draft", version: null, title: before.title, commitments: before.commitments });
    expect((await as((tx) => startDraft(tx, p))).id).toBe(draft.id);

    const saved = await as((tx) => saveDraft(tx, { ...p, revision: draft.revision, text: { title: before.title, introduction: "New words", commitments: ["Only one"] } }));
    expect(saved.ok).toBe(true);
    expect(await as((tx) => saveDraft(tx, { ...p, revision: draft.revision, text: { title: "Lost update", introduction: "", commitments: ["x"] } }))).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await as((tx) => publishDraft(tx, { ...p, revision: draft.revision }))).toEqual({ ok: false, reason: "stale" });

    const current = (await as((tx) => findDraft(tx, p)))!;
    expect(await as((tx) => publishDraft(tx, { ...p, revision: current.revision }))).toEqual({ ok: true, version: before.version! + 1 });
    const latest = (await as((tx) => latestPublished(tx, p)))!;
    expect(latest).toMatchObject({ version: before.version! + 1, introduction: "New words", commitments: ["Only one"] });
    expect(await as((tx) => findDraft(tx, p))).toBeNull();
    expect(await as((tx) => saveDraft(tx, { ...p, revision: latest.revision, text: { title: "x", introduction: "", commitments: ["y"] } }))).toEqual({
      ok: false,
      reason: "missing",
    });
    await expect(
      as((tx) => tx.updateTable("pledge_versions").set({ introduction: "edited" }).where("partnership_id", "=", t.partnership).where("id", "=", latest.id).execute()),
    ).rejects.toThrow(/history and cannot be changed/);
  });

  it("asks a signer part-way through to choose commitments again when a new version is published", async () => {
    const t = await setUp("Hartlepool Churches Together");
    await t.as((tx) => startSigning(tx, { ...t.scope, userId: t.admin, fromLast: false, on: "2026-06-01" }));
    let draft = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
    await t.as((tx) => answerSigningQuestion(tx, { ...t.scope, revision: draft.revision, answers: { signatoryName: "A", signatoryTitle: "B" } }));
    draft = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
    await t.as((tx) => answerSigningQuestion(tx, { ...t.scope, revision: draft.revision, answers: { commitments: [1] } }));
    draft = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;

    const p = { partnershipId: t.partnership };
    const next = await t.as((tx) => startDraft(tx, p));
    await t.as((tx) => publishDraft(tx, { ...p, revision: next.revision }));

    expect(await t.as((tx) => submitSignature(tx, { ...t.scope, userId: t.admin, revision: draft.revision, on: "2026-06-02" }))).toEqual({ ok: false, reason: "version-changed" });
    const moved = (await t.as((tx) => findSigningDraft(tx, t.scope)))!;
    const latest = (await t.as((tx) => latestPublished(tx, p)))!;
    expect(moved).toMatchObject({ versionId: latest.id, commitments: null, signatoryName: "A" });
  });
});
