/**
 * What the return pages show: the form (or the submitted return), each figure beside last
 * quarter's, the return's lock state and warnings on what is stored. Also the shape of a refused
 * save, so the page comes back with everything the person typed.
 */
import { isCurrent } from "../pledge/status";
import { organisationPledges } from "../pledge/status.server";
import { parseQuarterKey, previousQuarter, type Quarter } from "../reporting/periods";
import type { Tx } from "../tenancy/with-partnership.server";
import { lockState, longDate, type ReportingSettings } from "./calendar";
import type { FormMetricView, ReturnReply, ReturnView } from "./display";
import { metricsForQuarter } from "./metrics.server";
import { countedFigures, findLockException, loadReturn, type ReturnKey } from "./store.server";
import { editableByOrganisation } from "./status";
import { returnWarnings, submissionWarnings, valueField, type Narrative } from "./validation";
import { previousFour, type FormOutcome } from "./workflow.server";

export async function returnPage(
  tx: Tx,
  {
    partnershipId,
    organisationId,
    quarter,
    settings,
    today,
    reviewing = false,
  }: Omit<ReturnKey, "quarter"> & { quarter: Quarter; settings: ReportingSettings; today: string; reviewing?: boolean },
) {
  const key: ReturnKey = { partnershipId, organisationId, quarter: quarter.key };
  const metrics = await metricsForQuarter(tx, key);
  const current = await loadReturn(tx, key);
  const lastQuarter = previousQuarter(quarter);
  const last = (await countedFigures(tx, { partnershipId, organisationId, quarters: [lastQuarter.key] })).get(lastQuarter.key) ?? {};
  const exception = await findLockException(tx, key);
  const row = current.row;
  const lock = lockState(quarter, settings, today, row?.status ?? null, exception?.open_until ?? null);
  const pledge = (await organisationPledges(tx, { partnershipId, on: quarter.end, organisationIds: [organisationId] })).get(organisationId);
  // The organisation sees warnings while it can still act on them; the coordinator always does.
  const warnings =
    row && (reviewing || editableByOrganisation(row.status))
      ? [
          ...(reviewing ? [] : submissionWarnings(current.input, metrics, quarter, today, longDate(quarter.end))),
          ...returnWarnings(current.input, metrics, await previousFour(tx, key), { referenceYear: Number(today.slice(0, 4)) }),
        ]
      : [];

  const metricViews: FormMetricView[] = metrics.map((m) => ({
    key: m.key,
    label: m.label,
    group: m.group,
    unit: m.unit,
    definition: m.definition,
    definitionVersion: m.definitionVersion,
    definitionChangedFrom: m.definitionChangedFrom,
    participantCount: m.participantCount,
    value: current.input.values[m.key] ?? null,
    last: last[m.key] ?? null,
    reportedUnder: current.definitions[m.key] !== undefined && current.definitions[m.key] !== m.definitionVersion ? current.definitions[m.key] : null,
  }));
  const view: ReturnView = {
    status: row?.status ?? null,
    version: row?.version ?? 0,
    returnReason: row?.return_reason ?? null,
    firstSubmittedAt: row?.first_submitted_at?.toISOString() ?? null,
    lastSubmittedAt: row?.last_submitted_at?.toISOString() ?? null,
    reviewedAt: row?.reviewed_at?.toISOString() ?? null,
    narrative: current.input.narrative,
  };
  return {
    quarter: { key: quarter.key, label: quarter.label, end: quarter.end, lastLabel: lastQuarter.label },
    metrics: metricViews,
    ret: view,
    lock,
    periodLocked: lockState(quarter, settings, today, null).locked,
    exception: exception ? { openUntil: exception.open_until, reason: exception.reason } : null,
    expected: pledge ? isCurrent(pledge.status) : false,
    warnings,
  };
}

export type ReturnPageData = Awaited<ReturnType<typeof returnPage>>;

const LOCKED_MESSAGE = (until: string) =>
  `This quarter's returns locked after ${until}. Your figures are below but were not saved: ask your coordinator to reopen the return for you.`;

/** The reply and HTTP status for a save or submit the workflow refused. */
export function refusedReply(
  outcome: Exclude<FormOutcome, { kind: "done" }>,
  posted: Record<string, string | string[]>,
  labels: Map<string, string>,
): { reply: ReturnReply; status: number } {
  switch (outcome.kind) {
    case "invalid":
      return { reply: { values: posted, errors: outcome.errors }, status: 400 };
    case "confirm":
      return {
        reply: {
          values: posted,
          errors: {},
          warnings: outcome.warnings,
          formError: "Check the figures and text flagged below. Correct them, or tick the box to confirm they are right, then submit again.",
        },
        status: 400,
      };
    case "locked":
      return { reply: { values: posted, errors: {}, formError: LOCKED_MESSAGE(outcome.lock.editableUntil) }, status: 409 };
    case "not_editable":
      return {
        reply: {
          values: posted,
          errors: {},
          formError:
            outcome.status === "accepted"
              ? "This return has been accepted and is locked. Your changes were not saved: ask your coordinator if something needs correcting."
              : "This return has been submitted and is waiting for the coordinator, so it cannot be changed now. Your changes were not saved.",
        },
        status: 409,
      };
    case "stale": {
      const who = outcome.by?.name ?? "Someone";
      const editable = editableByOrganisation(outcome.status);
      const changed = outcome.changed.map((c) => c.field);
      const describe = (field: string) => labels.get(field) ?? field;
      return {
        reply: {
          // The next save is based on the version that is stored now: saving again keeps this input.
          values: { ...posted, baseVersion: String(outcome.currentVersion) },
          errors: {},
          formError: editable
            ? `${who} changed this return while you were editing it. Nothing you typed has been lost. ${changed.length ? `They changed: ${changed.map(describe).join(", ")} (marked below). ` : ""}Check those fields, then save again to keep your version.`
            : `${who} changed this return while you were editing it, and it is now ${outcome.status === "accepted" ? "accepted" : "submitted"}, so your changes could not be saved. What you typed is still below.`,
          conflict: { by: outcome.by?.name ?? null, at: outcome.by?.at?.toISOString() ?? null, changed: outcome.changed },
        },
        status: 409,
      };
    }
  }
}

/** Field name → label, for messages about fields. */
export function fieldLabels(metrics: Array<{ key: string; label: string }>, narrative: Array<{ name: keyof Narrative; label: string }>) {
  return new Map<string, string>([...metrics.map((m) => [valueField(m.key), m.label] as [string, string]), ...narrative.map((f) => [f.name, f.label] as [string, string])]);
}

/** A quarter from the URL: a real quarter that has started (nobody reports the future), else 404. */
export function quarterParam(value: string | undefined, today: string): Quarter {
  const quarter = value ? parseQuarterKey(value) : null;
  if (!quarter || quarter.start > today) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  return quarter;
}

export function reportingSettings(partnership: { deadline_days: number; grace_days: number }): ReportingSettings {
  return { deadlineDays: partnership.deadline_days, graceDays: partnership.grace_days };
}
