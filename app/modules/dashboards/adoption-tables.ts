/**
 * Adoption, champions and returns completeness as tables (and the charts of them), from the
 * scope's organisation facts. Pledge status is derived for each day asked (pledge/status.ts), so
 * "signed at the end of a quarter" is what the history says it was then.
 */
import { TRAINING_LABELS, TRAINING_LEVELS } from "../champions/training";
import type { TableData } from "../exports/table";
import { isCurrentOn } from "../pledge/status";
import { dueDate, type Quarter } from "../reporting/periods";
import { longDate } from "../returns/calendar";
import { completenessCounts } from "../returns/completeness";
import { countsForFigures } from "../returns/status";
import { sectorLabel, SECTORS } from "../tenancy/sectors";
import { chartOf, NEUTRAL, PALETTE, REMAINDER, type ChartSpec } from "./chart-spec";
import type { OrganisationFacts, ReturnFact, ScopeFacts } from "./facts.server";

export interface Group {
  key: string;
  label: string;
  /** Its own dashboard, if it has one (a borough's). */
  href?: string;
  includes: (o: OrganisationFacts) => boolean;
}

export const COUNTY_WIDE_LABEL = "County-wide";

// Every table asks the same organisations about the same few days: derive each status once per page.
const statusByDay = new WeakMap<OrganisationFacts, Map<string, boolean>>();
export function signedOn(o: OrganisationFacts, day: string): boolean {
  let days = statusByDay.get(o);
  if (!days) statusByDay.set(o, (days = new Map()));
  let signed = days.get(day);
  if (signed === undefined) days.set(day, (signed = isCurrentOn(o.events, day, o.leftOn)));
  return signed;
}

/**
 * Those of `orgs` signed on `day`, worked out once per list and day: the lists given are kept with
 * the facts (a borough's organisations, a group's members), so after a return the completeness and
 * the return rates count only returns, not every organisation's pledge status again.
 */
const signedByDay = new WeakMap<OrganisationFacts[], Map<string, OrganisationFacts[]>>();
export function signedAmong(orgs: OrganisationFacts[], day: string): OrganisationFacts[] {
  let days = signedByDay.get(orgs);
  if (!days) signedByDay.set(orgs, (days = new Map()));
  let signed = days.get(day);
  if (!signed) {
    if (days.size >= 32) days.clear();
    days.set(day, (signed = orgs.filter((o) => signedOn(o, day))));
  }
  return signed;
}

/** The boroughs of the partnership and county-wide organisations, as groups. */
export function boroughGroups(facts: ScopeFacts, href: (boroughId: string) => string): Group[] {
  return [
    ...facts.boroughs.map((b) => ({ key: b.id, label: b.name, href: href(b.id), includes: (o: OrganisationFacts) => o.boroughId === b.id })),
    { key: "county-wide", label: COUNTY_WIDE_LABEL, includes: (o: OrganisationFacts) => o.boroughId === null },
  ];
}

/** The sectors present among the scope's organisations. */
export function sectorGroups(facts: ScopeFacts): Group[] {
  return SECTORS.filter((s) => facts.organisations.some((o) => o.sector === s)).map((s) => ({ key: s, label: sectorLabel(s), includes: (o: OrganisationFacts) => o.sector === s }));
}

const percent = (part: number, whole: number) => (whole ? Math.round((100 * part) / whole) : null);

export function signaturesOverTime(facts: ScopeFacts, quarters: Quarter[], today: string): { table: TableData; chart: ChartSpec } {
  const table: TableData = {
    id: "signatures",
    caption: "Signatures over time",
    columns: [
      { key: "quarter", header: "Quarter" },
      { key: "signatures", header: "Signatures made (new and renewed)", numeric: true },
      { key: "signed", header: "Organisations signed at quarter end", numeric: true },
    ],
    rows: quarters.map((q) => {
      const day = q.end < today ? q.end : today;
      let signatures = 0;
      let signed = 0;
      for (const o of facts.organisations) {
        for (const e of o.events) if (e.kind === "signature" && e.on >= q.start && e.on <= q.end) signatures++;
        if (signedOn(o, day)) signed++;
      }
      return { quarter: q.label, signatures, signed };
    }),
  };
  const chart = chartOf(table, {
    category: "quarter",
    series: [
      { key: "signatures", label: "Signatures made", colour: PALETTE[1] },
      { key: "signed", label: "Organisations signed at quarter end", colour: PALETTE[0], kind: "line" },
    ],
  });
  return { table, chart };
}

