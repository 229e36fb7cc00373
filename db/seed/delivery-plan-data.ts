/**
 * The demo delivery plans: last year's (with unfinished work carried into this year) and this
 * year's, under the six themes of Appendix A. Organisations are named by the part they play
 * (`rjService`, `championOrg`…) and resolved per partnership, so both demo partnerships get a
 * plan in their own places. Dates are months from the start of the financial year (April).
 */
export type Part =
  | "pcc"
  | "police"
  | "probation"
  | "rjService"
  | "victimCare"
  | "championOrg"
  | "schoolA"
  | "schoolB"
  | "councilB"
  | "innovationLead"
  | "innovationSupport"
  | "prison"
  | "yjsA"
  | "yjsB"
  | "forumLead"
  | "councilC"
  | "councilD";

export const PARTS: Record<string, Record<Part, string>> = {
  cleveland: {
    pcc: "Office of the Cleveland Police and Crime Commissioner",
    police: "Cleveland Police",
    probation: "Probation Service — Cleveland",
    rjService: "Tees Restorative Justice Hub",
    victimCare: "Tees Valley Victim Care Service",
    championOrg: "Hartlepool Borough Council",
    schoolA: "Hartlepool Sixth Form College",
    schoolB: "Seaton Carew Primary School",
    councilB: "Middlesbrough Council",
    innovationLead: "Stockton-on-Tees Borough Council",
    innovationSupport: "Thornaby Tenants' Association",
    prison: "HMP Holme House",
    yjsA: "Hartlepool Youth Justice Service",
    yjsB: "Middlesbrough Youth Justice Service",
    forumLead: "Redcar and Cleveland Borough Council",
    councilC: "Redcar and Cleveland Borough Council",
    councilD: "Stockton-on-Tees Borough Council",
  },
  hampshire: {
    pcc: "Office of the Hampshire and Isle of Wight Police and Crime Commissioner",
    police: "Hampshire and Isle of Wight Constabulary",
    probation: "Probation Service — Hampshire and Isle of Wight",
    rjService: "Hampshire Restorative Justice Service",
    victimCare: "Hampshire Victim Care Service",
    championOrg: "Southampton Mediation Service",
    schoolA: "University of Portsmouth",
    schoolB: "Loddon Valley Academy",
    councilB: "Portsmouth City Council",
    innovationLead: "Havant Borough Council",
    innovationSupport: "Leigh Park Community Trust",
    prison: "HMP Winchester",
    yjsA: "Southampton Youth Justice Service",
    yjsB: "Portsmouth Youth Justice Service",
    forumLead: "Hampshire Restorative Approaches Forum",
    councilC: "Southampton City Council",
    councilD: "Isle of Wight Council",
  },
};

/** The borough each partnership's champion organisation, council B and innovation pilot work in. */
export const PLACES: Record<string, { champion: string; councilB: string; councilC: string; innovation: string }> = {
  cleveland: { champion: "Hartlepool", councilB: "Middlesbrough", councilC: "Redcar and Cleveland", innovation: "Stockton-on-Tees" },
  hampshire: { champion: "Southampton", councilB: "Portsmouth", councilC: "Southampton", innovation: "Havant" },
};

type Status = "not_started" | "on_track" | "at_risk" | "off_track" | "complete" | "dropped";

/** Q1…Q4 of the plan's year; `progress` is left out when milestones give it. */
export interface DemoUpdate {
  quarter: 1 | 2 | 3 | 4;
  status: Status;
  progress?: number;
  commentary: string;
}

export interface DemoAction {
  theme: 1 | 2 | 3 | 4 | 5 | 6;
  title: string;
  description?: string;
  lead: Part;
  supporting?: Part[];
  boroughs?: Array<keyof (typeof PLACES)["cleveland"]>;
  start: number;
  due: number;
  successMeasure: string;
  weight?: number;
  milestones?: Array<{ title: string; due: number; doneInQuarter?: 1 | 2 | 3 | 4 }>;
  updates: DemoUpdate[];
  /** The title of last year's action this one carries on. */
  carriedFrom?: string;
}

