/**
 * Small-number suppression: nothing published between 1 and threshold − 1, and no suppressed
 * value recoverable from the published totals — by a row or column total, a difference or any
 * other sum. Recoverability is checked here independently of the module: exact rank arithmetic
 * (BigInt) on the equations the published totals make.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countsPeople, publishedShare, publishMeasures, type AreaFigures, type PublicationMetric, type PublishedMeasure } from "~/modules/dashboards/publication";
import {
  publishedBeside,
  publishedPercent,
  SUPPRESSED,
  suppressColumn,
  suppressionThreshold,
  suppressTable,
  type CountTable,
  type PublishedTable,
} from "~/modules/rollups/suppression";

/** Rank of an integer matrix, exactly (fraction-free Gaussian elimination). */
function rank(matrix: bigint[][]): number {
  const m = matrix.map((r) => [...r]);
  let r = 0;
  const columns = m[0]?.length ?? 0;
  for (let c = 0; c < columns && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r || m[i][c] === 0n) continue;
      const a = m[r][c];
      const b = m[i][c];
      m[i] = m[i].map((x, k) => x * a - m[r][k] * b);
    }
    r++;
  }
  return r;
}

/** Every figure of the table with its published form, and the sums the published totals state. */
function figuresOf(table: CountTable, published: PublishedTable) {
  const all: Array<{ value: number; shown: number | null | string }> = [];
  const cell = table.cells.map((row, i) => row.map((v, j) => all.push({ value: v ?? 0, shown: published.cells[i][j] }) - 1));
  const rows = table.rowTotals?.map((v, i) => all.push({ value: v ?? 0, shown: published.rowTotals![i] }) - 1);
  const cols = table.columnTotals?.map((v, j) => all.push({ value: v ?? 0, shown: published.columnTotals![j] }) - 1);
  const grand = table.grandTotal === undefined ? undefined : all.push({ value: table.grandTotal ?? 0, shown: published.grandTotal! }) - 1;
  const sums: Array<{ parts: number[]; total: number }> = [];
  if (rows) cell.forEach((row, i) => sums.push({ parts: row, total: rows[i] }));
  if (cols) cell[0].forEach((_, j) => sums.push({ parts: cell.map((row) => row[j]), total: cols[j] }));
  if (grand !== undefined) sums.push({ parts: cell.flat(), total: grand });
  if (grand !== undefined && rows) sums.push({ parts: rows, total: grand });
  if (grand !== undefined && cols) sums.push({ parts: cols, total: grand });
  return { all, sums };
}

/** Whether a reader can work out figure `target` exactly from the published ones. */
function recoverable(all: Array<{ shown: unknown }>, sums: Array<{ parts: number[]; total: number }>, target: number) {
  const unknown = all.map((f, i) => (f.shown === SUPPRESSED ? i : -1)).filter((i) => i >= 0);
  const matrix = sums.map(({ parts, total }) => unknown.map((u) => BigInt(parts.filter((p) => p === u).length - (total === u ? 1 : 0))));
  const withTarget = [...matrix, unknown.map((u) => (u === target ? 1n : 0n))];
  return rank(withTarget) === rank(matrix);
}

