/**
 * What every dashboard needs about organisations, read once per page: who they are, their pledge
 * history (status is derived per date from it), their champions, and the state of their returns
 * for a few quarters. Figures (return values) come from the roll-ups instead: see rollups/figures.server.ts.
 */
import { sql } from "kysely";
import type { Sector } from "../../../db/types";
import { championsOf } from "../champions/champions.server";
import { pledgeHistories } from "../pledge/status.server";
import type { PledgeEvent } from "../pledge/status";
import type { ReturnStatus } from "../returns/status";
import { listBoroughs } from "../tenancy/partnerships.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { LiveCache, liveCacheOn } from "../platform/live-cache.server";
import { returnsGenerationOf, scopeFactsGenerationOf } from "../platform/partnership-changes.server";
import { joinedReturns } from "./adoption-tables";
import { config } from "../platform/config.server";

export interface OrganisationFacts {
  id: string;
  name: string;
  sector: Sector;
  boroughId: string | null;
  statutory: boolean;
  /** The day it left the programme, if it did. */
  leftOn: string | null;
  events: PledgeEvent[];
  champions: Array<{ training: string; accreditationExpiresOn: string | null }>;
}

export interface ScopeFacts {
  boroughs: Array<{ id: string; name: string }>;
  organisations: OrganisationFacts[];
}

type ScopeArgs = { partnershipId: string; boroughId?: string | null; sector?: Sector | null };

// Kept per scope-facts generation, which a return submission does not move (platform/partnership-changes):
// at quarter-end, when every submission moves the dashboards on, the county dashboard re-reads only
// returns and figures, not every organisation's history. Budget in organisations held.
const kept = new LiveCache<ScopeFacts>(config().GT_FACTS_CACHE_ORGANISATIONS, (facts) => 1 + facts.organisations.length);

/**
 * Organisations of the partnership, or of one borough (its own, not county-wide ones), optionally
 * of one sector. Shared between requests: callers must not change what it returns.
 */
export async function scopeFacts(tx: Tx, args: ScopeArgs): Promise<ScopeFacts> {
  if (!liveCacheOn()) return readScopeFacts(tx, args);
  const key = [args.partnershipId, scopeFactsGenerationOf(args.partnershipId), args.boroughId ?? "", args.sector ?? ""].join("|");
  return kept.getOrCompute(key, () => readScopeFacts(tx, args));
}

// What is worked out from one facts object alone (adoption and champion tables, charts): kept with it,
// so while the facts stay cached it is worked out once per day and filters, not after every return.
const derived = new WeakMap<ScopeFacts, Map<string, unknown>>();

/** `compute()` once per facts object and key; `compute` must depend only on the facts and what the key names. */
export function derivedFromFacts<T>(facts: ScopeFacts, key: string, compute: () => T): T {
  let memo = derived.get(facts);
  if (!memo) derived.set(facts, (memo = new Map()));
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  if (memo.size >= 64) memo.clear();
  memo.set(key, value);
  return value;
}

/** The scope's organisations by borough (null: county-wide), in one pass. */
export function organisationsByBorough(facts: ScopeFacts): Map<string | null, OrganisationFacts[]> {
  return derivedFromFacts(facts, "by-borough", () => {
    const byBorough = new Map<string | null, OrganisationFacts[]>();
    for (const o of facts.organisations) {
      const list = byBorough.get(o.boroughId);
      if (list) list.push(o);
      else byBorough.set(o.boroughId, [o]);
    }
    return byBorough;
  });
}

