/**
 * The body of every dashboard page: the filter form (a GET form, so it works without JavaScript
 * and the address is the link to share), headline figures, then each section's charts with the
 * captioned, sortable, paged table of the same numbers and its Download CSV link.
 */
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Cell } from "~/modules/exports/table";
import { DataTable } from "~/ui/DataTable";
import { Chart } from "./Chart";
import type { DashboardPageData } from "./page-data.server";

type Data = DashboardPageData;

export function DashboardFilters({ data, borough, sector = true, clear }: { data: Pick<Data, "filters" | "choices">; borough?: string | null; sector?: boolean; clear: string }) {
  const { filters, choices } = data;
  const select = (name: string, label: string, value: string | null, options: Array<{ key: string; label: string }>) => (
    <div className="govuk-form-group gt-filter">
      <label className="govuk-label govuk-label--s" htmlFor={`filter-${name}`}>
        {label}
      </label>
      <select className="govuk-select" id={`filter-${name}`} name={name} defaultValue={value ?? ""}>
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Form method="get" className="gt-dashboard-filters gt-no-print" aria-label="Filters">
      <div className="gt-dashboard-filters__fields">
        {select("from", "From", filters.from, choices.quarters)}
        {select("to", "To", filters.to, choices.quarters)}
        {borough !== undefined
          ? select("borough", "Borough", borough ?? "all", [{ key: "all", label: "All boroughs" }, ...choices.boroughs.map((b) => ({ key: b.id, label: b.name }))])
          : null}
        {sector ? select("sector", "Sector", filters.sector ?? "all", [{ key: "all", label: "All sectors" }, ...choices.sectors]) : null}
        {choices.metrics.length ? select("metric", "Measure", filters.metric, choices.metrics) : null}
      </div>
      <button type="submit" className="govuk-button govuk-button--secondary gt-dashboard-filters__apply" data-module="govuk-button">
        Apply filters
      </button>{" "}
      <Link className="govuk-link govuk-body-s" to={clear}>
        Clear filters
      </Link>
    </Form>
  );
}

export function Problems({ problems }: { problems: string[] }) {
  if (!problems.length) return null;
  return (
    <div className="govuk-inset-text" role="status">
      {problems.map((p) => (
        <p className="govuk-body" key={p}>
          {p}
        </p>
      ))}
    </div>
  );
}

export function Headlines({ headlines }: { headlines: Data["headlines"] }) {
  return (
    <div className="gt-figures">
      {headlines.map((h) => (
        <div className="gt-figure" key={h.label}>
          <span className="gt-figure__value">{h.value}</span>
          <span className="gt-figure__label">{h.label}</span>
          {h.detail ? <span className="gt-figure__detail">{h.detail}</span> : null}
        </div>
      ))}
    </div>
  );
}

export function Sections({ sections, download, after }: { sections: Data["sections"]; download: string; after?: Record<string, ReactNode> }) {
  return (
    <>
      {sections.map((section) => (
        <section key={section.id} className="gt-dashboard-section" aria-labelledby={`section-${section.id}`}>
          <h2 className="govuk-heading-l" id={`section-${section.id}`}>
            {section.heading}
          </h2>
          {section.intro ? <p className="govuk-body">{section.intro}</p> : null}
          {section.empty ? (
            <div className="govuk-inset-text">{section.empty}</div>
          ) : (
            section.blocks.map((block) => {
              const links = block.links;
              const cells: Record<string, (row: Record<string, Cell>) => ReactNode> = links
                ? {
                    [links.column]: (row) =>
                      row.id ? (
                        <Link className="govuk-link" to={links.template.replace("{id}", String(row.id))}>
                          {row[links.column]}
                        </Link>
                      ) : (
                        row[links.column]
                      ),
                  }
                : {};
              return (
                <div key={block.table.id} className="gt-dashboard-block">
                  {block.chart ? <Chart svg={block.chart.svg} title={block.chart.title} legend={block.chart.legend} /> : null}
                  <DataTable table={block.table} download={download} cells={cells} noFigure="–" />
                </div>
              );
            })
          )}
          {after?.[section.id] ?? null}
        </section>
      ))}
    </>
  );
}