const count = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 2, arbitrary: fc.integer({ min: 7, max: 60 }) });
const tables = fc
  .record({ rows: fc.integer({ min: 1, max: 5 }), columns: fc.integer({ min: 1, max: 5 }), margins: fc.constantFrom("rows", "columns", "both", "grand", "both+grand", "none") })
  .chain(({ rows, columns, margins }) =>
    fc.array(fc.array(fc.option(count, { freq: 8, nil: null }), { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }).map((cells) => {
      const sum = (xs: Array<number | null>) => xs.reduce<number>((a, b) => a + (b ?? 0), 0);
      const table: CountTable = { cells };
      if (margins.includes("rows") || margins.startsWith("both")) table.rowTotals = cells.map(sum);
      if (margins.includes("columns") || margins.startsWith("both")) table.columnTotals = cells[0].map((_, j) => sum(cells.map((r) => r[j])));
      if (margins.includes("grand")) table.grandTotal = sum(cells.flat());
      return table;
    }),
  );
const thresholds = fc.integer({ min: 0, max: 10 });

describe("small-number suppression", () => {
  it("never uses a threshold below 3, and 5 when none is set", () => {
    expect(suppressionThreshold(undefined)).toBe(5);
    expect(suppressionThreshold(1)).toBe(3);
    expect(suppressionThreshold(8)).toBe(8);
  });

  it("hides a small count and the next smallest figure beside it, so the total does not give it away", () => {
    expect(suppressColumn([2, 10, 12, null, 0], 24, 5)).toEqual({ values: [SUPPRESSED, SUPPRESSED, 12, null, 0], total: 24 });
    expect(suppressColumn([7, 10, 12], 29, 5)).toEqual({ values: [7, 10, 12], total: 29 });
    // A small total hides itself and every non-zero part.
    expect(suppressColumn([0, 3, 0], 3, 5)).toEqual({ values: [0, SUPPRESSED, 0], total: SUPPRESSED });
  });

  it("suppresses a percentage whose numerator or base is suppressed", () => {
    expect(publishedPercent(SUPPRESSED, 40)).toBe(SUPPRESSED);
    expect(publishedPercent(12, SUPPRESSED)).toBe(SUPPRESSED);
    expect(publishedPercent(10, 40)).toBe(25);
    expect(publishedPercent(0, 0)).toBeNull();
  });

  it("shows a group's figure beside the reader's own only when the others' part cannot be small", () => {
    expect(publishedBeside(3, 5, 5)).toBe(SUPPRESSED);
    expect(publishedBeside(6, 6, 5)).toBe(6);
    // A small group figure is suppressed like any other, even when it is all the reader's own.
    expect(publishedBeside(3, 3, 5)).toBe(SUPPRESSED);
    expect(publishedBeside(3, 10, 5)).toBe(10);
    expect(publishedBeside(null, 4, 5)).toBe(SUPPRESSED);
  });

  it("publishes no cell or total between 1 and threshold − 1, and changes no figure it shows (property)", () => {
    fc.assert(
      fc.property(tables, thresholds, (table, configured) => {
        const t = suppressionThreshold(configured);
        const published = suppressTable(table, configured);
        const { all } = figuresOf(table, published);
        for (const f of all) {
          if (f.shown === SUPPRESSED) continue;
          expect(f.shown === null || f.shown === f.value).toBe(true);
          if (typeof f.shown === "number") expect(f.shown === 0 || f.shown >= t, `published ${f.shown} under ${t}`).toBe(true);
        }
      }),
      { numRuns: 600 },
    );
  });

  it("leaves no suppressed small value recoverable from the published totals or differences, and suppresses only counts of 1 or more (property)", () => {
    fc.assert(
      fc.property(tables, thresholds, (table, configured) => {
        const t = suppressionThreshold(configured);
        const { all, sums } = figuresOf(table, suppressTable(table, configured));
        all.forEach((f, i) => {
          if (f.shown !== SUPPRESSED) return;
          // Only positive figures are hidden, so each can move both ways: non-negativity reveals nothing more than the equations.
          expect(f.value).toBeGreaterThanOrEqual(1);
          if (f.value < t) expect(recoverable(all, sums, i), `figure ${i} (${f.value}) of ${JSON.stringify(table)}`).toBe(false);
        });
      }),
      { numRuns: 600 },
    );
  });
});

describe("published activity figures (measures by area, with their 'of which' parts)", () => {
  interface Generated {
    metrics: PublicationMetric[];
    figures: Map<string, AreaFigures>;
    /** The unpublished rest of each whole (whole − its parts), per area and in total. */
    rests: Map<string, { areas: number[]; total: number }>;
  }

  /** Up to five measures in trees ("of which" parts of parts), flows adding up exactly; some stocks and sessions beside them. */
  const workloads = fc
    .record({
      areas: fc.integer({ min: 1, max: 5 }),
      shapes: fc.array(fc.record({ parent: fc.nat({ max: 5 }), people: fc.constantFrom(true, true, true, false), stock: fc.boolean() }), { minLength: 1, maxLength: 5 }),
      seed: fc.array(fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 6 }) }, { weight: 2, arbitrary: fc.integer({ min: 7, max: 40 }) }), {
        minLength: 60,
        maxLength: 60,
      }),
      nulls: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
    })
    .map(({ areas, shapes, seed, nulls }): Generated => {
      let next = 0;
      const draw = () => seed[next++ % seed.length];
      const metrics: PublicationMetric[] = [];
      shapes.forEach((s, i) => {
        // A part of an earlier flow, counting the same thing; stocks and the first measure stand alone.
        const parent = i > 0 && !s.stock && s.parent < i && !shapes[s.parent].stock ? metrics[s.parent] : null;
        const unit = parent ? parent.unit : s.people ? "people" : "sessions";
        metrics.push({ id: `m${i}`, label: `Measure ${i}`, unit, aggregation: s.stock ? "last" : "sum", partOfId: parent?.id ?? null });
      });
      const figures = new Map<string, AreaFigures>();
      const rests = new Map<string, { areas: number[]; total: number }>();
      // Parts before wholes: a whole is its parts plus a rest.
      for (const m of [...metrics].reverse()) {
        const parts = metrics.filter((p) => p.partOfId === m.id);
        const rest = Array.from({ length: areas }, draw);
        const values = Array.from({ length: areas }, (_, a) =>
          parts.length ? rest[a] + parts.reduce((sum, p) => sum + (figures.get(p.id)!.areas[a] ?? 0), 0) : nulls[(next + a) % nulls.length] && a % 2 ? null : rest[a],
        );
        const total = values.every((v) => v === null) ? null : values.reduce<number>((s, v) => s + (v ?? 0), 0);
        figures.set(m.id, { areas: values, total, at: m.aggregation === "last" ? "2025Q4" : null });
        if (parts.length) rests.set(m.id, { areas: rest, total: rest.reduce((s, v) => s + v, 0) });
      }
      return { metrics, figures, rests };
    });

  /** Every figure a reader sees or could reason about, and the sums they know hold. */
  function system({ metrics, figures, rests }: Generated, published: Map<string, PublishedMeasure>) {
    const all: Array<{ value: number; shown: number | null | string }> = [];
    const sums: Array<{ parts: number[]; total: number }> = [];
    const index = new Map<string, { areas: number[]; total: number }>();
    for (const m of metrics.filter(countsPeople)) {
      const f = figures.get(m.id)!;
      const p = published.get(m.id)!;
      const areas = f.areas.map((v, a) => all.push({ value: v ?? 0, shown: p.areas[a] }) - 1);
      const total = all.push({ value: f.total ?? 0, shown: p.total }) - 1;
      index.set(m.id, { areas, total });
      sums.push({ parts: areas, total });
    }
    for (const [id, rest] of rests) {
      if (!index.has(id)) continue;
      const parts = metrics.filter((p) => p.partOfId === id).map((p) => index.get(p.id)!);
      const restAreas = rest.areas.map((v) => all.push({ value: v, shown: SUPPRESSED }) - 1);
      const restTotal = all.push({ value: rest.total, shown: SUPPRESSED }) - 1;
      restAreas.forEach((r, a) => sums.push({ parts: [...parts.map((p) => p.areas[a]), r], total: index.get(id)!.areas[a] }));
      sums.push({ parts: [...parts.map((p) => p.total), restTotal], total: index.get(id)!.total });
      sums.push({ parts: restAreas, total: restTotal });
    }
    return { all, sums };
  }

  it("publishes no count of people between 1 and threshold − 1, changes no figure it shows, and leaves sessions alone (property)", () => {
    fc.assert(
      fc.property(workloads, thresholds, (w, configured) => {
        const t = suppressionThreshold(configured);
        const published = publishMeasures(w.metrics, w.figures, configured);
        for (const m of w.metrics) {
          const raw = w.figures.get(m.id)!;
          const shown = published.get(m.id)!;
          if (!countsPeople(m)) {
            expect(shown).toEqual({ areas: raw.areas, total: raw.total });
            continue;
          }
          [...shown.areas, shown.total].forEach((s, i) => {
            const value = i < raw.areas.length ? raw.areas[i] : raw.total;
            if (s === SUPPRESSED) return;
            expect(s).toBe(value);
            if (typeof s === "number") expect(s === 0 || s >= t, `published ${s} under ${t}`).toBe(true);
          });
        }
      }),
      { numRuns: 400 },
    );
  });

  it("leaves no small count recoverable from column totals, a whole minus its parts, or any other sum (property)", () => {
    fc.assert(
      fc.property(workloads, thresholds, (w, configured) => {
        const t = suppressionThreshold(configured);
        const { all, sums } = system(w, publishMeasures(w.metrics, w.figures, configured));
        all.forEach((f, i) => {
          if (f.shown === SUPPRESSED && f.value >= 1 && f.value < t) expect(recoverable(all, sums, i), `figure ${i} (${f.value}) of ${JSON.stringify([...w.figures])}`).toBe(false);
        });
      }),
      { numRuns: 400 },
    );
  });

  it("hides a whole's small rest: the parts cannot be shown when the whole minus them is a small count", () => {
    const metrics: PublicationMetric[] = [
      { id: "received", label: "Referrals received", unit: "referrals", aggregation: "sum", partOfId: null },
      { id: "self", label: "Of which self-referrals", unit: "referrals", aggregation: "sum", partOfId: "received" },
    ];
    const published = publishMeasures(
      metrics,
      new Map([
        ["received", { areas: [40, 30], total: 70, at: null }],
        ["self", { areas: [38, 10], total: 48, at: null }],
      ]),
      5,
    );
    // 40 − 38 = 2 referrals not from the community in the first area: one of the two must go.
    const first = [published.get("received")!.areas[0], published.get("self")!.areas[0]];
    expect(first).toContain(SUPPRESSED);
    expect(publishedShare(published.get("self")!, published.get("received")!).areas[0]).toBe(SUPPRESSED);
  });
});
