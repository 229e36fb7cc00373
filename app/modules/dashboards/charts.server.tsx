/**
 * Draws a ChartSpec as SVG on the server with recharts at a fixed size and no animation. The
 * browser receives markup only: recharts never enters the client bundle, and a chart looks the
 * same with JavaScript off. The SVG keeps its viewBox, so CSS scales it down on a narrow screen
 * instead of making the page scroll sideways. The legend is HTML beside it (Chart.tsx).
 */
import { renderToStaticMarkup } from "react-dom/server";
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, XAxis, YAxis } from "recharts";
import type { ChartSpec } from "./chart-spec";

const INK = "#0b0c0c";
const AXIS = { fontSize: 14, fill: INK };
/** Roughly how wide a character of the axis font is, for sizing the category axis to its labels. */
const CHARACTER = 8.4;

export function chartSvg(spec: ChartSpec): string {
  const horizontal = spec.horizontal ?? false;
  const longest = Math.max(4, ...spec.data.map((d) => String(d[spec.category] ?? "").length));
  const crowded = !horizontal && longest * CHARACTER + 10 > (spec.width - 110) / Math.max(1, spec.data.length);
  const categoryAxis = horizontal ? (
    <YAxis type="category" dataKey={spec.category} width={Math.min(300, Math.ceil(longest * CHARACTER) + 12)} tick={AXIS} interval={0} stroke={INK} />
  ) : (
    <XAxis
      type="category"
      dataKey={spec.category}
      tick={AXIS}
      interval={0}
      stroke={INK}
      height={crowded ? 70 : 30}
      angle={crowded ? -35 : 0}
      textAnchor={crowded ? "end" : "middle"}
    />
  );
  const valueAxis = horizontal ? (
    <XAxis type="number" tick={AXIS} allowDecimals={false} stroke={INK} domain={spec.max === undefined ? undefined : [0, spec.max]} />
  ) : (
    <YAxis
      type="number"
      tick={AXIS}
      allowDecimals={false}
      stroke={INK}
      width={56}
      label={spec.yLabel ? { value: spec.yLabel, angle: -90, position: "insideLeft", style: { ...AXIS, textAnchor: "middle" } } : undefined}
    />
  );
  const markup = renderToStaticMarkup(
    <ComposedChart width={spec.width} height={spec.height} data={spec.data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 24, right: 24, bottom: 5, left: 10 }}>
      <CartesianGrid stroke="#dfe1e2" horizontal={!horizontal} vertical={horizontal} />
      {categoryAxis}
      {valueAxis}
      {spec.series.map((s) =>
        s.kind === "line" ? (
          <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.colour} strokeWidth={3} dot={{ r: 4, fill: s.colour }} connectNulls={false} isAnimationActive={false} />
        ) : (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.label}
            fill={s.colour}
            stroke="#ffffff"
            strokeWidth={spec.stacked ? 1 : 0}
            stackId={spec.stacked ? "stack" : undefined}
            isAnimationActive={false}
          />
        ),
      )}
      {(spec.marks ?? []).map((m) =>
        horizontal ? null : (
          <ReferenceLine key={m.at} x={m.at} stroke={INK} strokeDasharray="6 4" strokeWidth={2} label={{ value: m.label, position: "top", fontSize: 14, fill: INK }} />
        ),
      )}
      {spec.target ? (
        <ReferenceLine
          {...(horizontal ? { x: spec.target.value } : { y: spec.target.value })}
          stroke={INK}
          strokeDasharray="2 3"
          label={{ value: spec.target.label, position: "top", fontSize: 14, fill: INK }}
        />
      ) : null}
    </ComposedChart>,
  );
  // Empty <title>/<desc> would name the picture nothing; the figure's caption and table describe it.
  return markup.replace("<title></title><desc></desc>", "");
}
