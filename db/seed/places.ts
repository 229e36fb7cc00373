/**
 * The demo partnerships: real places (ONS codes of real local authorities), organisations that
 * are real kinds of partner — statutory bodies by their public names, the rest invented — and
 * no real figures. `borough: null` means county-wide.
 */
import type { Sector } from "../types";

export interface DemoOrganisation {
  name: string;
  sector: Sector;
  borough: string | null;
  statutory?: boolean;
  qualityMark?: { kind: "rsqm" | "rjc_registered"; expiresInDays: number };
}

export interface DemoPartnership {
  slug: string;
  name: string;
  county: string;
  publishRegister: boolean;
  publishFigures: boolean;
  boroughs: Array<{ name: string; ons: string }>;
  organisations: DemoOrganisation[];
}

export const CLEVELAND: DemoPartnership = {
  slug: "cleveland",
  name: "Cleveland Restorative Justice Partnership",
  county: "Cleveland",
  publishRegister: true,
  publishFigures: true,
  boroughs: [
    { name: "Hartlepool", ons: "E06000001" },
    { name: "Middlesbrough", ons: "E06000002" },
    { name: "Redcar and Cleveland", ons: "E06000003" },
    { name: "Stockton-on-Tees", ons: "E06000004" },
  ],
  organisations: [
    { name: "Cleveland Police", sector: "police", borough: null, statutory: true },
    { name: "Office of the Cleveland Police and Crime Commissioner", sector: "police", borough: null, statutory: true },
    { name: "Probation Service — Cleveland", sector: "probation", borough: null, statutory: true },
    { name: "Tees Valley Victim Care Service", sector: "victim_services", borough: null, qualityMark: { kind: "rsqm", expiresInDays: 40 } },
    { name: "Tees Restorative Justice Hub", sector: "victim_services", borough: null, qualityMark: { kind: "rsqm", expiresInDays: 400 } },
    { name: "Tees Valley Integrated Care Board", sector: "health", borough: null, statutory: true },
    { name: "Hartlepool Borough Council", sector: "local_authority", borough: "Hartlepool", statutory: true },
    { name: "Hartlepool Youth Justice Service", sector: "youth_justice", borough: "Hartlepool", statutory: true, qualityMark: { kind: "rsqm", expiresInDays: 210 } },
    { name: "Headland Community Housing", sector: "housing", borough: "Hartlepool" },
    { name: "Hartlepool Sixth Form College", sector: "education", borough: "Hartlepool" },
    { name: "Seaton Carew Primary School", sector: "education", borough: "Hartlepool" },
    { name: "Hartlepool Community Mediation", sector: "voluntary_community", borough: "Hartlepool" },
    { name: "Hartlepool Marina Traders", sector: "business", borough: "Hartlepool" },
    { name: "Hartlepool Churches Together", sector: "faith", borough: "Hartlepool" },
    { name: "Middlesbrough Council", sector: "local_authority", borough: "Middlesbrough", statutory: true },
    { name: "Middlesbrough Youth Justice Service", sector: "youth_justice", borough: "Middlesbrough", statutory: true },
    { name: "Linthorpe Homes", sector: "housing", borough: "Middlesbrough" },
    { name: "Middlesbrough Neighbourhood Mediation", sector: "voluntary_community", borough: "Middlesbrough" },
    { name: "Teesside College of Further Education", sector: "education", borough: "Middlesbrough" },
    { name: "Redcar and Cleveland Borough Council", sector: "local_authority", borough: "Redcar and Cleveland", statutory: true },
    { name: "Redcar Coast Housing Trust", sector: "housing", borough: "Redcar and Cleveland" },
    { name: "Guisborough Youth Forum", sector: "voluntary_community", borough: "Redcar and Cleveland" },
    { name: "Stockton-on-Tees Borough Council", sector: "local_authority", borough: "Stockton-on-Tees", statutory: true },
    { name: "Stockton Youth Justice Service", sector: "youth_justice", borough: "Stockton-on-Tees", statutory: true },
    { name: "HMP Holme House", sector: "prison", borough: "Stockton-on-Tees" },
    { name: "Thornaby Tenants' Association", sector: "voluntary_community", borough: "Stockton-on-Tees" },
    { name: "Yarm Faith Network", sector: "faith", borough: "Stockton-on-Tees" },
  ],
};