export const LAST_YEAR: DemoAction[] = [
  {
    theme: 1,
    title: "Launch the partnership's restorative justice brand and leaflet",
    lead: "pcc",
    supporting: ["police"],
    start: 0,
    due: 8,
    successMeasure: "Leaflet available in every custody suite and partner reception",
    updates: [
      { quarter: 1, status: "on_track", progress: 40, commentary: "Brand agreed by the programme board; leaflet text with victims' panel for comment." },
      { quarter: 2, status: "on_track", progress: 80, commentary: "Leaflet printed; distribution list agreed with partners." },
      { quarter: 3, status: "complete", progress: 100, commentary: "Leaflets in all custody suites and partner receptions." },
    ],
  },
  {
    theme: 1,
    title: "Publish anonymised local case studies on partners' websites",
    lead: "championOrg",
    boroughs: ["champion"],
    start: 0,
    due: 11,
    successMeasure: "Four case studies published with participants' consent",
    updates: [
      { quarter: 1, status: "not_started", progress: 0, commentary: "Waiting for the consent form to be agreed." },
      { quarter: 2, status: "on_track", progress: 10, commentary: "Consent form agreed; first case study drafted." },
      { quarter: 3, status: "at_risk", progress: 20, commentary: "Two participants withdrew consent, as is their right; looking for other examples." },
      { quarter: 4, status: "off_track", progress: 30, commentary: "One case study published. Carried into next year's plan." },
    ],
  },
  {
    theme: 2,
    title: "Agree referral pathways with the youth justice services",
    lead: "yjsA",
    supporting: ["yjsB"],
    start: 0,
    due: 8,
    successMeasure: "Written pathway in use by every youth justice service",
    milestones: [
      { title: "Current referral routes mapped", due: 2, doneInQuarter: 1 },
      { title: "Draft pathway agreed by managers", due: 5, doneInQuarter: 2 },
      { title: "Pathway signed off and in use", due: 8, doneInQuarter: 3 },
    ],
    updates: [
      { quarter: 1, status: "on_track", commentary: "Mapping done with all services." },
      { quarter: 2, status: "on_track", commentary: "Managers agreed the draft pathway." },
      { quarter: 3, status: "complete", commentary: "Pathway in use since December." },
    ],
  },
  {
    theme: 2,
    title: "Bring facilitators towards RJC practitioner accreditation",
    lead: "rjService",
    start: 0,
    due: 11,
    weight: 2,
    successMeasure: "Six facilitators accredited by the Restorative Justice Council",
    updates: [
      { quarter: 1, status: "on_track", progress: 20, commentary: "Six facilitators registered for accreditation." },
      { quarter: 2, status: "on_track", progress: 35, commentary: "Portfolios started; supervision sessions booked." },
      { quarter: 3, status: "on_track", progress: 50, commentary: "Three portfolios submitted." },
      { quarter: 4, status: "at_risk", progress: 60, commentary: "Assessments delayed by the RJC; carried into next year." },
    ],
  },
  {
    theme: 3,
    title: "Awareness briefings for probation staff",
    lead: "probation",
    supporting: ["rjService"],
    start: 0,
    due: 5,
    successMeasure: "Every probation team briefed",
    updates: [
      { quarter: 1, status: "on_track", progress: 50, commentary: "Half the teams briefed." },
      { quarter: 2, status: "complete", progress: 100, commentary: "All teams briefed." },
    ],
  },
  {
    theme: 3,
    title: "Train a new cohort of volunteer facilitators",
    lead: "rjService",
    start: 1,
    due: 11,
    successMeasure: "Twelve volunteers trained by an RJC-approved trainer",
    updates: [
      { quarter: 1, status: "on_track", progress: 10, commentary: "Recruitment open." },
      { quarter: 2, status: "on_track", progress: 40, commentary: "Fourteen volunteers recruited; training booked." },
      { quarter: 3, status: "on_track", progress: 75, commentary: "Training under way." },
      { quarter: 4, status: "complete", progress: 100, commentary: "Twelve volunteers completed training." },
    ],
  },
  {
    theme: 4,
    title: "Draft a multi-agency information sharing agreement",
    lead: "police",
    supporting: ["probation", "victimCare"],
    start: 0,
    due: 11,
    weight: 2,
    successMeasure: "Agreement drafted and reviewed by each partner's data protection officer",
    updates: [
      { quarter: 1, status: "on_track", progress: 20, commentary: "Working group formed." },
      { quarter: 2, status: "at_risk", progress: 30, commentary: "Waiting for legal advice on consent." },
      { quarter: 3, status: "at_risk", progress: 40, commentary: "Legal advice received; redrafting." },
      { quarter: 4, status: "off_track", progress: 50, commentary: "Not all data protection officers have reviewed it. Carried into next year." },
    ],
  },
  {
    theme: 5,
    title: "Pilot restorative approaches in two schools",
    lead: "schoolA",
    supporting: ["schoolB"],
    start: 0,
    due: 11,
    successMeasure: "Both schools using restorative conversations after incidents",
    updates: [
      { quarter: 1, status: "on_track", progress: 25, commentary: "Staff training delivered at both schools." },
      { quarter: 2, status: "on_track", progress: 50, commentary: "Restorative conversations in use." },
      { quarter: 3, status: "on_track", progress: 75, commentary: "Pupil and staff feedback gathered." },
      { quarter: 4, status: "complete", progress: 100, commentary: "Pilot evaluated; both schools continuing." },
    ],
  },
  {
    theme: 6,
    title: "Set up the Restorative Approaches Forum",
    lead: "forumLead",
    start: 0,
    due: 5,
    successMeasure: "Forum meets with practitioners from at least five agencies",
    updates: [
      { quarter: 1, status: "on_track", progress: 60, commentary: "Terms of reference agreed." },
      { quarter: 2, status: "complete", progress: 100, commentary: "First forum held with seven agencies." },
    ],
  },
];

