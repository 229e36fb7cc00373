/**
 * The dashboards' roll-ups stay equal to a fresh aggregation of the raw values, whatever happens:
 * random sequences of draft saves, submissions, the coordinator's returns and acceptances, CSV
 * corrections that change or clear figures, organisations moving borough or sector, leaving the
 * programme and withdrawing their pledge (fast-check). The fresh aggregation is computed here in
 * JavaScript with the returns module's own rules, not with the rebuild's SQL.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import type { MetricAggregation } from "../../db/types";
import { aggregateRange, combineOrganisations } from "~/modules/returns/aggregation";
import { metricsForQuarter } from "~/modules/returns/metrics.server";
import { countsForFigures } from "~/modules/returns/status";
import { loadReturn } from "~/modules/returns/store.server";
import { NOT_APPLICABLE, type MetricValue } from "~/modules/returns/values";
import { correctReturn, reviewReturn, saveReturnForm } from "~/modules/returns/workflow.server";
import { quarterOf, previousQuarter } from "~/modules/reporting/periods";
import { now, today } from "~/modules/platform/clock.server";
import { boroughKeyOf } from "~/modules/rollups/contributions";
import { rangeValue } from "~/modules/rollups/figures";
import { quarterlyFigures } from "~/modules/rollups/figures.server";
import { rebuildMetricRollups, rollupDrift } from "~/modules/rollups/rebuild.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { partnershipId, userId } from "../helpers/fixtures";

const db = useTestDatabase("demo", { poolSize: 12 });

const current = quarterOf(today());
const QUARTERS = [previousQuarter(current).key, current.key];
/** Inside the current quarter, when neither quarter is locked. */
const DAY = current.start;
const SETTINGS = { deadlineDays: 30, graceDays: 30 };
const METRICS = ["referrals_made", "accredited_practitioners", "victims_offered"];
const SECTORS = ["housing", "education", "health"] as const;

let cleveland = "";
let champion = "";
let coordinator = "";
let boroughs: string[] = [];
let organisationCount = 0;

beforeAll(async () => {
  const owner = db().handles.owner;
  cleveland = await partnershipId(owner, "cleveland");
  champion = await userId(owner, "champion@cleveland.demo.test");
  coordinator = await userId(owner, "coordinator@cleveland.demo.test");
  boroughs = (await owner.selectFrom("boroughs").select("id").where("partnership_id", "=", cleveland).orderBy("name").execute()).map((b) => b.id);
});

const inCleveland = <T>(work: Parameters<typeof withPartnership<T>>[2], user = coordinator) => withPartnership(cleveland, user, work);

async function newOrganisations(n: number, options: { sameCell?: boolean } = {}) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await inCleveland((tx) =>
      tx
        .insertInto("organisations")
        .values({
          partnership_id: cleveland,
          name: `Roll-up Test ${++organisationCount}`,
          ...(options.sameCell
            ? { sector: "housing", borough_id: boroughs[1] }
            : { sector: SECTORS[i % SECTORS.length], borough_id: i % 3 === 0 ? null : boroughs[i % boroughs.length] }),
        })
        .returning("id")
        .executeTakeFirstOrThrow(),
    );
    ids.push(id);
  }
  return ids;
}

type Figure = number | "na" | "blank";
const figure = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant<"na">("na"), fc.constant<"blank">("blank"));
const figures = fc.dictionary(fc.constantFrom(...METRICS), figure, { maxKeys: 3 });
const org = fc.nat({ max: 3 });
const quarterIndex = fc.nat({ max: 1 });

const command = fc.oneof(
  fc.record({ kind: fc.constantFrom("save" as const, "submit" as const), org, quarter: quarterIndex, figures }),
  fc.record({ kind: fc.constantFrom("accept" as const, "return" as const), org, quarter: quarterIndex }),
  fc.record({ kind: fc.constant("correct" as const), org, quarter: quarterIndex, figures }),
  fc.record({ kind: fc.constant("move" as const), org, borough: fc.nat({ max: 4 }), sector: fc.constantFrom(...SECTORS) }),
  fc.record({ kind: fc.constantFrom("leave" as const, "withdraw" as const), org }),
);
type Command = { kind: string; org: number; quarter?: number; figures?: Record<string, Figure>; borough?: number; sector?: (typeof SECTORS)[number] };

