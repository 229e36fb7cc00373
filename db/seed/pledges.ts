/**
 * Demo pledges: each partnership's pledge text (Cleveland on its second version) and a history of
 * signatures that shows every status — signed, renewed, renewal due, lapsed, withdrawn — and gaps
 * (prospects), with Hartlepool close to "the first restorative borough".
 */
import { daysBefore, demoRandom, monthsBefore } from "./calendar";
import type { DemoStep } from "./demo";

const CLEVELAND_COMMITMENTS = [
  "Embed restorative justice and restorative approaches in our policies and practice.",
  "Create clear referral pathways so that everyone harmed by crime or conflict can be offered restorative justice — and nobody is ever pressured to take part.",
  "Name and empower at least one RJ champion, and a single point of contact for communications.",
  "Give staff who work with people harmed or causing harm an RJ awareness briefing, and support facilitators to train with RJC-approved trainers.",
  "Report our restorative activity each quarter and share anonymised case studies.",
];
const CLEVELAND_V2_EXTRA = "Work with partners to join up local priorities, so that nobody is asked to tell their story twice.";

const HAMPSHIRE_COMMITMENTS = [
  "Promote restorative justice as voluntary for all parties, with informed consent that can be withdrawn at any time.",
  "Raise awareness of restorative justice among staff who deliver or engage with services, with consistent messages across the county.",
  "Identify a communications single point of contact and at least one RJ champion.",
  "Work towards the Restorative Service Quality Mark where we deliver restorative services, using RJC-accredited practitioners.",
  "Share information within the restorative justice information-sharing agreement, with consent from all parties.",
  "Report our activity against the six themes of the strategy each quarter.",
];

/** What happens to each organisation in the demo, by name; others follow the seeded dice. */
type Fate = "prospect" | "signed" | "renewed" | "renewal_due" | "lapsed" | "withdrawn";
const FATES: Record<string, Fate> = {
  "Hartlepool Borough Council": "renewed",
  "Cleveland Police": "renewed",
  "Hartlepool Youth Justice Service": "renewed",
  "Hartlepool Marina Traders": "prospect",
  "Redcar and Cleveland Borough Council": "prospect",
  "Guisborough Youth Forum": "lapsed",
  "Yarm Faith Network": "withdrawn",
  "Linthorpe Homes": "renewal_due",
  "Southampton Mediation Service": "renewed",
  "Hampshire and Isle of Wight Constabulary": "renewed",
  "New Forest District Council": "prospect",
  "Lymington Traders' Association": "prospect",
  "Winchester Business Improvement District": "withdrawn",
  "Isle of Wight Council": "renewal_due",
  "HMP Winchester": "lapsed",
};

const SIGNATORY_TITLES: Record<string, string> = {
  police: "Chief Constable",
  local_authority: "Chief Executive",
  housing: "Director of Housing Services",
  education: "Principal",
  health: "Chief Nurse",
  youth_justice: "Head of Youth Justice",
  probation: "Head of Probation Delivery Unit",
  prison: "Governor",
  victim_services: "Service Manager",
  voluntary_community: "Chair of Trustees",
  business: "Managing Director",
  faith: "Convenor",
};
const NAMES = ["Helen Carr", "Robert Ibbotson", "Fatima Noor", "Michael Dunn", "Sarah Whitfield", "Owen Pryce", "Grace Adeyemi", "Tom Hadley", "Nadia Kowalski", "Ian Morrow"];

function fateOf(name: string, sector: string, dice: () => number): Fate {
  if (FATES[name]) return FATES[name];
  const roll = dice();
  if (sector === "business" || sector === "faith") return roll < 0.5 ? "prospect" : "signed";
  if (roll < 0.1) return "prospect";
  if (roll < 0.18) return "renewal_due";
  if (roll < 0.45) return "renewed";
  return "signed";
}

