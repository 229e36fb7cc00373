/**
 * A server-drawn chart (SVG markup from the loader) in a figure, with its legend in HTML so it
 * wraps on a narrow screen. Screen readers skip the picture: the captioned table beside it holds
 * the same numbers.
 */
export interface ChartLegendItem {
  label: string;
  colour: string;
  kind?: "bar" | "line";
}

export function Chart({ svg, title, legend, note }: { svg: string; title: string; legend: ChartLegendItem[]; note?: string }) {
  return (
    <figure className="gt-chart">
      <figcaption className="govuk-body-s gt-chart__caption">
        Chart: {title}. {note ?? "The table below gives the same figures."}
      </figcaption>
      <div aria-hidden="true">
        <div className="gt-chart__picture" dangerouslySetInnerHTML={{ __html: svg }} />
        {legend.length > 1 ? (
          <ul className="gt-chart__legend">
            {legend.map((item) => (
              <li key={item.label}>
                <span className={`gt-chart__swatch${item.kind === "line" ? " gt-chart__swatch--line" : ""}`} style={{ background: item.colour }} />
                {item.label}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </figure>
  );
}
