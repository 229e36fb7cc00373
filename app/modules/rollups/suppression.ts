/**
 * Small-number suppression for published figures (DESIGN.md "Small numbers"): the one place that
 * decides what the public page and exports "for publication" may show. Coordinators and board
 * members see real figures; nothing else about suppression lives elsewhere.
 *
 * A table of counts of people, with any of its totals, is published so that:
 *   - no cell or total between 1 and threshold − 1 is shown (primary suppression);
 *   - no such value can be worked out from what is shown: not from a row or column total, not
 *     from differences between published figures, not from any sum of them (secondary
 *     suppression). Checked exactly: a hidden value is recoverable when it is fixed by the
 *     linear equations the published totals make; further cells are suppressed until none is.
 *     Only cells of at least 1 are suppressed second, so each hidden value can also move in
 *     both directions without any going negative — non-negativity tells a reader nothing more.
 *   - a percentage whose numerator or base is suppressed is suppressed.
 * Zero is shown (it identifies nobody); "no figure" (null) stays no figure.
 */

/** What a suppressed figure shows instead, here and in CSV ("[c]": confidential, as official statistics mark it). */
export const SUPPRESSED = "[c]";
export type PublishedFigure = number | null | typeof SUPPRESSED;

export const DEFAULT_THRESHOLD = 5;
export const MINIMUM_THRESHOLD = 3;

/** The partnership's threshold, never below 3. */
export function suppressionThreshold(configured: number | null | undefined): number {
  return Math.max(MINIMUM_THRESHOLD, Math.floor(configured ?? DEFAULT_THRESHOLD));
}

export interface CountTable {
  /** Rows × columns of counts; null where there is no figure (nothing to add). */
  cells: Array<Array<number | null>>;
  /** Published totals of each row, each column, and of everything; leave out what is not published. */
  rowTotals?: Array<number | null>;
  columnTotals?: Array<number | null>;
  grandTotal?: number | null;
  /** Cells the reader already knows (an organisation's own figures): shown, never suppressed. */
  known?: boolean[][];
  /** Cells never shown (e.g. "the rest of the borough"): protected like suppressed ones when small. */
  hidden?: boolean[][];
}

export interface PublishedTable {
  cells: PublishedFigure[][];
  rowTotals?: PublishedFigure[];
  columnTotals?: PublishedFigure[];
  grandTotal?: PublishedFigure;
}

type State = "shown" | "suppressed" | "known" | "hidden";
interface Figure {
  value: number;
  state: State;
  interior: boolean;
}

const isSmall = (value: number, threshold: number) => value >= 1 && value < threshold;

/** The table's figures as one list, and the equations its published totals make (indices into it, each summing to zero). */
function layout(table: CountTable) {
  const figures: Figure[] = [];
  const add = (value: number | null, interior: boolean, state: State = "shown") => figures.push({ value: value ?? 0, interior, state: value === null ? "known" : state }) - 1;
  const columns = Math.max(0, ...table.cells.map((r) => r.length));
  const cell = table.cells.map((row, i) =>
    Array.from({ length: columns }, (_, j) => add(row[j] ?? null, true, table.hidden?.[i]?.[j] ? "hidden" : table.known?.[i]?.[j] ? "known" : "shown")),
  );
  const rowTotal = table.rowTotals?.map((v) => add(v, false));
  const columnTotal = table.columnTotals?.map((v) => add(v, false));
  const grand = table.grandTotal === undefined ? undefined : add(table.grandTotal, false);
  const equations: Array<Array<[number, number]>> = [];
  const sum = (parts: number[], total: number) => equations.push([...parts.map((p) => [p, 1] as [number, number]), [total, -1]]);
  if (rowTotal) cell.forEach((row, i) => sum(row, rowTotal[i]));
  if (columnTotal)
    for (let j = 0; j < columns; j++)
      sum(
        cell.map((row) => row[j]),
        columnTotal[j],
      );
  if (grand !== undefined) sum(cell.flat(), grand);
  if (grand !== undefined && rowTotal) sum(rowTotal, grand);
  if (grand !== undefined && columnTotal) sum(columnTotal, grand);
  return { figures, equations, cell, rowTotal, columnTotal, grand };
}

/**
 * The unknown figures (suppressed or hidden) that the equations fix exactly, given every shown
 * and known figure: reduced row echelon form over the unknowns; an unknown is fixed when some
 * row of it is that unknown alone.
 */
export function fixedUnknowns(figures: Array<{ state: State }>, equations: Array<Array<[number, number]>>): Set<number> {
  const unknowns = figures.map((f, i) => (f.state === "suppressed" || f.state === "hidden" ? i : -1)).filter((i) => i >= 0);
  const column = new Map(unknowns.map((u, k) => [u, k]));
  const matrix = equations
    .map((eq) => {
      const row = new Array<number>(unknowns.length).fill(0);
      for (const [index, coefficient] of eq) if (column.has(index)) row[column.get(index)!] += coefficient;
      return row;
    })
    .filter((row) => row.some((x) => x !== 0));
  const EPSILON = 1e-9;
  let pivotRow = 0;
  const pivots: Array<[number, number]> = [];
  for (let c = 0; c < unknowns.length && pivotRow < matrix.length; c++) {
    let best = pivotRow;
    for (let r = pivotRow + 1; r < matrix.length; r++) if (Math.abs(matrix[r][c]) > Math.abs(matrix[best][c])) best = r;
    if (Math.abs(matrix[best][c]) < EPSILON) continue;
    [matrix[pivotRow], matrix[best]] = [matrix[best], matrix[pivotRow]];
    const lead = matrix[pivotRow][c];
    for (let k = 0; k < unknowns.length; k++) matrix[pivotRow][k] /= lead;
    for (let r = 0; r < matrix.length; r++) {
      if (r === pivotRow || Math.abs(matrix[r][c]) < EPSILON) continue;
      const factor = matrix[r][c];
      for (let k = 0; k < unknowns.length; k++) matrix[r][k] -= factor * matrix[pivotRow][k];
    }
    pivots.push([pivotRow, c]);
    pivotRow++;
  }
  const fixed = new Set<number>();
  for (const [r, c] of pivots) if (matrix[r].every((x, k) => k === c || Math.abs(x) < EPSILON)) fixed.add(unknowns[c]);
  return fixed;
}

