/**
 * Leaving ends a champion's access (issue 21): the account linked to the record loses its
 * champion role at the organisation, and an invitation still waiting for them no longer works.
 * Erasing a champion record does the same.
 */
import { describe, expect, it } from "vitest";
import { addChampion, recordLeaving, type ChampionInput } from "~/modules/champions/champions.server";
import { inviteChampion } from "~/modules/champions/invite.server";
import { acceptInvitation } from "~/modules/people/invitations.server";
import { holdsRole } from "~/modules/people/members.server";
import { today } from "~/modules/platform/clock.server";
import { eraseChampion } from "~/modules/privacy/erasure.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { organisationId, partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo");

const person = (name: string, email: string): ChampionInput => ({
  name,
  email,
  jobTitle: "Neighbourhood Officer",
  since: "2026-01-05",
  training: "awareness",
  accreditationExpiresOn: null,
  isContact: false,
});

async function headland() {
  const owner = db().handles.owner;
  const partnership = await partnershipId(owner, "cleveland");
  const organisation = await organisationId(owner, "cleveland", "Headland Community Housing");
  const coordinator = await userId(owner, "coordinator@cleveland.demo.test");
  const scope = { partnershipId: partnership, organisationId: organisation };
  const as = <T>(work: Parameters<typeof withPartnership<T>>[2]) => withPartnership(partnership, coordinator, work);
  const invite = async (name: string, email: string) => {
    const added = await as((tx) => addChampion(tx, { ...scope, input: person(name, email) }));
    if (!added.ok) throw new Error("not added");
    expect(await as((tx) => inviteChampion(tx, { ...scope, championId: added.id, invitedBy: coordinator, origin: "https://gt.example.org" }))).toEqual({ ok: true });
    const email_ = await owner.selectFrom("outbox_messages").select("body_text").where("to_address", "=", email).orderBy("created_at", "desc").executeTakeFirstOrThrow();
    return { championId: added.id, token: /\/invitations\/([\w-]+)/.exec(email_.body_text)![1] };
  };
  const isChampion = async (email: string) =>
    as(async (tx) => holdsRole(tx, { partnershipId: partnership, userId: await userId(owner, email), role: "champion", organisationId: organisation }));
  return { scope, as, invite, isChampion, coordinator, partnership, organisation };
}

describe("a champion who leaves", () => {
  it("loses the champion role their account held at the organisation", async () => {
    const t = await headland();
    const { championId, token } = await t.invite("Omar Hale", "omar.hale@example.org");
    expect((await acceptInvitation(token, { kind: "new-account", name: "Omar Hale", password: "a long enough passphrase" })).ok).toBe(true);
    expect(await t.isChampion("omar.hale@example.org")).toBe(true);

    expect((await t.as((tx) => recordLeaving(tx, { ...t.scope, championId, leftOn: today() }))).ok).toBe(true);
    expect(await t.isChampion("omar.hale@example.org")).toBe(false);
  });

  it("cannot then accept the invitation that was waiting for them", async () => {
    const t = await headland();
    const { championId, token } = await t.invite("Priya Shah", "priya.shah@example.org");
    expect((await t.as((tx) => recordLeaving(tx, { ...t.scope, championId, leftOn: today() }))).ok).toBe(true);

    expect(await acceptInvitation(token, { kind: "new-account", name: "Priya Shah", password: "a long enough passphrase" })).toEqual({ ok: false, reason: "gone" });
    const account = await db().handles.owner.selectFrom("users").select("id").where("email", "=", "priya.shah@example.org").executeTakeFirst();
    expect(account).toBeUndefined();
  });

  it("keeps the role of a colleague who is still a champion, and loses it when erased", async () => {
    const t = await headland();
    const stays = await t.invite("Jo Marsh", "jo.marsh@example.org");
    await acceptInvitation(stays.token, { kind: "new-account", name: "Jo Marsh", password: "a long enough passphrase" });
    const leaves = await t.invite("Kit Barr", "kit.barr@example.org");
    await t.as((tx) => recordLeaving(tx, { ...t.scope, championId: leaves.championId, leftOn: today() }));
    expect(await t.isChampion("jo.marsh@example.org")).toBe(true);

    expect(await eraseChampion({ partnershipId: t.partnership, actorId: t.coordinator, organisationId: t.organisation, championId: stays.championId })).toBe(true);
    expect(await t.isChampion("jo.marsh@example.org")).toBe(false);
  });
});
