/**
 * Restorative-borough status (DESIGN.md): the criteria a partnership sets for a borough to count
 * as a restorative borough, each optional with its threshold, and how a borough measures up —
 * which criteria are met and what is missing. Boroughs are ranked by the share of criteria met.
 * None of the criteria counts people taking part: targets are for adoption, training and delivery only.
 */
export interface Criteria {
  allStatutorySigned: boolean;
  minSigned: number | null;
  minSectors: number | null;
  championForEverySignatory: boolean;
  minTrainedChampions: number | null;
  minReturnPercent: number | null;
  returnQuarters: number;
  noActionOffTrack: boolean;
  /** Whether the coordinator has saved them (otherwise these are the suggested defaults). */
  configured: boolean;
}

export const SUGGESTED_CRITERIA: Criteria = {
  allStatutorySigned: true,
  minSigned: 5,
  minSectors: null,
  championForEverySignatory: true,
  minTrainedChampions: null,
  minReturnPercent: 90,
  returnQuarters: 4,
  noActionOffTrack: true,
  configured: false,
};

export interface BoroughStanding {
  statutory: { total: number; unsigned: string[] };
  signed: number;
  sectors: number;
  withoutChampion: string[];
  trainedChampions: number;
  returns: { expected: number; submitted: number; percent: number | null };
  /** The borough's delivery actions this year, and those of them off track. */
  actions: number;
  offTrack: string[];
}

export interface CriterionResult {
  key: string;
  label: string;
  met: boolean;
  /** What the borough has, or what is missing. */
  detail: string;
}

const listed = (names: string[]) => (names.length > 3 ? `${names.slice(0, 3).join(", ")} and ${names.length - 3} more` : names.join(", "));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A criterion with nothing to judge (no statutory partners, no signatories, no actions) is not met: an empty borough must not rank beside a busy one. */
export function assessBorough(criteria: Criteria, s: BoroughStanding): CriterionResult[] {
  const results: CriterionResult[] = [];
  if (criteria.allStatutorySigned)
    results.push({
      key: "statutory",
      label: "Every statutory partner signed",
      met: s.statutory.total > 0 && s.statutory.unsigned.length === 0,
      detail:
        s.statutory.total === 0
          ? "No statutory partners listed"
          : s.statutory.unsigned.length
            ? `Not yet signed: ${listed(s.statutory.unsigned)}`
            : `All ${s.statutory.total} signed`,
    });
  if (criteria.minSigned !== null)
    results.push({ key: "signed", label: `At least ${plural(criteria.minSigned, "organisation")} signed`, met: s.signed >= criteria.minSigned, detail: `${s.signed} signed` });
  if (criteria.minSectors !== null)
    results.push({
      key: "sectors",
      label: `Signatories from at least ${plural(criteria.minSectors, "sector")}`,
      met: s.sectors >= criteria.minSectors,
      detail: `${plural(s.sectors, "sector")}`,
    });
  if (criteria.championForEverySignatory)
    results.push({
      key: "champions",
      label: "Every signatory has a champion",
      met: s.signed > 0 && s.withoutChampion.length === 0,
      detail: s.signed === 0 ? "No signatories yet" : s.withoutChampion.length ? `No champion: ${listed(s.withoutChampion)}` : "Every signatory has one",
    });
  if (criteria.minTrainedChampions !== null)
    results.push({
      key: "trained",
      label: `At least ${plural(criteria.minTrainedChampions, "champion")} with facilitator training or accreditation`,
      met: s.trainedChampions >= criteria.minTrainedChampions,
      detail: `${s.trainedChampions} trained`,
    });
  if (criteria.minReturnPercent !== null)
    results.push({
      key: "returns",
      label: `Returns at least ${criteria.minReturnPercent}% complete over the last ${plural(criteria.returnQuarters, "quarter")}`,
      met: s.returns.percent !== null && s.returns.percent >= criteria.minReturnPercent,
      detail: s.returns.expected ? `${s.returns.submitted} of ${s.returns.expected} returns in (${s.returns.percent}%)` : "No returns expected yet",
    });
  if (criteria.noActionOffTrack)
    results.push({
      key: "actions",
      label: "No delivery action off track",
      met: s.actions > 0 && s.offTrack.length === 0,
      detail: s.actions === 0 ? "No delivery actions in the borough this year" : s.offTrack.length ? `Off track: ${listed(s.offTrack)}` : "None off track",
    });
  return results;
}

export interface RankedBorough<B> {
  borough: B;
  results: CriterionResult[];
  met: number;
  rank: number;
}

/** Most criteria met first; ties share a rank and keep their order (by name). */
export function rankBoroughs<B>(assessed: Array<{ borough: B; results: CriterionResult[] }>): Array<RankedBorough<B>> {
  const withMet = assessed.map((a) => ({ ...a, met: a.results.filter((r) => r.met).length }));
  const sorted = [...withMet].sort((a, b) => b.met - a.met);
  return sorted.map((a) => ({ ...a, rank: 1 + sorted.filter((b) => b.met > a.met).length }));
}