/** Marks small shown figures suppressed, then suppresses more until no small unknown figure is fixed by the equations. */
function suppressInPlace(figures: Figure[], equations: Array<Array<[number, number]>>, t: number) {
  for (const f of figures) if (f.state === "shown" && isSmall(f.value, t)) f.state = "suppressed";
  for (let guard = 0; guard <= figures.length; guard++) {
    const exposed = [...fixedUnknowns(figures, equations)].filter((i) => isSmall(figures[i].value, t));
    if (exposed.length === 0) break;
    const target = exposed[0];
    const candidates = (pool: number[]) =>
      pool
        .filter((i) => figures[i].state === "shown" && figures[i].value >= 1)
        .sort((a, b) => Number(figures[b].interior) - Number(figures[a].interior) || figures[a].value - figures[b].value || a - b);
    const besideTarget = equations.filter((eq) => eq.some(([i]) => i === target)).flatMap((eq) => eq.map(([i]) => i));
    const choice = candidates(besideTarget)[0] ?? candidates(figures.map((_, i) => i))[0];
    if (choice === undefined) break; // only known figures are left: nothing more can be hidden
    figures[choice].state = "suppressed";
  }
}

const publishedForm = (f: Figure): PublishedFigure => (f.state === "suppressed" || f.state === "hidden" ? SUPPRESSED : f.value);

/** Suppresses a table of counts of people for publication. */
export function suppressTable(table: CountTable, threshold: number): PublishedTable {
  const { figures, equations, cell, rowTotal, columnTotal, grand } = layout(table);
  suppressInPlace(figures, equations, suppressionThreshold(threshold));
  const originalNull = (value: number | null | undefined, index: number) => (value === null ? null : publishedForm(figures[index]));
  return {
    cells: cell.map((row, i) => row.map((index, j) => originalNull(table.cells[i][j] ?? null, index))),
    ...(rowTotal ? { rowTotals: rowTotal.map((index, i) => originalNull(table.rowTotals![i], index)) } : {}),
    ...(columnTotal ? { columnTotals: columnTotal.map((index, j) => originalNull(table.columnTotals![j], index)) } : {}),
    ...(grand !== undefined ? { grandTotal: originalNull(table.grandTotal, grand) } : {}),
  };
}

export interface LinkedFigure {
  /** Null: no figure (shown as none, and known to add nothing). */
  value: number | null;
  /** Never published, but protected when small (the "rest" of a whole that is not broken down). */
  hidden?: boolean;
  /** A cell rather than a total: chosen first when something more must be suppressed. */
  interior?: boolean;
}

/**
 * Figures of any shape tied by sums (`total` = the sum of `parts`, all indices into `figures`):
 * several tables that share figures, or a whole with its "of which" parts. The same rules as
 * suppressTable, over every sum at once.
 */
export function suppressLinked(figures: LinkedFigure[], sums: Array<{ parts: number[]; total: number }>, threshold: number): PublishedFigure[] {
  const list: Figure[] = figures.map((f) => ({ value: f.value ?? 0, interior: f.interior ?? false, state: f.value === null ? "known" : f.hidden ? "hidden" : "shown" }));
  const equations = sums.map(({ parts, total }) => [...parts.map((p) => [p, 1] as [number, number]), [total, -1] as [number, number]]);
  suppressInPlace(list, equations, suppressionThreshold(threshold));
  return list.map((f, i) => (figures[i].value === null ? null : publishedForm(f)));
}

/** One list of figures with its published total (a column of boroughs and the county, say). */
export function suppressColumn(values: Array<number | null>, total: number | null, threshold: number) {
  const published = suppressTable({ cells: values.map((v) => [v]), columnTotals: [total] }, threshold);
  return { values: published.cells.map((r) => r[0]), total: published.columnTotals![0] };
}

/** A percentage is shown only when both its numerator and its base are. */
export function publishedPercent(numerator: PublishedFigure, base: PublishedFigure): number | null | typeof SUPPRESSED {
  if (numerator === SUPPRESSED || base === SUPPRESSED) return SUPPRESSED;
  if (numerator === null || base === null || base === 0) return null;
  return Math.round((100 * numerator) / base);
}

/**
 * A group's figure beside the reader's own (an organisation comparing itself with its borough):
 * shown only when what it adds to theirs — the others' figure — cannot be a small count.
 */
export function publishedBeside(own: number | null, group: number | null, threshold: number): PublishedFigure {
  if (group === null) return null;
  const others = group - (own ?? 0);
  const published = suppressTable({ cells: [[own ?? 0, others]], rowTotals: [group], known: [[true, false]], hidden: [[false, true]] }, threshold);
  return published.rowTotals![0];
}
