/** One theme's actions on the plan page, sortable by its column headers. */
import { Link } from "@remix-run/react";
import type { ActionStatus } from "./plan-terms";
import { formatDate } from "./display";
import { OverdueTag, Progress, SortHeader, StatusTag, type SortState } from "./PlanBits";

export interface ThemeTableRow {
  id: string;
  reference: string;
  title: string;
  lead: string;
  dueOn: string;
  status: ActionStatus;
  progress: number;
  fromMilestones: boolean;
  overdue: boolean;
}

export function PlanThemeTable({
  theme,
  base,
  sortState,
  search,
}: {
  theme: { id: string; name: string; position: number; actions: ThemeTableRow[] };
  base: string;
  sortState: SortState;
  search: URLSearchParams;
}) {
  if (theme.actions.length === 0) return <p className="govuk-body govuk-hint">No actions to show under this theme.</p>;
  const header = (column: string, label: string, numeric?: boolean) => (
    <SortHeader column={column} label={label} state={sortState} search={search} numeric={numeric} anchor={`theme-${theme.id}`} />
  );
  return (
    <div className="gt-scroll">
      <table className="govuk-table gt-plan-table">
        <caption className="govuk-table__caption govuk-visually-hidden">Actions under {theme.name}</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {header("reference", "Ref")}
            {header("title", "Action")}
            {header("lead", "Lead organisation")}
            {header("due", "Due")}
            {header("status", "Status")}
            {header("progress", "Progress")}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {theme.actions.map((a) => (
            <tr className="govuk-table__row" key={a.id}>
              <td className="govuk-table__cell">{a.reference}</td>
              <td className="govuk-table__cell">
                <Link className="govuk-link" to={`${base}/actions/${a.id}`}>
                  {a.title}
                </Link>
              </td>
              <td className="govuk-table__cell">{a.lead}</td>
              <td className="govuk-table__cell gt-nowrap">{formatDate(a.dueOn)}</td>
              <td className="govuk-table__cell">
                <StatusTag status={a.status} /> {a.overdue ? <OverdueTag /> : null}
              </td>
              <td className="govuk-table__cell">
                <Progress value={a.progress} label={a.fromMilestones ? "from milestones" : undefined} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
