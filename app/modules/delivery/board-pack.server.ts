/**
 * The board pack as a spreadsheet: a Summary sheet (the plan, each theme, adoption and activity)
 * and one sheet per theme listing its actions. Every figure comes from the review's frozen
 * snapshot, so the workbook always matches the printed report.
 */
import ExcelJS from "exceljs";
import { formatDate, formatDateTime } from "./display";
import { ACTION_STATUSES, RAG_LABELS, reviewTitle, STATUS_LABELS, type Rag } from "./plan-terms";
import type { Review } from "./reviews.server";

const RAG_FILL: Record<Rag, string> = { red: "FFF4CCCC", amber: "FFFFF2CC", green: "FFD9EAD3" };

/** Excel sheet names: at most 31 characters, none of []:*?/\ — and unique. */
export function themeSheetName(position: number, name: string): string {
  const clean = `${position} ${name}`
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean.length <= 31 ? clean : `${clean.slice(0, 30).trimEnd()}…`;
}

function heading(sheet: ExcelJS.Worksheet, text: string, size = 12) {
  const row = sheet.addRow([text]);
  row.font = { bold: true, size };
  return row;
}

function header(sheet: ExcelJS.Worksheet, labels: string[]) {
  const row = sheet.addRow(labels);
  row.font = { bold: true };
  row.eachCell((c) => (c.border = { bottom: { style: "thin" } }));
  return row;
}

export async function boardPackWorkbook(review: Review, partnershipName: string): Promise<Buffer> {
  const { snapshot } = review;
  const book = new ExcelJS.Workbook();
  book.creator = "Golden Thread";
  book.created = new Date(snapshot.takenAt);
  const title = reviewTitle(snapshot.plan.financialYear, snapshot.kind);

  const summary = book.addWorksheet("Summary");
  summary.columns = [{ width: 48 }, ...Array.from({ length: 10 }, () => ({ width: 14 }))];
  heading(summary, `${partnershipName}: ${title}`, 14);
  summary.addRow([`The delivery plan as at ${formatDate(snapshot.asAt)} (end of ${snapshot.quarter.label}), frozen on ${formatDateTime(snapshot.takenAt)}`]);
  summary.addRow([]);
  summary.addRow(["Summary", review.summary ?? ""]);
  summary.addRow(["Plan progress (%)", snapshot.plan.progress]);
  summary.addRow(["Actions", snapshot.plan.actions]);
  summary.addRow(["Overdue", snapshot.plan.overdue]);
  summary.addRow([]);
  heading(summary, "Progress by theme");
  header(summary, ["Theme", "Actions", "Progress (%)", ...ACTION_STATUSES.map((s) => STATUS_LABELS[s]), "Overdue"]);
  for (const t of snapshot.themes) summary.addRow([`${t.position}. ${t.name}`, t.actions, t.progress, ...ACTION_STATUSES.map((s) => t.statusCounts[s]), t.overdue]);
  summary.addRow([]);
  const { adoption, activity } = snapshot.figures;
  heading(summary, "Adoption: signatories by borough");
  summary.addRow([adoption.note]);
  header(summary, ["Borough", "Organisations", "Signed", "Statutory partners", "Statutory signed"]);
  for (const b of adoption.byBorough) summary.addRow([b.borough, b.organisations, b.signed, b.statutory, b.statutorySigned]);
  summary.addRow(["All", adoption.organisations, adoption.signed, adoption.statutory, adoption.statutorySigned]).font = { bold: true };
  summary.addRow([]);
  heading(summary, "Adoption: signatories by sector");
  header(summary, ["Sector", "Organisations", "Signed"]);
  for (const s of adoption.bySector) summary.addRow([s.sector, s.organisations, s.signed]);
  summary.addRow([]);
  heading(summary, `Activity in ${snapshot.quarter.label}`);
  summary.addRow([activity.note]);
  if (activity.available) {
    header(summary, ["Measure", "Total", "Organisations reporting", "Not applicable"]);
    for (const t of activity.totals) summary.addRow([t.label, t.value, t.reporting, t.notApplicable]);
  }

  const used = new Set<string>(["Summary"]);
  for (const theme of snapshot.themes) {
    let name = themeSheetName(theme.position, theme.name);
    for (let n = 2; used.has(name); n++) name = `${name.slice(0, 28)} (${n})`;
    used.add(name);
    const sheet = book.addWorksheet(name);
    sheet.columns = [8, 50, 34, 34, 22, 12, 12, 8, 12, 8, 12, 14, 12, 12, 10, 60].map((width) => ({ width }));
    heading(sheet, `${theme.position}. ${theme.name}`, 14);
    sheet.addRow(["Progress (%)", theme.progress]);
    sheet.addRow(["Summary", review.themeSummaries[theme.id] ?? ""]);
    sheet.addRow([]);
    header(sheet, [
      "Ref",
      "Action",
      "Lead organisation",
      "Supporting organisations",
      "Boroughs",
      "Start",
      "Due",
      "Weight",
      "Status",
      "RAG",
      "Progress (%)",
      "Progress from",
      "Milestones done",
      "Milestones",
      "Overdue",
      "Latest commentary",
    ]);
    for (const a of snapshot.actions.filter((x) => x.themeId === theme.id)) {
      const row = sheet.addRow([
        a.reference,
        a.title,
        a.lead,
        a.supporting.join("; "),
        a.boroughs.length ? a.boroughs.join("; ") : "Whole partnership",
        a.startOn,
        a.dueOn,
        a.weight,
        STATUS_LABELS[a.status],
        a.rag ? RAG_LABELS[a.rag] : "",
        a.progress,
        a.progressSource === "milestones" ? "Milestones" : "Entered",
        a.milestonesDone,
        a.milestonesTotal,
        a.overdue ? "Yes" : "No",
        a.commentary ?? "",
      ]);
      if (a.rag) row.getCell(9).fill = { type: "pattern", pattern: "solid", fgColor: { argb: RAG_FILL[a.rag] } };
      row.alignment = { vertical: "top", wrapText: true };
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
