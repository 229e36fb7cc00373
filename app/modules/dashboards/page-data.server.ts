/**
 * A dashboard made ready for its page: each table cut to the page the URL asks for (sorted on the
 * server), each chart drawn as SVG. What the loader sends is markup and rows, no chart code.
 */
import { pageOf } from "../exports/table";
import { LiveCache } from "../platform/live-cache.server";
import { chartSvg } from "./charts.server";
import type { Dashboard } from "./dashboard";
import { config } from "../platform/config.server";

/**
 * A chart's SVG, drawn once per chart: a cached dashboard keeps its chart specs (cache.server.ts),
 * and a chart whose spec is the same as one drawn before (a dashboard computed again after a return
 * that did not change it: the plan's, a measure's trend for another quarter) is not drawn again.
 * Budget in characters of SVG kept.
 */
const drawn = new WeakMap<object, string>();
const drawnBySpec = new LiveCache<string>(config().GT_CHART_CACHE_CHARS, (svg) => svg.length);
function svgOf(chart: Parameters<typeof chartSvg>[0]): string {
  let svg = drawn.get(chart);
  if (svg === undefined) {
    const spec = JSON.stringify(chart);
    svg = drawnBySpec.get(spec);
    if (svg === undefined) drawnBySpec.set(spec, (svg = chartSvg(chart)));
    drawn.set(chart, svg);
  }
  return svg;
}

export function dashboardPage(dashboard: Dashboard, search: URLSearchParams) {
  return {
    headlines: dashboard.headlines,
    problems: dashboard.problems,
    metric: dashboard.metric,
    filters: {
      from: dashboard.filters.from.key,
      to: dashboard.filters.to.key,
      sector: dashboard.filters.sector,
      metric: dashboard.filters.metric ?? dashboard.metric?.key ?? null,
    },
    choices: {
      quarters: dashboard.choices.quarters.map((q) => ({ key: q.key, label: q.label })),
      metrics: dashboard.choices.metrics,
      sectors: dashboard.choices.sectors,
      boroughs: dashboard.choices.boroughs,
    },
    sections: dashboard.sections.map((s) => ({
      ...s,
      blocks: s.blocks.map((b) => ({
        table: pageOf(b.table, search),
        chart: b.chart ? { svg: svgOf(b.chart), title: b.chart.title, legend: b.chart.series.map((s) => ({ label: s.label, colour: s.colour, kind: s.kind ?? "bar" })) } : null,
        links: b.links ?? null,
      })),
    })),
  };
}

export type DashboardPageData = ReturnType<typeof dashboardPage>;