export const HAMPSHIRE: DemoPartnership = {
  slug: "hampshire",
  name: "Hampshire and Isle of Wight Restorative Justice Partnership",
  county: "Hampshire, Isle of Wight, Portsmouth and Southampton",
  publishRegister: true,
  publishFigures: false,
  boroughs: [
    { name: "Portsmouth", ons: "E06000044" },
    { name: "Southampton", ons: "E06000045" },
    { name: "Isle of Wight", ons: "E06000046" },
    { name: "Winchester", ons: "E07000094" },
    { name: "Basingstoke and Deane", ons: "E07000084" },
    { name: "Havant", ons: "E07000090" },
    { name: "New Forest", ons: "E07000091" },
  ],
  organisations: [
    { name: "Hampshire and Isle of Wight Constabulary", sector: "police", borough: null, statutory: true },
    { name: "Office of the Hampshire and Isle of Wight Police and Crime Commissioner", sector: "police", borough: null, statutory: true },
    { name: "Probation Service — Hampshire and Isle of Wight", sector: "probation", borough: null, statutory: true },
    { name: "Hampshire County Council", sector: "local_authority", borough: null, statutory: true },
    { name: "Hampshire Youth Justice Service", sector: "youth_justice", borough: null, statutory: true, qualityMark: { kind: "rsqm", expiresInDays: 150 } },
    { name: "Hampshire Restorative Justice Service", sector: "victim_services", borough: null, qualityMark: { kind: "rsqm", expiresInDays: 320 } },
    { name: "Hampshire Victim Care Service", sector: "victim_services", borough: null },
    { name: "Hampshire Restorative Approaches Forum", sector: "voluntary_community", borough: null },
    { name: "Hampshire and Isle of Wight Integrated Care Board", sector: "health", borough: null, statutory: true },
    { name: "Portsmouth City Council", sector: "local_authority", borough: "Portsmouth", statutory: true },
    { name: "Portsmouth Youth Justice Service", sector: "youth_justice", borough: "Portsmouth", statutory: true },
    { name: "Solent Harbour Homes", sector: "housing", borough: "Portsmouth" },
    { name: "University of Portsmouth", sector: "education", borough: "Portsmouth" },
    { name: "Portsea Neighbourhood Mediation", sector: "voluntary_community", borough: "Portsmouth" },
    { name: "Southampton City Council", sector: "local_authority", borough: "Southampton", statutory: true },
    { name: "Southampton Youth Justice Service", sector: "youth_justice", borough: "Southampton", statutory: true },
    { name: "Itchen Valley Housing", sector: "housing", borough: "Southampton" },
    { name: "Southampton Mediation Service", sector: "voluntary_community", borough: "Southampton" },
    { name: "Southampton Council of Faiths", sector: "faith", borough: "Southampton" },
    { name: "Isle of Wight Council", sector: "local_authority", borough: "Isle of Wight", statutory: true },
    { name: "Isle of Wight Youth Justice Service", sector: "youth_justice", borough: "Isle of Wight", statutory: true, qualityMark: { kind: "rsqm", expiresInDays: 500 } },
    { name: "HMP Isle of Wight", sector: "prison", borough: "Isle of Wight" },
    { name: "Island Neighbour Mediation", sector: "voluntary_community", borough: "Isle of Wight" },
    { name: "Winchester City Council", sector: "local_authority", borough: "Winchester", statutory: true },
    { name: "HMP Winchester", sector: "prison", borough: "Winchester" },
    { name: "University of Winchester", sector: "education", borough: "Winchester" },
    { name: "Winchester Business Improvement District", sector: "business", borough: "Winchester" },
    { name: "Basingstoke and Deane Borough Council", sector: "local_authority", borough: "Basingstoke and Deane", statutory: true },
    { name: "Basingstoke Community Restorative Forum", sector: "voluntary_community", borough: "Basingstoke and Deane" },
    { name: "Loddon Valley Academy", sector: "education", borough: "Basingstoke and Deane" },
    { name: "Havant Borough Council", sector: "local_authority", borough: "Havant", statutory: true },
    { name: "Leigh Park Community Trust", sector: "voluntary_community", borough: "Havant" },
    { name: "New Forest District Council", sector: "local_authority", borough: "New Forest", statutory: true },
    { name: "Lymington Traders' Association", sector: "business", borough: "New Forest" },
  ],
};

export const DEMO_PARTNERSHIPS = [CLEVELAND, HAMPSHIRE];
