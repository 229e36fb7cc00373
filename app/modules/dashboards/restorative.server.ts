/**
 * The coordinator's restorative-borough criteria (stored per partnership; the suggested ones until
 * saved) and each borough's standing against them, from the dashboard's organisation facts, the
 * state of returns and this year's delivery plan.
 */
import { sql } from "kysely";
import { z } from "zod";
import { now } from "../platform/clock.server";
import { checkbox, formVersion } from "../platform/form.server";
import { inBorough } from "../delivery/action-access";
import type { DerivedPlan } from "../delivery/plan-view";
import { previousQuarter, quarterOf, type Quarter } from "../reporting/periods";
import type { Tx } from "../tenancy/with-partnership.server";
import { returnRate, signedAmong, signedOn } from "./adoption-tables";
import { organisationsByBorough, type OrganisationFacts, type ReturnFact, type ScopeFacts } from "./facts.server";
import { assessBorough, rankBoroughs, SUGGESTED_CRITERIA, type BoroughStanding, type Criteria } from "./restorative";

export async function loadCriteria(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<Criteria & { version: number }> {
  const row = await tx.selectFrom("restorative_criteria").selectAll().where("partnership_id", "=", partnershipId).executeTakeFirst();
  if (!row) return { ...SUGGESTED_CRITERIA, version: 0 };
  return {
    allStatutorySigned: row.all_statutory_signed,
    minSigned: row.min_signed,
    minSectors: row.min_sectors,
    championForEverySignatory: row.champion_for_every_signatory,
    minTrainedChampions: row.min_trained_champions,
    minReturnPercent: row.min_return_percent,
    returnQuarters: row.return_quarters,
    noActionOffTrack: row.no_action_off_track,
    configured: true,
    version: row.version,
  };
}

const threshold = (label: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .refine((v) => v === null || /^\d+$/.test(v), `Enter ${label} as a whole number, or leave it blank`)
    .transform((v) => (v === null ? null : Number(v)))
    .refine((v) => v === null || (v >= 1 && v <= max), `Enter ${label} between 1 and ${max.toLocaleString("en-GB")}, or leave it blank`);

export const CriteriaSchema = z.object({
  allStatutorySigned: checkbox,
  minSigned: threshold("the number of organisations", 100000),
  minSectors: threshold("the number of sectors", 12),
  championForEverySignatory: checkbox,
  minTrainedChampions: threshold("the number of trained champions", 100000),
  minReturnPercent: threshold("the percentage of returns", 100),
  returnQuarters: z.coerce.number({ invalid_type_error: "Choose how many quarters" }).int().min(1, "Choose how many quarters").max(8, "Choose how many quarters"),
  noActionOffTrack: checkbox,
  version: formVersion,
});
export type CriteriaForm = z.infer<typeof CriteriaSchema>;

/** Saves the criteria unless someone saved others since the form was opened. */
export async function saveCriteria(
  tx: Tx,
  { partnershipId, userId, form }: { partnershipId: string; userId: string; form: CriteriaForm },
): Promise<{ ok: true } | { ok: false; stale: true }> {
  const values = {
    all_statutory_signed: form.allStatutorySigned,
    min_signed: form.minSigned,
    min_sectors: form.minSectors,
    champion_for_every_signatory: form.championForEverySignatory,
    min_trained_champions: form.minTrainedChampions,
    min_return_percent: form.minReturnPercent,
    return_quarters: form.returnQuarters,
    no_action_off_track: form.noActionOffTrack,
    updated_by: userId,
  };
  if (form.version === 0) {
    const inserted = await tx
      .insertInto("restorative_criteria")
      .values({ partnership_id: partnershipId, ...values })
      .onConflict((oc) => oc.column("partnership_id").doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows) > 0 ? { ok: true } : { ok: false, stale: true };
  }
  const updated = await tx
    .updateTable("restorative_criteria")
    .set({ ...values, version: sql`version + 1`, updated_at: now() })
    .where("partnership_id", "=", partnershipId)
    .where("version", "=", form.version)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0 ? { ok: true } : { ok: false, stale: true };
}

/** The quarters a returns criterion looks at: the last `count` that have ended. */
export function criteriaQuarters(count: number, today: string): Quarter[] {
  const list: Quarter[] = [];
  let q = previousQuarter(quarterOf(today));
  for (let i = 0; i < count; i++, q = previousQuarter(q)) list.unshift(q);
  return list;
}

export function boroughStanding(
  boroughId: string,
  { facts, returns, plan, today, quarters }: { facts: ScopeFacts; returns: ReturnFact[]; plan: DerivedPlan | null; today: string; quarters: Quarter[] },
): BoroughStanding {
  const orgs = organisationsByBorough(facts).get(boroughId) ?? [];
  const ownIds = new Set(orgs.map((o) => o.id));
  const lens = { boroughId, organisationIds: ownIds };
  const actions = (plan?.actions ?? []).filter((a) => inBorough(a, lens) && a.standing.status !== "dropped");
  const offTrack = actions.filter((a) => a.standing.status === "off_track").map((a) => `${a.reference} ${a.title}`);
  return { ...adoptionStanding(orgs, today), returns: returnRate(orgs, returns, quarters), actions: actions.length, offTrack };
}

/** What a borough's standing takes from its organisations alone, once per list and day (the list is kept with the facts). */
const adoptionByDay = new WeakMap<
  OrganisationFacts[],
  { day: string; standing: Pick<BoroughStanding, "statutory" | "signed" | "sectors" | "withoutChampion" | "trainedChampions"> }
>();
function adoptionStanding(orgs: OrganisationFacts[], today: string) {
  const kept = adoptionByDay.get(orgs);
  if (kept?.day === today) return kept.standing;
  const signed = signedAmong(orgs, today);
  const statutory = orgs.filter((o) => o.statutory);
  const standing = {
    statutory: { total: statutory.length, unsigned: statutory.filter((o) => !signedOn(o, today)).map((o) => o.name) },
    signed: signed.length,
    sectors: new Set(signed.map((o) => o.sector)).size,
    withoutChampion: signed.filter((o) => o.champions.length === 0).map((o) => o.name),
    trainedChampions: orgs.flatMap((o) => o.champions).filter((c) => c.training === "facilitator" || c.training === "accredited").length,
  };
  adoptionByDay.set(orgs, { day: today, standing });
  return standing;
}

export function restorativeRanking(criteria: Criteria, args: Parameters<typeof boroughStanding>[1]) {
  return rankBoroughs(args.facts.boroughs.map((b) => ({ borough: b, results: assessBorough(criteria, boroughStanding(b.id, args)) })));
}
