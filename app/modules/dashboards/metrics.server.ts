/** The partnership's metrics as dashboards need them, and which one a trend shows. */
import { listMetrics } from "../returns/metrics.server";
import type { Tx } from "../tenancy/with-partnership.server";
import type { DashboardMetric } from "./activity-tables";

export async function dashboardMetrics(tx: Tx, { partnershipId }: { partnershipId: string }): Promise<DashboardMetric[]> {
  return (await listMetrics(tx, { partnershipId })).map((m) => ({
    id: m.id,
    key: m.key,
    label: m.label,
    unit: m.unit,
    aggregation: m.aggregation,
    participantCount: m.participantCount,
    partOfId: m.partOfId,
    retiredFrom: m.retiredFrom,
    definitions: m.definitions.map((d) => ({ version: d.version, validFrom: d.validFrom })),
  }));
}

/** The metric asked for, or the first one the range can show (with a message if the one asked for is unknown). */
export function chosenMetric(metrics: DashboardMetric[], key: string | null, problems: string[]) {
  const found = key ? metrics.find((m) => m.key === key) : undefined;
  if (key && !found) problems.push("The measure in the address is not one of this partnership's, so the first is shown.");
  return found ?? metrics.find((m) => !m.retiredFrom) ?? metrics[0] ?? null;
}
