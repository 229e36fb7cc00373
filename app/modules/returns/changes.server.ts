/**
 * The one place other capabilities hear about a change to a return. Every state change (draft
 * save, submit, resubmit, accept, return, CSV correction) calls these listeners inside its own
 * transaction, after the return's rows are written, with the return before and after. Roll-ups
 * append a listener here to keep their summary tables exact: when the transaction commits, both
 * are written; when it fails, neither is.
 */
import type { ReturnStatus, ReturnVersionKind } from "../../../db/types";
import { keepMetricRollups } from "../rollups/upkeep.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { config } from "../platform/config.server";

export interface StoredValue {
  /** Null exactly when not applicable. */
  value: number | null;
  notApplicable: boolean;
  definitionVersion: number;
}

export interface ReturnState {
  status: ReturnStatus;
  /** Whether its figures count (status.ts: submitted, resubmitted, accepted). */
  counts: boolean;
  /** Answered metrics by metric id; an unanswered metric is absent. */
  values: Map<string, StoredValue>;
}

export interface ReturnChange {
  partnershipId: string;
  organisationId: string;
  quarter: string;
  kind: ReturnVersionKind;
  version: number;
  actorUserId: string | null;
  /** Null when the return did not exist before this change. */
  before: ReturnState | null;
  after: ReturnState;
}

export type ReturnChangeListener = (tx: Tx, change: ReturnChange) => Promise<void>;

/**
 * `GT_ROLLUP_UPKEEP=off` exists for `npm run bench` alone, to time a submission as a plain insert
 * beside one with its summary upkeep. Never set it on a real service: the dashboards would drift
 * from the returns until `npm run rollups:rebuild`.
 */
export const ROLLUP_UPKEEP_ON = config().GT_ROLLUP_UPKEEP !== "off";

/** Capabilities append their listener. Called in order; the roll-ups' upkeep comes first. */
export const RETURN_CHANGE_LISTENERS: ReturnChangeListener[] = ROLLUP_UPKEEP_ON ? [keepMetricRollups] : [];

export async function notifyReturnChange(tx: Tx, change: ReturnChange) {
  for (const listener of RETURN_CHANGE_LISTENERS) await listener(tx, change);
}
