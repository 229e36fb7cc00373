/**
 * Demo step: the six themes, last year's delivery plan and this year's (carrying last year's
 * unfinished actions on), with milestones and quarterly updates up to the seed's `today`.
 * The review of last year's plan is opened by the app's own code (app/modules/delivery/demo.server.ts),
 * because its snapshot must be derived exactly as a real one is.
 */
import type { Transaction } from "kysely";
import type { Database, ThemeKey } from "../types";
import type { DemoContext } from "./demo";
import { LAST_YEAR, PARTS, PLACES, THIS_YEAR, type DemoAction } from "./delivery-plan-data";
import { quarterKeyOf } from "./quarters";

// The names of Appendix A, as app/modules/delivery/themes.ts has them (db/ cannot import app/; a test compares the two).
const THEMES: Array<{ key: ThemeKey; name: string }> = [
  { key: "communication", name: "Communication, engagement and marketing" },
  { key: "quality", name: "Quality service provision and quality assurance" },
  { key: "sustainability", name: "Sustainability of services and training" },
  { key: "information_sharing", name: "Information sharing" },
  { key: "innovation", name: "Innovation" },
  { key: "partnership_working", name: "Partnership working" },
];

const iso = (d: Date) => d.toISOString().slice(0, 10);
/** A day in a financial year: `months` after April of `year` (day 0 is the last day of the month before). */
const fyDate = (year: number, months: number, day: number) => iso(new Date(Date.UTC(year, 3 + months, day)));
const quarterStart = (year: number, n: number) => fyDate(year, (n - 1) * 3, 1);

export async function seedDeliveryPlans(tx: Transaction<Database>, ctx: DemoContext) {
  const partnershipId = ctx.partnershipId;
  const today = ctx.today;
  const thisYear = Number(quarterKeyOf(today).slice(0, 4));
  const parts = PARTS[ctx.partnership.slug];
  const places = PLACES[ctx.partnership.slug];
  if (!parts || !places) return;

  const themes = await tx
    .insertInto("plan_themes")
    .values(THEMES.map((t, i) => ({ partnership_id: partnershipId, key: t.key, name: t.name, position: i + 1 })))
    .returning(["id", "position"])
    .execute();
  const themeIds = new Map(themes.map((t) => [t.position, t.id]));
  const coordinator = ctx.userIds.get(`coordinator@${ctx.partnership.slug}.demo.test`) ?? null;
  const champion = ctx.userIds.get(`champion@${ctx.partnership.slug}.demo.test`) ?? null;

  const org = (part: keyof typeof parts) => {
    const id = ctx.organisationIds.get(parts[part]);
    if (!id) throw new Error(`Demo plan names unknown organisation ${parts[part]}`);
    return id;
  };

  type Seeded = { planId: string; actions: Map<string, { id: string; progress: number }> };
  async function seedPlan(year: number, actions: DemoAction[], carriedFrom: Seeded | null): Promise<Seeded> {
    const { id: planId } = await tx
      .insertInto("delivery_plans")
      .values({
        partnership_id: partnershipId,
        financial_year: year,
        carried_from_plan_id: carriedFrom?.planId ?? null,
        created_by: coordinator,
        created_at: `${fyDate(year, -1, 20)}T10:00:00Z`,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ids: Seeded["actions"] = new Map();
    const numbering = new Map<number, number>();
    for (const action of actions) {
      const n = (numbering.get(action.theme) ?? 0) + 1;
      numbering.set(action.theme, n);
      const carried = action.carriedFrom ? carriedFrom?.actions.get(action.carriedFrom) : undefined;
      const boroughs = [...new Set((action.boroughs ?? []).map((b) => ctx.boroughIds.get(places[b])!))];
      const lead = org(action.lead);
      const { id: actionId } = await tx
        .insertInto("plan_actions")
        .values({
          partnership_id: partnershipId,
          plan_id: planId,
          theme_id: themeIds.get(action.theme)!,
          reference: `${action.theme}.${n}`,
          title: action.title,
          description: action.description ?? null,
          lead_organisation_id: lead,
          whole_partnership: boroughs.length === 0,
          start_on: fyDate(year, action.start, 1),
          due_on: fyDate(year, action.due + 1, 0),
          success_measure: action.successMeasure,
          weight: action.weight ?? 1,
          starting_progress: action.milestones?.length ? 0 : (carried?.progress ?? 0),
          carried_from_action_id: carried?.id ?? null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(action.title, { id: actionId, progress: action.updates.at(-1)?.progress ?? 0 });
      const supporters = [...new Set((action.supporting ?? []).map(org))].filter((id) => id !== lead);
      if (supporters.length)
        await tx
          .insertInto("plan_action_supporters")
          .values(supporters.map((id) => ({ partnership_id: partnershipId, action_id: actionId, organisation_id: id })))
          .execute();
      if (boroughs.length)
        await tx
          .insertInto("plan_action_boroughs")
          .values(boroughs.map((id) => ({ partnership_id: partnershipId, action_id: actionId, borough_id: id })))
          .execute();
      for (const m of action.milestones ?? []) {
        const done = m.doneInQuarter ? fyDate(year, (m.doneInQuarter - 1) * 3 + 1, 14) : null;
        await tx
          .insertInto("plan_milestones")
          .values({ partnership_id: partnershipId, action_id: actionId, title: m.title, due_on: fyDate(year, m.due + 1, 0), done_on: done && done <= today ? done : null })
          .execute();
      }
      const recorder = action.lead === "championOrg" ? (champion ?? coordinator) : coordinator;
      for (const u of action.updates) {
        if (quarterStart(year, u.quarter) > today) continue;
        await tx
          .insertInto("plan_action_updates")
          .values({
            partnership_id: partnershipId,
            action_id: actionId,
            quarter: `${year}Q${u.quarter}`,
            status: u.status,
            progress: action.milestones?.length ? null : (u.progress ?? null),
            commentary: u.commentary,
            recorded_by: recorder,
            // Recorded early in the month after the quarter, or today for the quarter under way.
            recorded_at: `${[fyDate(year, u.quarter * 3, 12), today].sort()[0]}T09:30:00Z`,
          })
          .execute();
      }
    }
    return { planId, actions: ids };
  }

  const last = await seedPlan(thisYear - 1, LAST_YEAR, null);
  await seedPlan(thisYear, THIS_YEAR, last);
}
