/**
 * The metric framework every partnership starts with (DESIGN.md "Default metrics"). Shared by the
 * app (a new partnership's framework) and the demo seed, like the SECTORS list in types.ts.
 * `partOf` names the metric this one counts a part of ("of which").
 */
import type { MetricAggregation } from "./types";

/** The quarter a framework's first definitions apply from: early enough for any quarter reported. */
export const FRAMEWORK_START = "2000Q1";

export interface DefaultMetric {
  key: string;
  label: string;
  group: string;
  unit: string;
  aggregation: MetricAggregation;
  participantCount: boolean;
  partOf?: string;
  definition: string;
}

export const DEFAULT_METRICS: DefaultMetric[] = [
  {
    key: "referrals_made",
    label: "Referrals made to RJ services",
    group: "Referrals",
    unit: "referrals",
    aggregation: "sum",
    participantCount: true,
    definition:
      "Referrals your organisation made to a restorative justice service this quarter. Count each person referred once per case. Do not count enquiries that did not become a referral.",
  },
  {
    key: "referrals_received",
    label: "Referrals received",
    group: "Referrals",
    unit: "referrals",
    aggregation: "sum",
    participantCount: true,
    definition: "Referrals your organisation received to deliver restorative justice this quarter, from any source. Do not count referrals you passed on to another provider.",
  },
  {
    key: "self_referrals",
    label: "Of which self-referrals from the community",
    group: "Referrals",
    unit: "referrals",
    aggregation: "sum",
    participantCount: true,
    partOf: "referrals_received",
    definition: "Of the referrals received, those made by people themselves rather than by an agency.",
  },
  {
    key: "victims_offered",
    label: "Victims offered RJ",
    group: "Referrals",
    unit: "people",
    aggregation: "sum",
    participantCount: true,
    definition: "People harmed by crime who were told about restorative justice and offered it this quarter, whatever they decided.",
  },
  {
    key: "processes_direct",
    label: "RJ processes completed — direct (face to face)",
    group: "Restorative processes",
    unit: "processes",
    aggregation: "sum",
    participantCount: true,
    definition:
      "Restorative meetings or conferences that were completed this quarter with the parties in the same room (or on a video call). Count a case once, when it completes.",
  },
  {
    key: "processes_indirect",
    label: "RJ processes completed — indirect (shuttle, letters)",
    group: "Restorative processes",
    unit: "processes",
    aggregation: "sum",
    participantCount: true,
    definition: "Restorative processes completed this quarter without the parties meeting: shuttle communication, letters, recorded messages.",
  },
  {
    key: "restorative_approaches",
    label: "Restorative approaches and mediation cases",
    group: "Restorative processes",
    unit: "cases",
    aggregation: "sum",
    participantCount: true,
    definition: "Cases resolved with restorative approaches outside the criminal justice process: neighbour disputes, anti-social behaviour, conflict in schools and workplaces.",
  },
  {
    key: "staff_briefed",
    label: "Staff given RJ awareness briefings",
    group: "Workforce",
    unit: "staff",
    aggregation: "sum",
    participantCount: false,
    definition: "Staff and volunteers who attended an RJ awareness briefing this quarter. Count each person once per quarter.",
  },
  {
    key: "staff_trained",
    label: "Staff completing facilitator training",
    group: "Workforce",
    unit: "staff",
    aggregation: "sum",
    participantCount: false,
    definition: "Staff who completed RJC-approved restorative facilitator training this quarter.",
  },
  {
    key: "accredited_practitioners",
    label: "Accredited practitioners at quarter end",
    group: "Workforce",
    unit: "practitioners",
    aggregation: "last",
    participantCount: false,
    definition:
      "RJC accredited practitioners working for your organisation on the last day of the quarter. This is a count at a point in time: it is never added up across quarters.",
  },
  {
    key: "awareness_sessions",
    label: "Awareness sessions and events held",
    group: "Awareness",
    unit: "sessions",
    aggregation: "sum",
    participantCount: false,
    definition: "Sessions, talks and events your organisation held this quarter to raise awareness of restorative justice, for staff or the public.",
  },
  {
    key: "feedback_responses",
    label: "Participant feedback responses",
    group: "Feedback",
    unit: "responses",
    aggregation: "sum",
    participantCount: true,
    definition: "Feedback forms or interviews completed by people who took part in a restorative process this quarter.",
  },
  {
    key: "feedback_satisfied",
    label: "Of which satisfied",
    group: "Feedback",
    unit: "responses",
    aggregation: "sum",
    participantCount: true,
    partOf: "feedback_responses",
    definition: "Of the feedback responses, those saying the person was satisfied or very satisfied with the process.",
  },
];
