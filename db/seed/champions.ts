/**
 * Demo RJ champions: one or two at most organisations that have signed, with every training
 * level, a communications single point of contact each, some accreditations close to expiry, a
 * champion who has left, and vacancies (a signed organisation with no current champion).
 * The demo champion accounts are linked to their champion records.
 */
import { daysBefore, demoRandom } from "./calendar";
import type { DemoStep } from "./demo";

type Training = "none" | "awareness" | "facilitator" | "accredited";

interface SeedChampion {
  name: string;
  jobTitle: string;
  training: Training;
  sinceDaysAgo: number;
  /** Days from today; negative is past. Only for accredited practitioners. */
  accreditationInDays?: number;
  leftDaysAgo?: number;
  contact?: boolean;
  account?: string;
}

const FIXED: Record<string, SeedChampion[]> = {
  "Hartlepool Borough Council": [
    { name: "Daniel Reeve", jobTitle: "Community Safety Officer", training: "facilitator", sinceDaysAgo: 400, contact: true, account: "champion@cleveland.demo.test" },
    { name: "Amira Collins", jobTitle: "Neighbourhood Mediation Lead", training: "accredited", sinceDaysAgo: 300, accreditationInDays: 45 },
    { name: "Keith Barlow", jobTitle: "Anti-social Behaviour Officer", training: "awareness", sinceDaysAgo: 700, leftDaysAgo: 240 },
  ],
  "Southampton Mediation Service": [
    {
      name: "Aisha Rahman",
      jobTitle: "Mediation Coordinator",
      training: "accredited",
      sinceDaysAgo: 500,
      accreditationInDays: 400,
      contact: true,
      account: "champion@hampshire.demo.test",
    },
  ],
  // Vacancies: the last champion left three weeks ago; the other never named one.
  "Hartlepool Youth Justice Service": [
    { name: "Chloe Wren", jobTitle: "Restorative Justice Worker", training: "accredited", sinceDaysAgo: 600, accreditationInDays: 200, leftDaysAgo: 21 },
  ],
  "Isle of Wight Council": [],
};

const FIRST = ["Alex", "Bethany", "Callum", "Deborah", "Elliot", "Farah", "George", "Hannah", "Imran", "Joanne", "Kieran", "Laura", "Mohammed", "Naomi", "Oliver", "Rachel"];
const LAST = ["Armstrong", "Bell", "Clarke", "Dixon", "Ellis", "Foster", "Gill", "Hughes", "Iqbal", "Jones", "Kaur", "Lambert", "Moss", "Nolan", "Patel", "Robson"];
const TITLES = ["Restorative Practice Lead", "Safeguarding Manager", "Community Engagement Officer", "Victim Liaison Officer", "Pastoral Lead", "Tenancy Sustainment Officer"];

const domainOf = (organisation: string) =>
  organisation
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40) + ".example.org";

export const seedChampions: DemoStep = async (tx, ctx) => {
  const dice = demoRandom(ctx.partnership.slug + ":champions");
  const signed = new Set(
    (await tx.selectFrom("pledge_signatures").select("organisation_id").where("partnership_id", "=", ctx.partnershipId).execute()).map((s) => s.organisation_id),
  );
  const pick = <T>(list: T[]) => list[Math.floor(dice() * list.length)];
  for (const org of ctx.partnership.organisations) {
    const organisationId = ctx.organisationIds.get(org.name)!;
    let champions = FIXED[org.name];
    if (!champions) {
      if (!signed.has(organisationId)) continue;
      const count = 1 + Math.floor(dice() * 2);
      champions = Array.from({ length: count }, (_, i) => {
        const roll = dice();
        const training: Training = roll < 0.1 ? "none" : roll < 0.45 ? "awareness" : roll < 0.75 ? "facilitator" : "accredited";
        return {
          name: `${pick(FIRST)} ${pick(LAST)}`,
          jobTitle: pick(TITLES),
          training,
          sinceDaysAgo: 30 + Math.floor(dice() * 700),
          accreditationInDays: training === "accredited" ? (dice() < 0.3 ? 10 + Math.floor(dice() * 45) : 90 + Math.floor(dice() * 600)) : undefined,
          contact: i === 0,
        };
      });
    }
    const used = new Set<string>();
    for (const c of champions) {
      let email = `${c.name.toLowerCase().replace(/[^a-z]+/g, ".")}@${domainOf(org.name)}`;
      if (c.account) email = c.account;
      if (used.has(email)) continue;
      used.add(email);
      const since = daysBefore(ctx.today, c.sinceDaysAgo);
      await tx
        .insertInto("champions")
        .values({
          partnership_id: ctx.partnershipId,
          organisation_id: organisationId,
          name: c.name,
          email,
          job_title: c.jobTitle,
          since,
          training: c.training,
          accreditation_expires_on: c.training === "accredited" ? daysBefore(ctx.today, -(c.accreditationInDays ?? 365)) : null,
          is_contact: Boolean(c.contact) && c.leftDaysAgo === undefined,
          left_on: c.leftDaysAgo === undefined ? null : daysBefore(ctx.today, c.leftDaysAgo),
          user_id: c.account ? (ctx.userIds.get(c.account) ?? null) : null,
        })
        .execute();
    }
  }
};
