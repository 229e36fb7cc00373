/**
 * Organisations and prospects as CSV: the download and the upload have the same columns, so a
 * coordinator can download the list, add prospects in a spreadsheet and upload it back. An
 * upload adds organisations it does not know and updates those it does — all rows or none. Names
 * are matched as organisationNameKey reads them, so a file saved by another program, which curls
 * an apostrophe or decomposes an accent, finds the organisations already on the list.
 */
import { z } from "zod";
import { now } from "../platform/clock.server";
import type { Sector } from "../../../db/types";
import { PLEDGE_STATUS_LABELS } from "../pledge/status";
import { organisationPledges } from "../pledge/status.server";
import { listOrganisations } from "../tenancy/organisations.server";
import { organisationNameKey } from "../tenancy/organisation-names";
import { listBoroughs } from "../tenancy/partnerships.server";
import { SECTOR_LABELS, SECTORS, sectorLabel } from "../tenancy/sectors";
import type { Tx } from "../tenancy/with-partnership.server";
import { ORGANISATION_CONTACT_COLUMNS, ORGANISATION_CSV_HEADER } from "./organisation-columns";
import { quoteCell } from "../platform/csv/report";
import { readCsv, type CellResult, type ColumnSpec, type CsvProblem, type CsvRow } from "../platform/csv/read.server";
import { csvText } from "../platform/csv/write.server";

const COUNTY_WIDE = "County-wide";

const fail = (message: string): CellResult<never> => ({ ok: false, message });

function nameOf(name: string): CellResult<string> {
  if (!name) return fail("Enter the organisation's name");
  return name.length > 200 ? fail(`${quoteCell(name)} is ${name.length} characters long: a name must be 200 characters or fewer`) : { ok: true, value: name };
}

const sectorKey = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .replace(/&/g, "and");

function sectorOf(value: string): CellResult<Sector> {
  const v = sectorKey(value);
  const found = SECTORS.find((s) => sectorKey(s) === v || sectorKey(SECTOR_LABELS[s]) === v);
  return found ? { ok: true, value: found } : fail(`${quoteCell(value)} is not a sector: enter one of ${SECTORS.map((s) => SECTOR_LABELS[s]).join(", ")}`);
}

function yesNo(value: string): CellResult<boolean> {
  const v = value.trim().toLowerCase();
  if (["", "no", "n", "false", "0"].includes(v)) return { ok: true, value: false };
  if (["yes", "y", "true", "1"].includes(v)) return { ok: true, value: true };
  return fail(`${quoteCell(value)} is not yes or no: enter yes or no`);
}

function website(value: string): CellResult<string | null> {
  if (!value) return { ok: true, value: null };
  if (value.length > 300) return fail(`${quoteCell(value)} is too long: a website address must be 300 characters or fewer`);
  try {
    const url = new URL(value);
    if (url.protocol === "https:" || url.protocol === "http:") return { ok: true, value: url.toString() };
  } catch {
    // falls through to the message
  }
  return fail(`${quoteCell(value)} is not a website address: enter one starting with https://`);
}

function contactName(value: string): CellResult<string | null> {
  if (!value) return { ok: true, value: null };
  return value.length > 200 ? fail(`${quoteCell(value)} is ${value.length} characters long: a contact's name must be 200 characters or fewer`) : { ok: true, value };
}

const EMAIL = z.string().max(254).email();

function contactEmail(value: string): CellResult<string | null> {
  if (!value) return { ok: true, value: null };
  // A spreadsheet's mailto: link pastes as its address with the scheme in front.
  const address = value.replace(/^mailto:/i, "").trim();
  return EMAIL.safeParse(address).success ? { ok: true, value: address } : fail(`${quoteCell(value)} is not an email address: enter one like name@example.org, or leave it blank`);
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
}

/** `ignored`: the file's columns this upload does not take, skipped. */
export type ImportResult = { ok: true; summary: ImportSummary; ignored: string[] } | { ok: false; problems: CsvProblem[]; ignored: string[] };

function sameNames(rows: CsvRow[]): CsvProblem[] {
  const seen = new Map<string, number>();
  const problems: CsvProblem[] = [];
  for (const r of rows) {
    const name = String(r.values.name ?? "");
    const key = organisationNameKey(name);
    if (!key) continue;
    if (seen.has(key)) problems.push({ row: r.row, column: "name", message: `${quoteCell(name)} is the same organisation as row ${seen.get(key)}`, value: name });
    else seen.set(key, r.row);
  }
  return problems;
}

