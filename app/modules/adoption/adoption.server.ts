/**
 * Adoption of the pledge across a partnership, for coordinators and boards: who has signed by
 * borough and by sector (and the borough × sector grid, gaps visible), renewals due, lapses,
 * champion vacancies and champions by training level. Every table is TableData, so the page and
 * its CSV downloads hold the same rows.
 */
import { championsOf } from "../champions/champions.server";
import { TRAINING_LABELS, TRAINING_LEVELS, accreditationNeedsAttention } from "../champions/training";
import type { TableData } from "../exports/table";
import { isCurrent, type PledgeStatus } from "../pledge/status";
import { organisationPledges } from "../pledge/status.server";
import { addDays } from "../reporting/periods";
import { listOrganisations } from "../tenancy/organisations.server";
import { listBoroughs } from "../tenancy/partnerships.server";
import { SECTORS, sectorLabel } from "../tenancy/sectors";
import type { Tx } from "../tenancy/with-partnership.server";

export interface AdoptionOrganisation {
  id: string;
  name: string;
  sector: string;
  borough: string;
  status: PledgeStatus;
  signedOn: string | null;
  validUntil: string | null;
  champions: number;
  lastChampionLeft: string | null;
}

const COUNTY_WIDE = "County-wide";

export async function adoptionFacts(tx: Tx, { partnershipId, on, boroughId }: { partnershipId: string; on: string; boroughId?: string | null }) {
  const [organisations, pledges, boroughs] = await Promise.all([
    listOrganisations(tx, { partnershipId, boroughId }),
    organisationPledges(tx, { partnershipId, on }),
    listBoroughs(tx, { partnershipId }),
  ]);
  const ids = organisations.map((o) => o.id);
  const champions = await championsOf(tx, { partnershipId, organisationIds: ids });
  const rows: AdoptionOrganisation[] = organisations.map((o) => {
    const pledge = pledges.get(o.id);
    const own = champions.filter((c) => c.organisationId === o.id);
    return {
      id: o.id,
      name: o.name,
      sector: o.sector,
      borough: o.borough_name ?? COUNTY_WIDE,
      status: pledge?.status ?? "prospect",
      signedOn: pledge?.signature?.signedOn ?? null,
      validUntil: pledge?.signature?.validUntil ?? null,
      champions: own.filter((c) => !c.leftOn).length,
      lastChampionLeft:
        own
          .map((c) => c.leftOn)
          .filter((d): d is string => Boolean(d))
          .sort()
          .at(-1) ?? null,
    };
  });
  const boroughNames = [...boroughs.filter((b) => !boroughId || b.id === boroughId).map((b) => b.name), COUNTY_WIDE];
  const currentChampions = champions.filter((c) => !c.leftOn);
  return { organisations: rows, boroughNames, champions: currentChampions, on };
}

type Facts = Awaited<ReturnType<typeof adoptionFacts>>;

const countColumns = [
  { key: "organisations", header: "Organisations", numeric: true },
  { key: "signed", header: "Signed", numeric: true },
  { key: "renewal_due", header: "Renewal due", numeric: true },
  { key: "lapsed", header: "Lapsed", numeric: true },
  { key: "withdrawn", header: "Withdrawn", numeric: true },
  { key: "prospect", header: "Prospects", numeric: true },
  { key: "percent", header: "Signed (%)", numeric: true },
];

function counts(orgs: AdoptionOrganisation[]) {
  const n = (s: PledgeStatus) => orgs.filter((o) => o.status === s).length;
  const current = orgs.filter((o) => isCurrent(o.status)).length;
  return {
    organisations: orgs.length,
    signed: current,
    renewal_due: n("renewal_due"),
    lapsed: n("lapsed"),
    withdrawn: n("withdrawn"),
    prospect: n("prospect"),
    percent: orgs.length ? Math.round((100 * current) / orgs.length) : 0,
  };
}

const orgColumns = [
  { key: "name", header: "Organisation" },
  { key: "borough", header: "Borough" },
  { key: "sector", header: "Sector" },
];
const orgCells = (o: AdoptionOrganisation) => ({ id: o.id, name: o.name, borough: o.borough, sector: sectorLabel(o.sector) });