export function adoptionByGroup(facts: ScopeFacts, groups: Group[], today: string, { id, caption, header }: { id: string; caption: string; header: string }) {
  const table: TableData = {
    id,
    caption,
    columns: [
      { key: "group", header },
      { key: "organisations", header: "Organisations", numeric: true },
      { key: "signed", header: "Signed", numeric: true },
      { key: "not_signed", header: "Not signed", numeric: true },
      { key: "percent", header: "Signed (%)", numeric: true },
      { key: "statutory", header: "Statutory partners signed" },
    ],
    rows: groups
      .map((g) => {
        const orgs = facts.organisations.filter(g.includes);
        const signed = orgs.filter((o) => signedOn(o, today)).length;
        const statutory = orgs.filter((o) => o.statutory);
        return {
          id: g.href ? g.key : null,
          group: g.label,
          organisations: orgs.length,
          signed,
          not_signed: orgs.length - signed,
          percent: percent(signed, orgs.length),
          statutory: statutory.length ? `${statutory.filter((o) => signedOn(o, today)).length} of ${statutory.length}` : "None",
        };
      })
      .filter((r) => r.organisations > 0),
  };
  const chart = chartOf(table, {
    category: "group",
    horizontal: true,
    stacked: true,
    series: [
      { key: "signed", label: "Signed", colour: PALETTE[0] },
      { key: "not_signed", label: "Not signed", colour: REMAINDER },
    ],
  });
  return { table, chart };
}

/**
 * Each cell: signed organisations of that sector in that borough out of all of them; blank where
 * there are none, so gaps show. Sectors down the side and boroughs across, so it fits a page.
 */
export function adoptionGrid(facts: ScopeFacts, groups: Group[], today: string): TableData {
  // One pass over the organisations: each counted in its sector's cell of every group it is in.
  const cells = new Map<string, { signed: number; all: number }>();
  const present = new Set<string>();
  for (const o of facts.organisations) {
    const signed = signedOn(o, today);
    for (const g of groups) {
      if (!g.includes(o)) continue;
      present.add(g.key);
      const key = `${o.sector}|${g.key}`;
      const cell = cells.get(key) ?? { signed: 0, all: 0 };
      cell.all++;
      if (signed) cell.signed++;
      cells.set(key, cell);
    }
  }
  const shown = groups.filter((g) => present.has(g.key));
  return {
    id: "grid",
    caption: "Signed organisations by sector and borough",
    columns: [{ key: "sector", header: "Sector" }, ...shown.map((g) => ({ key: `g:${g.key}`, header: g.label, sortable: false }))],
    rows: sectorGroups(facts).map((s) => ({
      sector: s.label,
      ...Object.fromEntries(
        shown.map((g) => {
          const cell = cells.get(`${s.key}|${g.key}`);
          return [`g:${g.key}`, cell ? `${cell.signed} of ${cell.all}` : null];
        }),
      ),
    })),
  };
}

export function championsByGroup(facts: ScopeFacts, groups: Group[], today: string, header: string) {
  const levels = [...TRAINING_LEVELS].reverse();
  const table: TableData = {
    id: "champions",
    caption: "RJ champions and their training",
    columns: [
      { key: "group", header },
      { key: "champions", header: "Champions", numeric: true },
      ...levels.map((l) => ({ key: l, header: TRAINING_LABELS[l], numeric: true })),
      { key: "vacancies", header: "Signatories without a champion", numeric: true },
    ],
    rows: groups
      .map((g) => {
        const orgs = facts.organisations.filter(g.includes);
        const champions = orgs.flatMap((o) => o.champions);
        return {
          id: g.key,
          group: g.label,
          champions: champions.length,
          ...Object.fromEntries(levels.map((l) => [l, champions.filter((c) => c.training === l).length])),
          vacancies: orgs.filter((o) => signedOn(o, today) && o.champions.length === 0).length,
          organisations: orgs.length,
        };
      })
      .filter((r) => r.organisations > 0)
      .map(({ organisations: _o, ...r }) => r),
  };
  const chart = chartOf(table, {
    category: "group",
    horizontal: true,
    stacked: true,
    series: levels.map((l, i) => ({ key: l, label: TRAINING_LABELS[l], colour: [PALETTE[2], PALETTE[0], PALETTE[4], REMAINDER][i] })),
  });
  return { table, chart };
}

/** Each group's organisations, worked out once per facts and groups (both are kept between returns: facts.server.ts). */
const memberLists = new WeakMap<Group[], WeakMap<ScopeFacts, OrganisationFacts[][]>>();
function membersOf(facts: ScopeFacts, groups: Group[]): OrganisationFacts[][] {
  let byFacts = memberLists.get(groups);
  if (!byFacts) memberLists.set(groups, (byFacts = new WeakMap()));
  let members = byFacts.get(facts);
  if (!members) byFacts.set(facts, (members = groups.map((g) => facts.organisations.filter(g.includes))));
  return members;
}