function posted(values: Record<string, Figure>) {
  const form: Record<string, string> = {};
  for (const [key, v] of Object.entries(values)) {
    if (v === "na") form[`na.${key}`] = "on";
    else form[`value.${key}`] = v === "blank" ? "" : String(v);
  }
  return form;
}

async function apply(organisations: string[], c: Command) {
  const organisationId = organisations[c.org];
  if (c.kind === "move") {
    const boroughId = c.borough === 4 ? null : boroughs[c.borough!];
    await inCleveland((tx) =>
      tx.updateTable("organisations").set({ borough_id: boroughId, sector: c.sector! }).where("partnership_id", "=", cleveland).where("id", "=", organisationId).execute(),
    );
    return;
  }
  if (c.kind === "leave") {
    await inCleveland((tx) =>
      tx.updateTable("organisations").set({ withdrawn_at: now(), withdrawn_reason: "Test" }).where("partnership_id", "=", cleveland).where("id", "=", organisationId).execute(),
    );
    return;
  }
  if (c.kind === "withdraw") {
    await inCleveland((tx) =>
      tx.insertInto("pledge_withdrawals").values({ partnership_id: cleveland, organisation_id: organisationId, withdrawn_on: DAY, reason: "Test" }).execute(),
    );
    return;
  }
  const key = { partnershipId: cleveland, organisationId, quarter: QUARTERS[c.quarter!] };
  const version = (await inCleveland((tx) => loadReturn(tx, key))).row?.version ?? 0;
  if (c.kind === "save" || c.kind === "submit") {
    await inCleveland(
      (tx) =>
        saveReturnForm(tx, {
          ...key,
          userId: champion,
          intent: c.kind as "save" | "submit",
          baseVersion: version,
          posted: posted(c.figures!),
          confirmed: true,
          settings: SETTINGS,
          today: DAY,
        }),
      champion,
    );
  } else if (c.kind === "accept" || c.kind === "return") {
    await inCleveland((tx) =>
      reviewReturn(tx, {
        ...key,
        userId: coordinator,
        decision: c.kind as "accept" | "return",
        reason: "Please check",
        baseVersion: version,
        settings: SETTINGS,
        today: DAY,
        openUntil: "2099-12-31",
      }),
    );
  } else {
    const values: Record<string, MetricValue> = {};
    for (const [k, v] of Object.entries(c.figures!)) values[k] = v === "na" ? NOT_APPLICABLE : v === "blank" ? null : v;
    await inCleveland(async (tx) => correctReturn(tx, { ...key, userId: coordinator, metrics: await metricsForQuarter(tx, key), values }));
  }
}

/** The raw counted values of the partnership, as the owner sees them. */
async function rawValues() {
  const { rows } = await sql<{
    quarter: string;
    metric_id: string;
    organisation_id: string;
    value: number | null;
    not_applicable: boolean;
    status: string;
    borough_id: string | null;
    sector: string;
  }>`
    select v.quarter, v.metric_id, v.organisation_id, v.value, v.not_applicable, r.status, o.borough_id, o.sector
    from return_values v
    join quarterly_returns r using (partnership_id, organisation_id, quarter)
    join organisations o on o.partnership_id = v.partnership_id and o.id = v.organisation_id
    where v.partnership_id = ${cleveland}`.execute(db().handles.owner);
  return rows.filter((r) => countsForFigures(r.status as never)).map((r) => ({ ...r, figure: (r.not_applicable ? NOT_APPLICABLE : r.value) as MetricValue }));
}

async function expectRollupsEqualFreshAggregation() {
  const raw = await rawValues();
  const groups = new Map<string, MetricValue[]>();
  for (const r of raw) {
    const key = [r.quarter, r.metric_id, boroughKeyOf(r.borough_id), r.sector].join("|");
    groups.set(key, [...(groups.get(key) ?? []), r.figure]);
  }
  const fresh = [...groups].map(([key, values]) => {
    const a = combineOrganisations(values);
    return `${key}|${a.value ?? 0}|${a.reporting}|${a.notApplicable}`;
  });
  const kept = await db()
    .handles.owner.selectFrom("metric_rollups")
    .selectAll()
    .where("partnership_id", "=", cleveland)
    .where((eb) => eb.or([eb("reporting", ">", 0), eb("not_applicable", ">", 0)]))
    .execute();
  // Rows of zeros that upkeep leaves behind hold nothing; no other row may differ.
  expect(kept.filter((k) => k.reporting === 0 && k.total !== 0)).toEqual([]);
  expect(kept.map((k) => [k.quarter, k.metric_id, k.borough_key, k.sector, k.total, k.reporting, k.not_applicable].join("|")).sort()).toEqual(fresh.sort());
  return raw;
}

