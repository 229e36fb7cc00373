/**
 * The organisations list's query as the address holds it: search, filters, sort and page. Every
 * parameter falls back to its default when it is not one the list offers, so a hand-edited or
 * stale link shows the list rather than an error.
 */
import { z } from "zod";
import { SECTORS } from "../../../db/types";

export const LIST_STATUSES = ["prospect", "signed", "renewal_due", "lapsed", "withdrawn", "left"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
export const LIST_STATUS_LABELS: Record<ListStatus, string> = {
  prospect: "Prospect",
  signed: "Signed",
  renewal_due: "Renewal due",
  lapsed: "Lapsed",
  withdrawn: "Withdrawn (pledge withdrawn or left)",
  left: "Left the programme",
};
export const LIST_SORTS = ["name", "sector", "borough", "status"] as const;
export const ORGANISATIONS_TABLE = "orgs";
export const ORGANISATIONS_PAGE_SIZE = 50;

const COUNTY_WIDE = "county-wide";

export interface OrganisationListQuery {
  q: string;
  /** A borough id, "county-wide", or "" for all. */
  borough: string;
  sector: string;
  status: ListStatus | "";
  sort: (typeof LIST_SORTS)[number];
  desc: boolean;
  page: number;
}

const fallback = <T extends z.ZodTypeAny>(schema: T, value: z.infer<T>) => schema.catch(value);

export function organisationListQuery(search: URLSearchParams): OrganisationListQuery {
  const get = (key: string) => search.get(key) ?? undefined;
  return {
    q: fallback(z.string().trim().max(200), "").parse(get("q")),
    borough: fallback(z.union([z.literal(COUNTY_WIDE), z.string().uuid()]), "").parse(get("borough")) as string,
    sector: z.enum(SECTORS).or(z.literal("")).catch("").parse(get("sector")),
    status: z.enum(LIST_STATUSES).or(z.literal("")).catch("").parse(get("status")),
    sort: fallback(z.enum(LIST_SORTS), "name").parse(get(`${ORGANISATIONS_TABLE}-sort`)),
    desc: get(`${ORGANISATIONS_TABLE}-dir`) === "desc",
    page: fallback(z.coerce.number().int().min(1).max(1_000_000), 1).parse(get(`${ORGANISATIONS_TABLE}-page`)),
  };
}

export const isCountyWide = (borough: string) => borough === COUNTY_WIDE;
export const COUNTY_WIDE_VALUE = COUNTY_WIDE;