export const seedPledges: DemoStep = async (tx, ctx) => {
  const cleveland = ctx.partnership.slug === "cleveland";
  const base = cleveland ? CLEVELAND_COMMITMENTS : HAMPSHIRE_COMMITMENTS;
  const title = cleveland ? "The Cleveland Restorative Pledge" : "The Hampshire and Isle of Wight Restorative Pledge";
  const introduction = cleveland
    ? "We want restorative justice to be a golden thread through everything we do. By signing this pledge our organisation commits to play its part, so that Cleveland's boroughs become restorative boroughs."
    : "Partners across Hampshire, the Isle of Wight, Portsmouth and Southampton share one vision: restorative justice accessible to every victim, regardless of where they live. Each year we formalise our commitment and set out our proposed activity under the strategy's six themes.";

  const versions: Array<{ id: string; version: number; publishedOn: string; commitments: string[] }> = [];
  const publish = async (version: number, publishedOn: string, commitments: string[]) => {
    const { id } = await tx
      .insertInto("pledge_versions")
      .values({
        partnership_id: ctx.partnershipId,
        version,
        state: "published",
        title,
        introduction,
        commitments: JSON.stringify(commitments),
        published_at: new Date(`${publishedOn}T10:00:00Z`),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    versions.push({ id, version, publishedOn, commitments });
  };
  await publish(1, monthsBefore(ctx.today, 30), base);
  if (cleveland) await publish(2, monthsBefore(ctx.today, 9), [...base, CLEVELAND_V2_EXTRA]);
  const versionOn = (day: string) => [...versions].reverse().find((v) => v.publishedOn <= day) ?? versions[0];

  const dice = demoRandom(ctx.partnership.slug + ":pledges");
  const coordinatorId = [...ctx.userIds].find(([email]) => email.startsWith(`coordinator@${ctx.partnership.slug}`))?.[1] ?? null;
  for (const org of ctx.partnership.organisations) {
    const organisationId = ctx.organisationIds.get(org.name)!;
    const fate = fateOf(org.name, org.sector, dice);
    if (fate === "prospect") continue;
    const sign = async (signedOn: string, renews: string | null) => {
      const version = versionOn(signedOn);
      const activity = Object.fromEntries(
        ["communication", "quality", "sustainability", "information_sharing", "innovation", "partnership_working"]
          .filter(() => dice() < 0.6)
          .map((theme) => [theme, `Proposed ${theme.replace("_", " ")} activity for the year at ${org.name}.`]),
      );
      const { id } = await tx
        .insertInto("pledge_signatures")
        .values({
          partnership_id: ctx.partnershipId,
          organisation_id: organisationId,
          pledge_version_id: version.id,
          signed_on: signedOn,
          signatory_name: NAMES[Math.floor(dice() * NAMES.length)],
          signatory_title: SIGNATORY_TITLES[org.sector] ?? "Chief Executive",
          commitments: version.commitments.map((_, i) => i + 1).filter((n) => n <= 3 || dice() < 0.85),
          activity: JSON.stringify(activity),
          submitted_by: coordinatorId,
          renews_signature_id: renews,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return id;
    };
    const within = (fromMonths: number, toMonths: number) => daysBefore(ctx.today, Math.round((fromMonths + dice() * (toMonths - fromMonths)) * 30.4));
    if (fate === "signed") await sign(within(1, 9), null);
    if (fate === "renewal_due") await sign(within(10.2, 11.5), null);
    if (fate === "lapsed") await sign(within(13, 20), null);
    if (fate === "renewed") {
      const first = await sign(within(14, 22), null);
      await sign(within(1, 8), first);
    }
    if (fate === "withdrawn") {
      await sign(within(12, 18), null);
      await tx
        .insertInto("pledge_withdrawals")
        .values({
          partnership_id: ctx.partnershipId,
          organisation_id: organisationId,
          withdrawn_on: within(2, 6),
          reason: "Our board decided to focus our limited capacity elsewhere this year; we hope to sign again.",
          recorded_by: coordinatorId,
        })
        .execute();
    }
  }
};
