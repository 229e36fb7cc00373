/**
 * The board pack: a review's frozen snapshot as a report that reads on screen and prints on A4
 * (see the print rules in app.scss). Everything shown comes from the snapshot, never live data.
 */
import { useId, type ReactNode } from "react";
import { formatDate } from "./display";
import { ACTION_STATUSES, STATUS_LABELS } from "./plan-terms";
import { OverdueTag, Progress, StatusTag } from "./PlanBits";
import { percent } from "./progress";
import type { ReviewSnapshot } from "./review-snapshot";

function Table({ caption, head, children, numeric = [], className = "" }: { caption: ReactNode; head: string[]; children: ReactNode; numeric?: number[]; className?: string }) {
  // Wide tables scroll inside their own box, so the page reflows at 320 px (WCAG 1.4.10); the box
  // takes focus so it can be scrolled from the keyboard, and is named by the table's caption.
  const captionId = useId();
  return (
    <div className="gt-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className={`govuk-table gt-report-table ${className}`}>
        <caption className="govuk-table__caption govuk-table__caption--s" id={captionId}>
          {caption}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {head.map((h, i) => (
              <th key={h} scope="col" className={`govuk-table__header${numeric.includes(i) ? " govuk-table__header--numeric" : ""}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">{children}</tbody>
      </table>
    </div>
  );
}

const cell = (value: ReactNode, numeric = false) => <td className={`govuk-table__cell${numeric ? " govuk-table__cell--numeric" : ""}`}>{value}</td>;

export function ReviewReport({ snapshot, summary, themeSummaries }: { snapshot: ReviewSnapshot; summary: string | null; themeSummaries: Record<string, string> }) {
  const { plan } = snapshot;
  const { adoption, activity } = snapshot.figures;
  return (
    <>
      <section className="gt-report-section" aria-labelledby="summary-heading">
        <h2 className="govuk-heading-m" id="summary-heading">
          Summary
        </h2>
        <p className="govuk-body gt-prewrap">{summary ?? "The coordinator has not written a summary yet."}</p>
        <div className="gt-figures">
          <div className="gt-figure">
            <span className="gt-figure__value">{percent(plan.progress)}</span>
            <span className="gt-figure__label">progress, weighted by action</span>
          </div>
          <div className="gt-figure">
            <span className="gt-figure__value">{plan.actions}</span>
            <span className="gt-figure__label">actions</span>
          </div>
          <div className="gt-figure">
            <span className="gt-figure__value">{plan.statusCounts.complete}</span>
            <span className="gt-figure__label">complete</span>
          </div>
          <div className="gt-figure">
            <span className="gt-figure__value">{plan.statusCounts.at_risk + plan.statusCounts.off_track}</span>
            <span className="gt-figure__label">at risk or off track</span>
          </div>
          <div className="gt-figure">
            <span className="gt-figure__value">{plan.overdue}</span>
            <span className="gt-figure__label">overdue</span>
          </div>
        </div>
        <Table caption="Progress by theme" head={["Theme", "Actions", "Progress", ...ACTION_STATUSES.map((s) => STATUS_LABELS[s]), "Overdue"]} numeric={[1, 3, 4, 5, 6, 7, 8, 9]}>
          {snapshot.themes.map((t) => (
            <tr className="govuk-table__row" key={t.id}>
              {cell(`${t.position}. ${t.name}`)}
              {cell(t.actions, true)}
              {cell(<Progress value={t.progress} />)}
              {ACTION_STATUSES.map((s) => (
                <td key={s} className="govuk-table__cell govuk-table__cell--numeric">
                  {t.statusCounts[s]}
                </td>
              ))}
              {cell(t.overdue, true)}
            </tr>
          ))}
        </Table>
      </section>

      {snapshot.themes.map((theme) => {
        const actions = snapshot.actions.filter((a) => a.themeId === theme.id);
        return (
          <section key={theme.id} className="gt-report-section gt-report-theme" aria-labelledby={`theme-${theme.id}`}>
            <h2 className="govuk-heading-m" id={`theme-${theme.id}`}>
              {theme.position}. {theme.name}
            </h2>
            <p className="govuk-body">
              Progress <Progress value={theme.progress} /> across {theme.actions} {theme.actions === 1 ? "action" : "actions"}.
            </p>
            {themeSummaries[theme.id] ? <p className="govuk-body gt-prewrap">{themeSummaries[theme.id]}</p> : null}
            {actions.length ? (
              <Table
                className="gt-actions-table"
                caption={<span className="govuk-visually-hidden">Actions under {theme.name}</span>}
                head={["Ref", "Action", "Lead", "Due", "Status", "Progress", "Latest commentary"]}
              >
                {actions.map((a) => (
                  <tr className="govuk-table__row" key={a.id}>
                    {cell(a.reference)}
                    {cell(a.title)}
                    {cell(a.lead)}
                    {cell(formatDate(a.dueOn))}
                    {cell(
                      <>
                        <StatusTag status={a.status} /> {a.overdue ? <OverdueTag /> : null}
                      </>,
                    )}
                    {cell(
                      <Progress value={a.progress} label={a.progressSource === "milestones" ? `from milestones, ${a.milestonesDone} of ${a.milestonesTotal} done` : undefined} />,
                    )}
                    {cell(a.commentary ?? "")}
                  </tr>
                ))}
              </Table>
            ) : (
              <p className="govuk-body">No actions under this theme.</p>
            )}
          </section>
        );
      })}

      <section className="gt-report-section" aria-labelledby="adoption-heading">
        <h2 className="govuk-heading-m" id="adoption-heading">
          Adoption
        </h2>
        <p className="govuk-body">
          {adoption.signed} of {adoption.organisations} organisations had signed the pledge, including {adoption.statutorySigned} of {adoption.statutory} statutory partners.{" "}
          {adoption.note}
        </p>
        <div className="gt-report-pair">
          <Table caption="Signatories by borough" head={["Borough", "Organisations", "Signed", "Statutory partners", "Statutory signed"]} numeric={[1, 2, 3, 4]}>
            {adoption.byBorough.map((b) => (
              <tr className="govuk-table__row" key={b.borough}>
                {cell(b.borough)}
                {cell(b.organisations, true)}
                {cell(b.signed, true)}
                {cell(b.statutory, true)}
                {cell(b.statutorySigned, true)}
              </tr>
            ))}
          </Table>
          {adoption.bySector.length ? (
            <Table caption="Signatories by sector" head={["Sector", "Organisations", "Signed"]} numeric={[1, 2]}>
              {adoption.bySector.map((s) => (
                <tr className="govuk-table__row" key={s.sector}>
                  {cell(s.sector)}
                  {cell(s.organisations, true)}
                  {cell(s.signed, true)}
                </tr>
              ))}
            </Table>
          ) : null}
        </div>
      </section>

      <section className="gt-report-section" aria-labelledby="activity-heading">
        <h2 className="govuk-heading-m" id="activity-heading">
          Activity in {snapshot.quarter.label}
        </h2>
        <p className="govuk-body">{activity.note}</p>
        {activity.available ? (
          <Table caption={`Totals for ${snapshot.quarter.label}`} head={["Measure", "Total", "Organisations reporting", "Not applicable"]} numeric={[1, 2, 3]}>
            {activity.totals.map((t) => (
              <tr className="govuk-table__row" key={t.metric}>
                {cell(t.label)}
                {cell(t.value ?? "No figure", true)}
                {cell(t.reporting, true)}
                {cell(t.notApplicable, true)}
              </tr>
            ))}
          </Table>
        ) : null}
      </section>
    </>
  );
}
