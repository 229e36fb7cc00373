/**
 * Quarterly updates as CSV: every update of the plan, plus a row for this quarter for each action
 * not yet updated, filled in with where it stands — so a coordinator collecting updates by email
 * can type them into one sheet. Upload records every changed row, or nothing.
 */
import { sql } from "kysely";
import { now } from "../platform/clock.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { parseQuarterKey, quarterOf, type Quarter } from "../reporting/periods";
import { csvText } from "../platform/csv/write.server";
import { CsvProblems, ImportConflict, readCsvTable, type CsvColumn, type CsvProblem } from "./plan-csv.server";
import { STATUS_LABELS, statusFromLabel, updateQuarters, type ActionStatus } from "./plan-terms";
import { compareReferences, type ActionRecord, type PlanRecord } from "./plan-view";
import { loadPlan } from "./plans.server";
import { actionStanding } from "./progress";
import { checkUpdate, writeUpdate, type UpdateInput } from "./updates.server";
import { quoteCell } from "../platform/csv/report";

type Key = "reference" | "title" | "quarter" | "status" | "progress" | "commentary";

export const UPDATE_COLUMNS: Array<CsvColumn<Key>> = [
  { key: "reference", label: "Reference", required: true },
  { key: "title", label: "Action", required: false },
  { key: "quarter", label: "Quarter", required: true },
  { key: "status", label: "Status", required: true },
  { key: "progress", label: "Progress (%)", required: true },
  { key: "commentary", label: "Commentary", required: false },
];

export function updatesCsv(plan: PlanRecord, today: string, only?: (action: ActionRecord) => boolean) {
  const current = updateQuarters(plan.financialYear, today).at(-1);
  const rows: Array<Array<string | number | null>> = [];
  const actions = plan.actions.filter((a) => !only || only(a)).sort((a, b) => compareReferences(a.reference, b.reference));
  for (const a of actions) {
    for (const u of [...a.updates].sort((x, y) => x.quarter.localeCompare(y.quarter))) {
      rows.push([a.reference, a.title, parseQuarterKey(u.quarter)!.label, STATUS_LABELS[u.status], u.progress, u.commentary]);
    }
    if (current && !a.updates.some((u) => u.quarter === current.key)) {
      const standing = actionStanding(a, today);
      rows.push([a.reference, a.title, current.label, STATUS_LABELS[standing.status], a.milestones.length ? null : Math.round(standing.progress), null]);
    }
  }
  return csvText(
    UPDATE_COLUMNS.map((c) => c.label),
    rows,
  );
}

function quarterFromCell(text: string): Quarter | null {
  const label = /^(\d{4})\/\d{2}\s*Q([1-4])$/i.exec(text.trim());
  return parseQuarterKey(label ? `${label[1]}Q${label[2]}` : text.trim().toUpperCase());
}

export type UpdateImportResult = { ok: true; recorded: number; unchanged: number; ignored: string[] } | { ok: false; problems: CsvProblem[]; ignored: string[] };

export async function importUpdates(
  tx: Tx,
  { partnershipId, planId, userId, financialYear, today, text }: { partnershipId: string; planId: string; userId: string; financialYear: number; today: string; text: string },
): Promise<UpdateImportResult> {
  const table = readCsvTable(text, UPDATE_COLUMNS);
  if (!table.ok) return table;
  const plan = await loadPlan(tx, { partnershipId, planId });
  const actions = new Map(plan.actions.map((a) => [a.reference, a]));
  const problems = new CsvProblems<Key>(table.columnOf, table.rows);
  const seen = new Set<string>();
  const planned: Array<{ action: ActionRecord; input: UpdateInput }> = [];
  const FIELD_COLUMN: Record<string, Key> = { quarter: "quarter", status: "status", progress: "progress" };

  for (const { row, cells } of table.rows) {
    const action = actions.get(cells.reference);
    if (!action) problems.add(row, "reference", cells.reference ? `There is no action ${cells.reference} in this plan` : "Enter the action's reference, like 1.2");
    const quarter = quarterFromCell(cells.quarter);
    if (!quarter) problems.add(row, "quarter", `${quoteCell(cells.quarter)} is not a quarter: enter it like “${quarterOf(today).label}”`);
    const status = statusFromLabel(cells.status);
    if (!status) problems.add(row, "status", `${quoteCell(cells.status)} is not a status: enter one of ${Object.values(STATUS_LABELS).join(", ")}`);
    const progressOk = cells.progress === "" || /^\d{1,3}$/.test(cells.progress);
    const progress = cells.progress === "" || !progressOk ? null : Number(cells.progress);
    if (!progressOk || (progress !== null && progress > 100))
      problems.add(row, "progress", `${quoteCell(cells.progress)} is not a percentage: enter progress as a whole number from 0 to 100`);
    if (action && action.milestones.length && progress !== null)
      problems.add(row, "progress", `The progress of ${action.reference} comes from its milestones: leave this cell blank`);
    if (cells.commentary.length > 4000) problems.add(row, "commentary", "Commentary must be 4000 characters or fewer");
    if (!action || !quarter || !status || !progressOk) continue;
    const key = `${action.reference} ${quarter.key}`;
    if (seen.has(key)) problems.add(row, "quarter", `There is already a row for ${action.reference} in ${quarter.label}`);
    seen.add(key);
    const input: UpdateInput = { quarter: quarter.key, status, progress: action.milestones.length ? null : progress, commentary: cells.commentary || null, milestonesDone: {} };
    const errors = checkUpdate(action, input, { financialYear, today });
    for (const [field, message] of Object.entries(errors)) problems.add(row, FIELD_COLUMN[field] ?? null, message);
    if (Object.keys(errors).length === 0) planned.push({ action, input });
  }
  if (problems.list.length) return { ok: false, problems: problems.list, ignored: table.ignored };

  const changed = planned.filter(({ action, input }) => !leftAsDownloaded(action, input, today));
  const touched = [...new Set(changed.map((c) => c.action.id))];
  if (touched.length) {
    // Anyone with one of these actions open in a form will be told it changed.
    const bumped = await tx
      .updateTable("plan_actions")
      .set({ version: sql`version + 1`, updated_at: now() })
      .where("partnership_id", "=", partnershipId)
      .where("id", "in", touched)
      .returning("id")
      .execute();
    if (bumped.length !== touched.length) throw new ImportConflict();
  }
  for (const { action, input } of changed) await writeUpdate(tx, { partnershipId, action, userId, input });
  return { ok: true, recorded: changed.length, unchanged: planned.length - changed.length, ignored: table.ignored };
}

/** True for a row that says what is already recorded, or that is this quarter's row as downloaded. */
function leftAsDownloaded(action: ActionRecord, input: UpdateInput, today: string): boolean {
  const existing = action.updates.find((u) => u.quarter === input.quarter);
  if (existing) return existing.status === input.status && existing.progress === input.progress && (existing.commentary ?? null) === input.commentary;
  const standing = actionStanding(action, today);
  const progress = action.milestones.length ? null : Math.round(standing.progress);
  return input.commentary === null && input.status === (standing.status as ActionStatus) && input.progress === progress;
}