/** Flows add up over the range, stocks take the latest quarter with a figure: the same from roll-ups as from raw values. */
async function expectRangeFiguresAgree(raw: Awaited<ReturnType<typeof rawValues>>) {
  const metrics = await db().handles.owner.selectFrom("metrics").select(["id", "key", "aggregation"]).where("partnership_id", "=", cleveland).where("key", "in", METRICS).execute();
  const range = { from: QUARTERS[0], to: QUARTERS[1] };
  for (const boroughKey of [...boroughs, boroughKeyOf(null)]) {
    const kept = await inCleveland((tx) => quarterlyFigures(tx, { partnershipId: cleveland, ...range, boroughKey, by: "none" }));
    for (const m of metrics) {
      const fromRaw = aggregateRange(
        m.aggregation as MetricAggregation,
        raw
          .filter((r) => r.metric_id === m.id && boroughKeyOf(r.borough_id) === boroughKey)
          .map((r) => ({ organisationId: r.organisation_id, quarter: r.quarter, value: r.figure })),
        range,
      ).value;
      expect(
        rangeValue(
          m.aggregation as MetricAggregation,
          kept.filter((f) => f.metricId === m.id),
          range,
        ),
        `${m.key} in ${boroughKey}`,
      ).toBe(fromRaw);
    }
  }
}

describe("dashboard roll-ups", () => {
  it("start equal to the raw values in the demo (built by the demo's rebuild step)", async () => {
    for (const slug of ["cleveland", "hampshire"]) {
      const id = await partnershipId(db().handles.owner, slug);
      expect(await withPartnership(id, null, (tx) => rollupDrift(tx, { partnershipId: id }))).toEqual([]);
    }
    await expectRollupsEqualFreshAggregation();
  });

  it("equal a fresh aggregation after any sequence of submissions, corrections, returns, withdrawals and moves", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
        const organisations = await newOrganisations(4);
        for (const c of commands) await apply(organisations, c);
        const raw = await expectRollupsEqualFreshAggregation();
        await expectRangeFiguresAgree(raw);
      }),
      { numRuns: 40 },
    );
  });

  it("stay exact when organisations in one borough and sector submit at the same moment, and while others move", async () => {
    const organisations = await newOrganisations(16, { sameCell: true });
    await Promise.all(
      organisations.map((organisationId, i) =>
        i % 4 === 3
          ? inCleveland((tx) =>
              tx
                .updateTable("organisations")
                .set({ sector: "faith" })
                .where("partnership_id", "=", cleveland)
                .where("id", "=", organisations[i - 1])
                .execute(),
            )
          : apply(organisations, { kind: "submit", org: i, quarter: 1, figures: { referrals_made: i, accredited_practitioners: 2 } }),
      ),
    );
    await expectRollupsEqualFreshAggregation();
  });

  it("are rebuilt from scratch to the same rows", async () => {
    const before = await db()
      .handles.owner.selectFrom("metric_rollups")
      .selectAll()
      .where("partnership_id", "=", cleveland)
      .where("reporting", ">", 0)
      .orderBy(["quarter", "metric_id", "borough_key", "sector"])
      .execute();
    await inCleveland((tx) => tx.updateTable("metric_rollups").set({ total: 999 }).where("partnership_id", "=", cleveland).where("reporting", ">", 0).execute());
    expect((await inCleveland((tx) => rollupDrift(tx, { partnershipId: cleveland }))).length).toBeGreaterThan(0);
    await inCleveland((tx) => rebuildMetricRollups(tx, { partnershipId: cleveland }));
    const after = await db()
      .handles.owner.selectFrom("metric_rollups")
      .selectAll()
      .where("partnership_id", "=", cleveland)
      .where("reporting", ">", 0)
      .orderBy(["quarter", "metric_id", "borough_key", "sector"])
      .execute();
    expect(after).toEqual(before);
  });
});
