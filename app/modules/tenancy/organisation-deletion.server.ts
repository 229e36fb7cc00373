/**
 * Undoing an organisation created by mistake. Only one with no history can go: no quarterly
 * return (draft or not), no pledge signature or withdrawal, no champion, no place in the delivery
 * plan. One with history is marked as left instead, so what it did stays counted. The database
 * refuses the delete too (migration 2026_12_04_50); the audit trail records it like any change.
 */
import type { Tx } from "./with-partnership.server";

type Scope = { partnershipId: string; organisationId: string };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Why the organisation cannot be deleted, in words ("2 quarterly returns"); empty when it can. */
export async function organisationHistory(tx: Tx, { partnershipId, organisationId }: Scope): Promise<string[]> {
  const count = (table: "quarterly_returns" | "pledge_signatures" | "pledge_withdrawals" | "champions" | "plan_action_supporters") =>
    tx
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .where("partnership_id", "=", partnershipId)
      .where("organisation_id", "=", organisationId)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  const leads = tx
    .selectFrom("plan_actions")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .where("partnership_id", "=", partnershipId)
    .where("lead_organisation_id", "=", organisationId)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
  const [returns, signatures, withdrawals, champions, supports, led] = await Promise.all([
    count("quarterly_returns"),
    count("pledge_signatures"),
    count("pledge_withdrawals"),
    count("champions"),
    count("plan_action_supporters"),
    leads,
  ]);
  return [
    returns ? plural(returns, "quarterly return", "quarterly returns") : "",
    signatures ? plural(signatures, "pledge signature", "pledge signatures") : "",
    withdrawals ? plural(withdrawals, "pledge withdrawal", "pledge withdrawals") : "",
    champions ? plural(champions, "champion", "champions") : "",
    led + supports ? plural(led + supports, "delivery plan action", "delivery plan actions") : "",
  ].filter(Boolean);
}

export type DeleteResult = { ok: true; name: string } | { ok: false; reason: "not-found" } | { ok: false; reason: "history"; history: string[] };

export async function deleteOrganisation(tx: Tx, scope: Scope): Promise<DeleteResult> {
  const history = await organisationHistory(tx, scope);
  if (history.length) return { ok: false, reason: "history", history };
  const deleted = await tx
    .deleteFrom("organisations")
    .where("partnership_id", "=", scope.partnershipId)
    .where("id", "=", scope.organisationId)
    .returning("name")
    .executeTakeFirst();
  return deleted ? { ok: true, name: deleted.name } : { ok: false, reason: "not-found" };
}

/** "2 quarterly returns and 1 champion". */
export function historyInWords(history: string[]): string {
  return history.length > 1 ? `${history.slice(0, -1).join(", ")} and ${history.at(-1)}` : (history[0] ?? "");
}
