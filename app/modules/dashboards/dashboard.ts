/**
 * What a dashboard page holds, whichever its scope: headline figures, sections of tables each
 * with the chart that pictures it, and what to do next when there is nothing to show yet.
 * Builders (county, borough, organisation) return this; pages and CSV downloads read it.
 */
import type { TableData } from "../exports/table";
import type { Quarter } from "../reporting/periods";
import type { ChartSpec } from "./chart-spec";
import type { DashboardFilters } from "./filters";

export interface Headline {
  label: string;
  value: string | number;
  detail?: string;
}

export interface Block {
  table: TableData;
  chart?: ChartSpec;
  /** Links in rows: the column that links, and where to (`{id}` is the row's id). */
  links?: { column: string; template: string };
}

export interface Section {
  id: string;
  heading: string;
  intro?: string;
  /** Shown instead of the blocks when there is nothing yet: what to do next. */
  empty?: string;
  blocks: Block[];
}

export interface Dashboard {
  filters: DashboardFilters;
  problems: string[];
  headlines: Headline[];
  sections: Section[];
  choices: {
    quarters: Quarter[];
    metrics: Array<{ key: string; label: string }>;
    sectors: Array<{ key: string; label: string }>;
    boroughs: Array<{ id: string; name: string }>;
  };
  /** The metric the trend shows. */
  metric: { key: string; label: string } | null;
}

export function allTables(dashboard: Pick<Dashboard, "sections">): TableData[] {
  return dashboard.sections.flatMap((s) => s.blocks.map((b) => b.table));
}

/** "12 of 27". */
export const outOf = (part: number, whole: number) => `${part} of ${whole}`;

/** A figure for a headline: thousands separated, none as a dash. */
export const figureText = (value: number | null | undefined) => (value === null || value === undefined ? "–" : value.toLocaleString("en-GB"));
