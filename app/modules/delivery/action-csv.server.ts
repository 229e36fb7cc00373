/**
 * A plan's actions as CSV, downloaded and uploaded in the same shape. Organisations, boroughs
 * and themes are written by name, so the file reads well in a spreadsheet. An upload changes the
 * actions whose reference it names and adds the rows with no reference — all of them, or none.
 */
import type { Tx } from "../tenancy/with-partnership.server";
import { ActionFields, type ActionInput } from "./action-forms.server";
import { createAction, editAction, planChoices, type PlanChoices } from "./actions.server";
import { csvText } from "../platform/csv/write.server";
import { csvDate, ImportConflict, CsvProblems, listCell, readCsvTable, type CsvColumn, type CsvProblem } from "./plan-csv.server";
import type { PlanRecord } from "./plan-view";
import { compareReferences } from "./plan-view";
import { loadPlan } from "./plans.server";
import { organisationNameKey } from "../tenancy/organisation-names";
import { quoteCell } from "../platform/csv/report";

type Key = "reference" | "theme" | "title" | "description" | "lead" | "supporting" | "boroughs" | "startOn" | "dueOn" | "successMeasure" | "weight";

export const ACTION_COLUMNS: Array<CsvColumn<Key>> = [
  { key: "reference", label: "Reference", required: true },
  { key: "theme", label: "Theme", required: true },
  { key: "title", label: "Action", required: true },
  { key: "description", label: "Description", required: false },
  { key: "lead", label: "Lead organisation", required: true },
  { key: "supporting", label: "Supporting organisations", required: false },
  { key: "boroughs", label: "Boroughs", required: false },
  { key: "startOn", label: "Start date", required: true },
  { key: "dueOn", label: "Due date", required: true },
  { key: "successMeasure", label: "Success measure", required: false },
  { key: "weight", label: "Weight", required: false },
];

const WHOLE = "Whole partnership";

export function actionsCsv(plan: PlanRecord, only?: (action: PlanRecord["actions"][number]) => boolean) {
  const theme = new Map(plan.themes.map((t) => [t.id, t.name]));
  const actions = plan.actions.filter((a) => !only || only(a)).sort((a, b) => compareReferences(a.reference, b.reference));
  return csvText(
    ACTION_COLUMNS.map((c) => c.label),
    actions.map((a) => [
      a.reference,
      theme.get(a.themeId) ?? "",
      a.title,
      a.description,
      a.lead.name,
      a.supporting.map((s) => s.name).join("; "),
      a.boroughs.length ? a.boroughs.map((b) => b.name).join("; ") : WHOLE,
      a.startOn,
      a.dueOn,
      a.successMeasure,
      a.weight,
    ]),
  );
}

export type ImportResult = { ok: true; added: number; changed: number; unchanged: number; ignored: string[] } | { ok: false; problems: CsvProblem[]; ignored: string[] };

const byName = <T extends { name: string }>(list: T[]) => new Map(list.map((x) => [organisationNameKey(x.name), x]));

function themeOf(text: string, choices: PlanChoices) {
  const wanted = text.trim().toLowerCase();
  return choices.themes.find((t) => t.name.toLowerCase() === wanted || String(t.position) === wanted || `${t.position}. ${t.name}`.toLowerCase() === wanted);
}