/** Checks the whole file, then writes every row in the caller's transaction, or none. */
export async function importOrganisations(tx: Tx, { partnershipId, csv }: { partnershipId: string; csv: string }): Promise<ImportResult> {
  const boroughs = await listBoroughs(tx, { partnershipId });
  const boroughOf = (value: string): CellResult<string | null> => {
    const v = value.trim().toLowerCase();
    if (!v || v === COUNTY_WIDE.toLowerCase()) return { ok: true, value: null };
    const found = boroughs.find((b) => b.name.toLowerCase() === v || b.ons_code.toLowerCase() === v);
    return found
      ? { ok: true, value: found.id }
      : fail(`${quoteCell(value)} is not a borough of this partnership: enter one of ${boroughs.map((b) => b.name).join(", ")}, or ${COUNTY_WIDE}`);
  };
  const columns: ColumnSpec[] = [
    { name: "name", required: true, parse: nameOf },
    { name: "sector", required: true, parse: sectorOf },
    { name: "borough", parse: boroughOf },
    { name: "statutory", parse: yesNo },
    { name: "website", parse: website },
    { name: "contact_name", parse: contactName },
    { name: "contact_email", parse: contactEmail },
    // In the download for reading; pledge status comes from signatures, never from a file.
    { name: "pledge_status", parse: () => ({ ok: true, value: null }) },
  ];
  const checked = readCsv(csv, { columns });
  const problems = [...checked.problems, ...sameNames(checked.rows)].sort((a, b) => a.row - b.row);
  if (problems.length) return { ok: false, problems, ignored: checked.ignored };

  const existing = await tx
    .selectFrom("organisations")
    .select(["id", "name", "sector", "borough_id", "is_statutory", "website", "contact_name", "contact_email"])
    .where("partnership_id", "=", partnershipId)
    .execute();
  const byName = new Map(existing.map((o) => [organisationNameKey(o.name), o]));
  const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0 };
  for (const { values } of checked.rows) {
    const name = values.name as string;
    const found = byName.get(organisationNameKey(name));
    const next = {
      // A name that differs only as organisationNameKey ignores is the same name: the stored one stays.
      name: found?.name ?? name,
      sector: values.sector as Sector,
      borough_id: "borough" in values ? (values.borough as string | null) : (found?.borough_id ?? null),
      is_statutory: "statutory" in values ? (values.statutory as boolean) : (found?.is_statutory ?? false),
      website: "website" in values ? (values.website as string | null) : (found?.website ?? null),
      contact_name: "contact_name" in values ? (values.contact_name as string | null) : (found?.contact_name ?? null),
      contact_email: "contact_email" in values ? (values.contact_email as string | null) : (found?.contact_email ?? null),
    };
    if (!found) {
      await tx
        .insertInto("organisations")
        .values({ partnership_id: partnershipId, ...next })
        .execute();
      summary.added++;
      continue;
    }
    const same =
      found.name === next.name &&
      found.sector === next.sector &&
      found.borough_id === next.borough_id &&
      found.is_statutory === next.is_statutory &&
      found.website === next.website &&
      found.contact_name === next.contact_name &&
      found.contact_email === next.contact_email;
    if (same) {
      summary.unchanged++;
      continue;
    }
    await tx
      .updateTable("organisations")
      .set({ ...next, updated_at: now() })
      .where("partnership_id", "=", partnershipId)
      .where("id", "=", found.id)
      .execute();
    summary.updated++;
  }
  return { ok: true, summary, ignored: checked.ignored };
}

/** The organisations as CSV, in the upload's shape (pledge_status is for reading; uploads ignore it). */
export async function organisationsCsv(
  tx: Tx,
  { partnershipId, on, boroughId, contacts = false }: { partnershipId: string; on: string; boroughId?: string | null; contacts?: boolean },
) {
  const [organisations, pledges] = await Promise.all([listOrganisations(tx, { partnershipId, boroughId }), organisationPledges(tx, { partnershipId, on })]);
  const extras = new Map(
    (await tx.selectFrom("organisations").select(["id", "website", "contact_name", "contact_email"]).where("partnership_id", "=", partnershipId).execute()).map((o) => [o.id, o]),
  );
  return csvText(
    contacts ? [...ORGANISATION_CSV_HEADER, ...ORGANISATION_CONTACT_COLUMNS] : ORGANISATION_CSV_HEADER,
    organisations.map((o) => [
      o.name,
      sectorLabel(o.sector),
      o.borough_name ?? COUNTY_WIDE,
      o.is_statutory ? "yes" : "no",
      extras.get(o.id)?.website ?? "",
      PLEDGE_STATUS_LABELS[pledges.get(o.id)?.status ?? "prospect"],
      ...(contacts ? [extras.get(o.id)?.contact_name ?? "", extras.get(o.id)?.contact_email ?? ""] : []),
    ]),
  );
}
