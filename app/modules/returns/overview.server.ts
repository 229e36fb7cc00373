/**
 * Returns seen across the partnership (the coordinator's quarter view, completeness) and across
 * the quarters of one organisation (the champion's home).
 */
import { organisationPledges, expectedToReport } from "../pledge/status.server";
import { isCurrent } from "../pledge/status";
import { parseQuarterKey, type Quarter } from "../reporting/periods";
import { listOrganisations } from "../tenancy/organisations.server";
import { sectorLabel } from "../tenancy/sectors";
import type { Tx } from "../tenancy/with-partnership.server";
import { lockState, recentQuarters, timeliness, type ReportingSettings } from "./calendar";
import { completeness, type CompletenessRow } from "./completeness";
import type { ReturnStatus } from "./status";

export interface QuarterRow extends CompletenessRow {
  version: number;
  lastSubmittedAt: Date | null;
  reviewedAt: Date | null;
  exceptionUntil: string | null;
}

/** Every organisation expected to report for the quarter or holding a return for it. */
export async function quarterRows(tx: Tx, { partnershipId, quarter, boroughId }: { partnershipId: string; quarter: Quarter; boroughId?: string | null }): Promise<QuarterRow[]> {
  const [organisations, expected, returns, exceptions] = await Promise.all([
    listOrganisations(tx, { partnershipId, boroughId }),
    expectedToReport(tx, { partnershipId, quarter }),
    tx
      .selectFrom("quarterly_returns")
      .select(["organisation_id", "status", "version", "first_submitted_at", "last_submitted_at", "reviewed_at"])
      .where("partnership_id", "=", partnershipId)
      .where("quarter", "=", quarter.key)
      .execute(),
    tx.selectFrom("return_lock_exceptions").select(["organisation_id", "open_until"]).where("partnership_id", "=", partnershipId).where("quarter", "=", quarter.key).execute(),
  ]);
  const expectedSet = new Set(expected);
  const byOrg = new Map(returns.map((r) => [r.organisation_id, r]));
  const exceptionOf = new Map(exceptions.map((e) => [e.organisation_id, e.open_until]));
  return organisations
    .filter((o) => expectedSet.has(o.id) || byOrg.has(o.id))
    .map((o) => {
      const r = byOrg.get(o.id);
      return {
        organisationId: o.id,
        name: o.name,
        boroughName: o.borough_name,
        sector: o.sector,
        expected: expectedSet.has(o.id),
        status: r?.status ?? null,
        version: r?.version ?? 0,
        firstSubmittedAt: r?.first_submitted_at ?? null,
        lastSubmittedAt: r?.last_submitted_at ?? null,
        reviewedAt: r?.reviewed_at ?? null,
        exceptionUntil: exceptionOf.get(o.id) ?? null,
      };
    });
}

export async function quarterCompleteness(tx: Tx, args: { partnershipId: string; quarter: Quarter; boroughId?: string | null; dueOn: string }) {
  return completeness(await quarterRows(tx, args), args.dueOn, sectorLabel);
}

export interface OrganisationQuarter {
  quarter: string;
  label: string;
  ended: boolean;
  expected: boolean;
  status: ReturnStatus | null;
  dueOn: string;
  editableUntil: string;
  locked: boolean;
  lockReason: "accepted" | "period" | null;
  exceptionUntil: string | null;
  timeliness: "on_time" | "late" | null;
  returnReason: string | null;
}

/** The champion's home: the current quarter and the `count` before it, newest first. */
export async function organisationQuarters(
  tx: Tx,
  { partnershipId, organisationId, settings, today, count = 7 }: { partnershipId: string; organisationId: string; settings: ReportingSettings; today: string; count?: number },
): Promise<OrganisationQuarter[]> {
  const quarters = recentQuarters(today, count);
  const keys = quarters.map((q) => q.key);
  const [returns, exceptions] = await Promise.all([
    tx
      .selectFrom("quarterly_returns")
      .select(["quarter", "status", "first_submitted_at", "return_reason"])
      .where("partnership_id", "=", partnershipId)
      .where("organisation_id", "=", organisationId)
      .where("quarter", "in", keys)
      .execute(),
    tx
      .selectFrom("return_lock_exceptions")
      .select(["quarter", "open_until"])
      .where("partnership_id", "=", partnershipId)
      .where("organisation_id", "=", organisationId)
      .where("quarter", "in", keys)
      .execute(),
  ]);
  const result: OrganisationQuarter[] = [];
  for (const q of quarters) {
    const r = returns.find((x) => x.quarter === q.key);
    const pledge = (await organisationPledges(tx, { partnershipId, on: q.end, organisationIds: [organisationId] })).get(organisationId);
    const lock = lockState(q, settings, today, r?.status ?? null, exceptions.find((e) => e.quarter === q.key)?.open_until ?? null);
    result.push({
      quarter: q.key,
      label: q.label,
      ended: q.end < today,
      expected: pledge ? isCurrent(pledge.status) : false,
      status: r?.status ?? null,
      dueOn: lock.dueOn,
      editableUntil: lock.editableUntil,
      locked: lock.locked,
      lockReason: lock.reason,
      exceptionUntil: lock.exceptionUntil,
      timeliness: timeliness(r?.first_submitted_at ?? null, lock.dueOn),
      returnReason: r?.return_reason ?? null,
    });
  }
  return result;
}

export function quarterFromParam(value: string | null | undefined): Quarter | null {
  return value ? parseQuarterKey(value) : null;
}