export async function importActions(tx: Tx, { partnershipId, planId, text }: { partnershipId: string; planId: string; text: string }): Promise<ImportResult> {
  const table = readCsvTable(text, ACTION_COLUMNS);
  if (!table.ok) return table;
  const plan = await loadPlan(tx, { partnershipId, planId });
  const choices = await planChoices(tx, { partnershipId });
  for (const a of plan.actions) for (const org of [a.lead, ...a.supporting]) if (!choices.organisations.some((o) => o.id === org.id)) choices.organisations.push(org);
  const organisations = byName(choices.organisations);
  const boroughs = byName(choices.boroughs);
  const existing = new Map(plan.actions.map((a) => [a.reference, a]));
  const problems = new CsvProblems<Key>(table.columnOf, table.rows);
  const seen = new Set<string>();
  const planned: Array<{ actionId: string | null; version: number; input: ActionInput }> = [];

  for (const { row, cells } of table.rows) {
    const current = cells.reference ? existing.get(cells.reference) : undefined;
    if (cells.reference && !current) problems.add(row, "reference", `There is no action ${cells.reference} in this plan. Leave the reference blank to add a new action`);
    if (cells.reference && seen.has(cells.reference)) problems.add(row, "reference", `Action ${cells.reference} appears more than once`);
    if (cells.reference) seen.add(cells.reference);
    const theme = themeOf(cells.theme, choices);
    if (!theme) problems.add(row, "theme", `${quoteCell(cells.theme)} is not one of the plan's themes: enter one like “${choices.themes[0].name}”`);
    const lead = organisations.get(organisationNameKey(cells.lead));
    if (!lead) problems.add(row, "lead", cells.lead ? `There is no organisation called “${cells.lead}” in this partnership` : "Enter the lead organisation");
    const supporting = listCell(cells.supporting).map((name) => ({ name, org: organisations.get(organisationNameKey(name)) }));
    for (const s of supporting.filter((s) => !s.org)) problems.add(row, "supporting", `There is no organisation called “${s.name}” in this partnership`);
    if (lead && supporting.some((s) => s.org?.id === lead.id)) problems.add(row, "supporting", "The lead organisation cannot also be a supporting organisation");
    const scoped = cells.boroughs.toLowerCase() === WHOLE.toLowerCase() ? [] : listCell(cells.boroughs).map((name) => ({ name, borough: boroughs.get(organisationNameKey(name)) }));
    for (const b of scoped.filter((b) => !b.borough))
      problems.add(row, "boroughs", `There is no borough called “${b.name}”. Enter “${WHOLE}” or borough names separated by semicolons`);
    const startOn = csvDate(cells.startOn);
    const dueOn = csvDate(cells.dueOn);
    if (!startOn) problems.add(row, "startOn", `${quoteCell(cells.startOn)} is not a date: enter the start date like 2027-04-01`);
    if (!dueOn) problems.add(row, "dueOn", `${quoteCell(cells.dueOn)} is not a date: enter the due date like 2028-03-31`);

    const parsed = ActionFields.safeParse({
      title: cells.title,
      description: cells.description,
      themeId: theme?.id ?? "",
      leadOrganisationId: lead?.id ?? "",
      supportingOrganisationIds: supporting.flatMap((s) => (s.org ? [s.org.id] : [])),
      boroughIds: scoped.flatMap((b) => (b.borough ? [b.borough.id] : [])),
      startOn: startOn ?? "",
      dueOn: dueOn ?? "",
      successMeasure: cells.successMeasure,
      weight: cells.weight || "1",
    });
    if (!parsed.success) {
      // Ids and dates were reported above in the person's own words; report the rest here.
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as string;
        if (["title", "description", "successMeasure", "weight"].includes(key)) problems.add(row, key as Key, issue.message);
        else if (key === "dueOn" && startOn && dueOn) problems.add(row, "dueOn", issue.message);
      }
      continue;
    }
    planned.push({ actionId: current?.id ?? null, version: current?.version ?? 0, input: parsed.data });
  }
  if (problems.list.length) return { ok: false, problems: problems.list, ignored: table.ignored };

  let added = 0;
  let changed = 0;
  for (const item of planned) {
    if (
      item.actionId &&
      unchanged(
        plan.actions.find((a) => a.id === item.actionId)!,
        item.input,
      )
    )
      continue;
    const result = item.actionId
      ? await editAction(tx, { partnershipId, planId, actionId: item.actionId, version: item.version, input: item.input })
      : await createAction(tx, { partnershipId, planId, input: item.input });
    // Checked above in the same transaction: a failure here means someone changed the plan meanwhile.
    if (!result.ok) throw new ImportConflict();
    if (item.actionId) changed += 1;
    else added += 1;
  }
  return { ok: true, added, changed, unchanged: planned.length - added - changed, ignored: table.ignored };
}

function unchanged(a: PlanRecord["actions"][number], input: ActionInput) {
  const same = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join() === [...y].sort().join();
  return (
    a.title === input.title &&
    (a.description ?? null) === input.description &&
    a.themeId === input.themeId &&
    a.lead.id === input.leadOrganisationId &&
    same(
      a.supporting.map((s) => s.id),
      input.supportingOrganisationIds,
    ) &&
    same(
      a.boroughs.map((b) => b.id),
      input.boroughIds,
    ) &&
    a.startOn === input.startOn &&
    a.dueOn === input.dueOn &&
    (a.successMeasure ?? null) === input.successMeasure &&
    a.weight === input.weight
  );
}
