/**
 * A chart as data, built from the TableData it pictures so the chart and its table hold the same
 * numbers. The server draws it (charts.server.tsx) at a fixed size; the browser gets SVG, no
 * charting code. Voluntary by design: a chart of a participant-count metric can carry no target.
 */
import type { TableData } from "../exports/table";
import { targetsAllowed } from "../returns/aggregation";

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
  kind?: "bar" | "line";
}

export interface ChartSpec {
  /** The table's id: the chart pictures that table. */
  tableId: string;
  /** What the chart shows, in words (its figure caption). */
  title: string;
  data: Array<Record<string, string | number | null>>;
  category: string;
  series: ChartSeries[];
  stacked?: boolean;
  /** Categories down the side (long names: boroughs, themes). */
  horizontal?: boolean;
  /** Categories to mark with a labelled line (a metric's definition changed there). */
  marks?: Array<{ at: string; label: string }>;
  /** A target line; never for counts of people taking part (see chartOf). */
  target?: { value: number; label: string };
  yLabel?: string;
  /** The value axis ends here (e.g. the number of criteria), instead of at a round number above the data. */
  max?: number;
  width: number;
  height: number;
}

/**
 * Series colours: GOV.UK hues, each at least 3:1 against white (WCAG 1.4.11), so a bar stands out
 * from the page; stacked segments are parted by a white line. No red: red means "off track", and
 * only delivery actions get ratings. The table beside each chart carries the numbers.
 */
export const PALETTE = ["#1d70b8", "#de5b00", "#00703c", "#4c2c92", "#28a197", "#912b88", "#85994b", "#003078", "#b58840", "#6f72af", "#505a5f"];
export const NEUTRAL = "#505a5f";
/** The rest of a whole (not signed, not trained): grey, still 4.5:1 on white. */
export const REMAINDER = "#6f777b";

/** Red, amber and green are for delivery actions only. */
export const ACTION_STATUS_COLOURS = {
  not_started: REMAINDER,
  on_track: "#00703c",
  at_risk: "#de5b00",
  off_track: "#d4351c",
  complete: "#003078",
  dropped: "#0b0c0c",
} as const;

export function chartOf(
  table: TableData,
  options: Omit<ChartSpec, "tableId" | "data" | "title" | "width" | "height" | "series"> & {
    title?: string;
    series: Array<Omit<ChartSeries, "colour"> & { colour?: string }>;
    width?: number;
    height?: number;
    /** The metric charted, if any: a participant count refuses a target. */
    metric?: { participantCount: boolean };
  },
): ChartSpec {
  const { metric, series, ...rest } = options;
  if (rest.target && metric && !targetsAllowed(metric)) throw new Error("Counts of people taking part in restorative justice never get targets");
  const keys = [options.category, ...series.map((s) => s.key)];
  return {
    ...rest,
    tableId: table.id,
    title: options.title ?? table.caption,
    data: table.rows.map((row) => Object.fromEntries(keys.map((k) => [k, typeof row[k] === "number" || k === options.category ? row[k] : null]))),
    series: series.map((s, i) => ({ ...s, colour: s.colour ?? PALETTE[i % PALETTE.length] })),
    width: options.width ?? 760,
    height: options.height ?? (options.horizontal ? Math.max(160, 60 + table.rows.length * 34) : 320),
  };
}