async function readScopeFacts(tx: Tx, { partnershipId, boroughId, sector }: ScopeArgs): Promise<ScopeFacts> {
  let orgs = tx
    .selectFrom("organisations")
    .select(["id", "name", "sector", "borough_id", "is_statutory", "withdrawn_at"])
    .where("partnership_id", "=", partnershipId)
    .orderBy("name");
  if (boroughId) orgs = orgs.where("borough_id", "=", boroughId);
  if (sector) orgs = orgs.where("sector", "=", sector);
  const [boroughs, organisations] = await Promise.all([listBoroughs(tx, { partnershipId }), orgs.execute()]);
  const ids = boroughId || sector ? organisations.map((o) => o.id) : undefined;
  const [histories, champions] = await Promise.all([pledgeHistories(tx, { partnershipId, organisationIds: ids }), championsOf(tx, { partnershipId, organisationIds: ids })]);
  const current = new Map<string, OrganisationFacts["champions"]>();
  for (const c of champions)
    if (!c.leftOn) current.set(c.organisationId, [...(current.get(c.organisationId) ?? []), { training: c.training, accreditationExpiresOn: c.accreditationExpiresOn }]);
  return {
    boroughs: boroughs.map((b) => ({ id: b.id, name: b.name })),
    organisations: organisations.map((o) => ({
      id: o.id,
      name: o.name,
      sector: o.sector,
      boroughId: o.borough_id,
      statutory: o.is_statutory,
      leftOn: o.withdrawn_at ? o.withdrawn_at.toISOString().slice(0, 10) : null,
      events: histories.get(o.id) ?? [],
      champions: current.get(o.id) ?? [],
    })),
  };
}

export interface ReturnFact {
  organisationId: string;
  quarter: string;
  status: ReturnStatus;
  /** When it was first submitted: given for the quarter whose timeliness is asked (`timesOf`), null for the others. */
  firstSubmittedAt: Date | null;
}

/**
 * The state of returns (not their figures) for the quarter `timesOf` and some others; first-submission
 * times only for `timesOf` (timeliness is shown for one quarter; turning the other quarters' ~56,000
 * timestamps into Dates was ~7 % of the largest county dashboard's first view after a return).
 *
 * A whole partnership's are kept per quarter, each under its quarter's return facts generation
 * (platform/partnership-changes, migration 73), so at quarter-end, when every submission moves the
 * county dashboard on, the next view re-reads only the quarter the return was for, not the ~56,000
 * returns of the quarters before it. Shared between requests: callers must not change what it returns.
 */
export async function returnFacts(
  tx: Tx,
  { partnershipId, timesOf, quarters, organisationIds }: { partnershipId: string; timesOf: string; quarters: string[]; organisationIds?: string[] },
): Promise<ReturnFact[]> {
  if (organisationIds?.length === 0) return [];
  const wanted = [...new Set([timesOf, ...quarters])];
  if (organisationIds || !liveCacheOn()) return readReturnFacts(tx, { partnershipId, timesOf, quarters: wanted, organisationIds });
  const parts = await Promise.all(
    wanted.map((quarter) =>
      keptReturns.getOrCompute([partnershipId, returnsGenerationOf(partnershipId, quarter), quarter, quarter === timesOf ? "times" : ""].join("|"), () =>
        readReturnFacts(tx, { partnershipId, timesOf, quarters: [quarter] }),
      ),
    ),
  );
  return joinedReturns(parts);
}

// Budget in returns held (about 43 partnerships × 14,000 organisations × a handful of quarters fits).
const keptReturns = new LiveCache<ReturnFact[]>(config().GT_RETURN_FACTS_CACHE_ROWS, (rows) => 1 + rows.length);

function readReturnFacts(
  tx: Tx,
  { partnershipId, timesOf, quarters, organisationIds }: { partnershipId: string; timesOf: string; quarters: string[]; organisationIds?: string[] },
): Promise<ReturnFact[]> {
  let q = tx
    .selectFrom("quarterly_returns")
    .select(["organisation_id as organisationId", "quarter", "status"])
    .select(sql<Date | null>`case when quarter = ${timesOf} then first_submitted_at end`.as("firstSubmittedAt"))
    .where("partnership_id", "=", partnershipId)
    .where("quarter", "in", quarters);
  if (organisationIds) q = q.where("organisation_id", "in", organisationIds);
  return q.execute();
}

/** The first quarter with any figure (for the quarter choices), from the roll-ups' primary key. */
export async function earliestFigureQuarter(tx: Tx, { partnershipId }: { partnershipId: string }) {
  const row = await tx.selectFrom("metric_rollups").select("quarter").where("partnership_id", "=", partnershipId).orderBy("quarter").limit(1).executeTakeFirst();
  return row?.quarter ?? null;
}