export function adoptionTables(facts: Facts): TableData[] {
  const { organisations: orgs, on } = facts;
  const sectorsPresent = SECTORS.filter((s) => orgs.some((o) => o.sector === s));
  const byBorough: TableData = {
    id: "by-borough",
    caption: "Signatories by borough",
    columns: [{ key: "borough", header: "Borough" }, ...countColumns],
    rows: facts.boroughNames.map((b) => ({ borough: b, ...counts(orgs.filter((o) => o.borough === b)) })),
  };
  const bySector: TableData = {
    id: "by-sector",
    caption: "Signatories by sector",
    columns: [{ key: "sector", header: "Sector" }, ...countColumns],
    rows: sectorsPresent.map((s) => ({ sector: sectorLabel(s), ...counts(orgs.filter((o) => o.sector === s)) })),
  };
  // Each cell: "signed of organisations"; an empty cell means no organisation of that kind there.
  const grid: TableData = {
    id: "grid",
    caption: "Signed organisations by borough and sector",
    columns: [{ key: "borough", header: "Borough" }, ...sectorsPresent.map((s) => ({ key: s, header: sectorLabel(s), sortable: false }))],
    rows: facts.boroughNames.map((b) => ({
      borough: b,
      ...Object.fromEntries(
        sectorsPresent.map((s) => {
          const here = orgs.filter((o) => o.borough === b && o.sector === s);
          return [s, here.length ? `${here.filter((o) => isCurrent(o.status)).length} of ${here.length}` : null];
        }),
      ),
    })),
  };
  const renewals: TableData = {
    id: "renewals-due",
    caption: "Renewals due",
    columns: [...orgColumns, { key: "valid_until", header: "Valid until" }, { key: "days_left", header: "Days left", numeric: true }],
    rows: orgs
      .filter((o) => o.status === "renewal_due")
      .sort((a, b) => (a.validUntil! < b.validUntil! ? -1 : 1))
      .map((o) => ({ ...orgCells(o), valid_until: o.validUntil, days_left: daysBetween(on, o.validUntil!) })),
  };
  const lapsed: TableData = {
    id: "lapsed",
    caption: "Lapsed",
    columns: [...orgColumns, { key: "lapsed_on", header: "Lapsed on" }],
    rows: orgs.filter((o) => o.status === "lapsed").map((o) => ({ ...orgCells(o), lapsed_on: addDays(o.validUntil!, 1) })),
  };
  const vacancies: TableData = {
    id: "vacancies",
    caption: "Champion vacancies",
    columns: [...orgColumns, { key: "signed_on", header: "Signed on" }, { key: "last_left", header: "Last champion left" }],
    rows: orgs.filter((o) => isCurrent(o.status) && o.champions === 0).map((o) => ({ ...orgCells(o), signed_on: o.signedOn, last_left: o.lastChampionLeft })),
  };
  const training: TableData = {
    id: "training",
    caption: "Champions by training level",
    columns: [
      { key: "level", header: "Training level" },
      { key: "champions", header: "Champions", numeric: true },
      { key: "organisations", header: "Organisations", numeric: true },
      { key: "expiring", header: "Accreditation expiring within 60 days", numeric: true },
    ],
    rows: [...TRAINING_LEVELS].reverse().map((level) => {
      const at = facts.champions.filter((c) => c.training === level);
      return {
        level: TRAINING_LABELS[level],
        champions: at.length,
        organisations: new Set(at.map((c) => c.organisationId)).size,
        expiring: level === "accredited" ? at.filter((c) => accreditationNeedsAttention(c.accreditationExpiresOn, on)).length : null,
      };
    }),
  };
  return [byBorough, bySector, grid, renewals, lapsed, vacancies, training];
}

export function adoptionHeadlines(facts: Facts) {
  const c = counts(facts.organisations);
  return {
    ...c,
    vacancies: facts.organisations.filter((o) => isCurrent(o.status) && o.champions === 0).length,
    champions: facts.champions.length,
  };
}

function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