export const THIS_YEAR: DemoAction[] = [
  {
    theme: 1,
    title: "Name a communications single point of contact in every signatory organisation",
    lead: "pcc",
    supporting: ["police", "championOrg"],
    start: 0,
    due: 11,
    successMeasure: "Every signatory organisation has a named contact on the partnership's list",
    milestones: [
      { title: "Role description agreed", due: 2, doneInQuarter: 1 },
      { title: "Contacts named by county-wide partners", due: 5, doneInQuarter: 2 },
      { title: "Contacts named in every borough", due: 8 },
      { title: "Contact list shared with partners", due: 11 },
    ],
    updates: [
      { quarter: 1, status: "on_track", commentary: "Role description agreed by the programme board." },
      { quarter: 2, status: "on_track", commentary: "All county-wide partners have named a contact." },
      { quarter: 3, status: "at_risk", commentary: "Several smaller organisations have not yet named a contact; reminders sent." },
    ],
  },
  {
    theme: 1,
    title: "Run RJ awareness sessions for frontline staff in each borough",
    lead: "rjService",
    supporting: ["championOrg", "councilB"],
    start: 0,
    due: 11,
    weight: 2,
    successMeasure: "At least one session held in every borough, open to all partners",
    updates: [
      { quarter: 1, status: "on_track", progress: 20, commentary: "Sessions scheduled across the year." },
      { quarter: 2, status: "on_track", progress: 45, commentary: "Sessions held in two boroughs." },
      { quarter: 3, status: "on_track", progress: 60, commentary: "Third borough's session held in October." },
    ],
  },
  {
    theme: 1,
    title: "Publish anonymised local case studies on partners' websites",
    lead: "championOrg",
    boroughs: ["champion"],
    start: 0,
    due: 11,
    successMeasure: "Three more case studies published with participants' consent",
    carriedFrom: "Publish anonymised local case studies on partners' websites",
    updates: [
      { quarter: 1, status: "on_track", progress: 40, commentary: "Second case study published." },
      { quarter: 2, status: "at_risk", progress: 45, commentary: "Consent for the next two case studies is still being sought." },
    ],
  },
  {
    theme: 2,
    title: "Support the victim care service to renew its Restorative Service Quality Mark",
    lead: "victimCare",
    supporting: ["pcc"],
    start: 0,
    due: 11,
    weight: 2,
    successMeasure: "Quality mark renewed before it expires",
    milestones: [
      { title: "Self-assessment completed", due: 2, doneInQuarter: 1 },
      { title: "Evidence portfolio submitted", due: 5, doneInQuarter: 2 },
      { title: "Assessment visit", due: 8 },
      { title: "Renewal confirmed", due: 10 },
    ],
    updates: [
      { quarter: 1, status: "on_track", commentary: "Self-assessment done." },
      { quarter: 2, status: "on_track", commentary: "Portfolio submitted on time." },
      { quarter: 3, status: "at_risk", commentary: "The assessment visit has moved to January, close to the expiry date." },
    ],
  },
  {
    theme: 2,
    title: "Bring facilitators towards RJC practitioner accreditation",
    lead: "rjService",
    start: 0,
    due: 11,
    weight: 2,
    successMeasure: "Six facilitators accredited by the Restorative Justice Council",
    carriedFrom: "Bring facilitators towards RJC practitioner accreditation",
    updates: [
      { quarter: 1, status: "on_track", progress: 65, commentary: "Assessments rebooked." },
      { quarter: 2, status: "off_track", progress: 65, commentary: "Two facilitators left the service; their portfolios cannot be completed." },
      { quarter: 3, status: "at_risk", progress: 70, commentary: "Replacement facilitators recruited and registered." },
    ],
  },
  {
    theme: 2,
    title: "Introduce a quality assurance toolkit for restorative approaches in schools",
    lead: "championOrg",
    supporting: ["schoolA", "schoolB"],
    boroughs: ["champion"],
    start: 1,
    due: 11,
    successMeasure: "Toolkit adopted by the schools that took part in the pilot",
    milestones: [
      { title: "Toolkit drafted with schools", due: 4, doneInQuarter: 2 },
      { title: "Toolkit tried in two schools", due: 8 },
      { title: "Toolkit adopted", due: 11 },
    ],
    updates: [
      { quarter: 1, status: "not_started", commentary: "Starts in May." },
      { quarter: 2, status: "on_track", commentary: "Draft toolkit written with head teachers." },
    ],
  },
  {
    theme: 3,
    title: "Brief senior leaders of every statutory partner",
    lead: "pcc",
    supporting: ["police", "probation"],
    start: 0,
    due: 5,
    successMeasure: "A senior leader of every statutory partner briefed",
    updates: [
      { quarter: 1, status: "on_track", progress: 30, commentary: "Briefings booked with chief officers." },
      { quarter: 2, status: "complete", progress: 100, commentary: "Every statutory partner's senior leadership briefed by September." },
    ],
  },
  {
    theme: 3,
    title: "Refresher training for volunteer facilitators",
    lead: "rjService",
    start: 0,
    due: 5,
    successMeasure: "Every active volunteer facilitator completes refresher training",
    updates: [
      { quarter: 1, status: "on_track", progress: 50, commentary: "First two refresher days held." },
      { quarter: 2, status: "off_track", progress: 60, commentary: "Trainer unavailable; remaining sessions not yet rebooked." },
      { quarter: 3, status: "off_track", progress: 60, commentary: "Looking for another RJC-approved trainer." },
    ],
  },
  {
    theme: 3,
    title: "Share training places across partners",
    lead: "councilB",
    boroughs: ["councilB", "councilC"],
    start: 2,
    due: 11,
    successMeasure: "Spare places on partners' courses offered through the forum",
    updates: [
      { quarter: 1, status: "not_started", progress: 0, commentary: "Starts in June." },
      { quarter: 2, status: "on_track", progress: 35, commentary: "Places offered on two courses." },
    ],
  },
  {
    theme: 4,
    title: "Agree the multi-agency information sharing agreement for RJ referrals",
    lead: "police",
    supporting: ["probation", "victimCare", "pcc"],
    start: 0,
    due: 11,
    weight: 3,
    successMeasure: "Agreement signed by every referring agency",
    carriedFrom: "Draft a multi-agency information sharing agreement",
    milestones: [
      { title: "Revised draft circulated", due: 1, doneInQuarter: 1 },
      { title: "Data protection officers' review complete", due: 5, doneInQuarter: 2 },
      { title: "Signed by every referring agency", due: 11 },
    ],
    updates: [
      { quarter: 1, status: "on_track", commentary: "Revised draft out to partners." },
      { quarter: 2, status: "on_track", commentary: "Every data protection officer has reviewed it." },
      { quarter: 3, status: "on_track", commentary: "Signatures being collected." },
    ],
  },
  {
    theme: 5,
    title: "Pilot restorative approaches in neighbourhood disputes with housing providers",
    lead: "innovationLead",
    supporting: ["innovationSupport"],
    boroughs: ["innovation"],
    start: 0,
    due: 11,
    successMeasure: "Pilot run and evaluated, with a decision on extending it",
    updates: [
      { quarter: 1, status: "on_track", progress: 10, commentary: "Pilot area chosen." },
      { quarter: 2, status: "at_risk", progress: 20, commentary: "Fewer disputes referred than expected; promoting the pilot with housing officers." },
    ],
  },
  {
    theme: 5,
    title: "Explore restorative practice on a prison wing",
    lead: "prison",
    supporting: ["rjService"],
    start: 0,
    due: 11,
    successMeasure: "Options paper for the programme board",
    updates: [
      { quarter: 1, status: "on_track", progress: 10, commentary: "Initial meeting with the governor." },
      { quarter: 2, status: "dropped", progress: 10, commentary: "Regime changes mean this cannot go ahead this year; to be revisited in next year's plan." },
    ],
  },
  {
    theme: 6,
    title: "Map gaps in RJ provision by borough",
    lead: "pcc",
    supporting: ["championOrg", "councilB", "councilC", "councilD"],
    start: 0,
    due: 9,
    successMeasure: "Gap analysis presented to the programme board",
    updates: [
      { quarter: 1, status: "on_track", progress: 20, commentary: "Data request sent to partners." },
      { quarter: 2, status: "on_track", progress: 50, commentary: "Responses from every council." },
      { quarter: 3, status: "on_track", progress: 70, commentary: "Draft analysis being written." },
    ],
  },
  {
    theme: 6,
    title: "Hold a Restorative Approaches Forum every quarter",
    lead: "forumLead",
    start: 0,
    due: 11,
    successMeasure: "Four forums held, each with at least five agencies",
    milestones: [
      { title: "Spring forum", due: 2, doneInQuarter: 1 },
      { title: "Summer forum", due: 5, doneInQuarter: 2 },
      { title: "Autumn forum", due: 8 },
      { title: "Winter forum", due: 11 },
    ],
    updates: [
      { quarter: 1, status: "on_track", commentary: "Spring forum held with eight agencies." },
      { quarter: 2, status: "on_track", commentary: "Summer forum on information sharing." },
    ],
  },
];