/** Completeness and timeliness of one quarter's returns per group (returns/completeness.ts rules). */
export function completenessByGroup(facts: ScopeFacts, returns: ReturnFact[], quarter: Quarter, deadlineDays: number, groups: Group[], header: string) {
  const dueOn = dueDate(quarter, deadlineDays);
  const byOrg = returnIndex(returns).get(quarter.key) ?? new Map<string, ReturnFact>();
  const members = membersOf(facts, groups);
  // Only those signed at the quarter's end are expected (completenessCounts counts no other).
  const rowsFor = (orgs: OrganisationFacts[]) =>
    signedAmong(orgs, quarter.end).map((o) => {
      const r = byOrg.get(o.id);
      return { expected: true, status: r?.status ?? null, firstSubmittedAt: r?.firstSubmittedAt ?? null };
    });
  const table: TableData = {
    id: "completeness",
    caption: `Returns for ${quarter.label}: completeness and timeliness (due ${longDate(dueOn)})`,
    columns: [
      { key: "group", header },
      { key: "expected", header: "Expected", numeric: true },
      { key: "on_time", header: "On time", numeric: true },
      { key: "late", header: "Late", numeric: true },
      { key: "missing", header: "Missing", numeric: true },
      { key: "percent", header: "Complete (%)", numeric: true },
    ],
    rows: groups
      .map((g, i) => {
        const total = completenessCounts(rowsFor(members[i]), dueOn);
        return { id: g.key, group: g.label, expected: total.expected, on_time: total.onTime, late: total.late, missing: total.missing, percent: total.percent };
      })
      .filter((r) => r.expected > 0),
  };
  const chart = chartOf(table, {
    category: "group",
    horizontal: true,
    stacked: true,
    series: [
      { key: "on_time", label: "On time", colour: PALETTE[0] },
      { key: "late", label: "Late", colour: PALETTE[1] },
      { key: "missing", label: "Missing", colour: NEUTRAL },
    ],
  });
  return { table, chart, dueOn };
}

// Each borough's rate reads the same returns: index them by quarter and organisation once per page,
// and each kept quarter of them (facts.server.ts) once for as long as it is kept.
const indexes = new WeakMap<ReturnFact[], Map<string, Map<string, ReturnFact>>>();
function indexOf(returns: ReturnFact[]) {
  let index = indexes.get(returns);
  if (!index) {
    index = new Map();
    for (const r of returns) {
      let byOrg = index.get(r.quarter);
      if (!byOrg) index.set(r.quarter, (byOrg = new Map()));
      byOrg.set(r.organisationId, r);
    }
    indexes.set(returns, index);
  }
  return index;
}
const partsJoined = new WeakMap<ReturnFact[], ReturnFact[][]>();
/** Returns kept per quarter, joined into one list that remembers its parts (so each part's index is kept with it). */
export function joinedReturns(parts: ReturnFact[][]): ReturnFact[] {
  const all = ([] as ReturnFact[]).concat(...parts);
  partsJoined.set(all, parts);
  return all;
}
export function returnIndex(returns: ReturnFact[]) {
  const parts = partsJoined.get(returns) ?? [returns];
  if (parts.length === 1) return indexOf(parts[0]);
  let index = indexes.get(returns);
  if (!index) {
    index = new Map();
    for (const part of parts) for (const [quarter, byOrg] of indexOf(part)) index.set(quarter, byOrg);
    indexes.set(returns, index);
  }
  return index;
}

// How many of a list have a return that counts in one quarter's index: kept per index and list, both
// kept while their quarter's returns and the facts are (so after a return only its quarter is counted again).
const counted = new WeakMap<Map<string, ReturnFact>, WeakMap<OrganisationFacts[], number>>();
function countedAmong(byOrg: Map<string, ReturnFact>, orgs: OrganisationFacts[]) {
  let byList = counted.get(byOrg);
  if (!byList) counted.set(byOrg, (byList = new WeakMap()));
  let n = byList.get(orgs);
  if (n === undefined) {
    n = 0;
    for (const o of orgs) if (countsForFigures(byOrg.get(o.id)?.status)) n++;
    byList.set(orgs, n);
  }
  return n;
}

/** Submitted returns as a share of those expected, over some quarters, for some organisations. */
export function returnRate(orgs: OrganisationFacts[], returns: ReturnFact[], quarters: Quarter[]) {
  let expected = 0;
  let submitted = 0;
  const index = returnIndex(returns);
  // completenessCounts' counting without its timeliness (a rate does not ask when): every
  // organisation signed at the quarter's end is expected, and submitted if its return counts.
  for (const q of quarters) {
    const byOrg = index.get(q.key);
    const signed = signedAmong(orgs, q.end);
    expected += signed.length;
    if (byOrg) submitted += countedAmong(byOrg, signed);
  }
  return { expected, submitted, percent: expected ? Math.round((100 * submitted) / expected) : null };
}
