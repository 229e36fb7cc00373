/**
 * Small pieces the plan pages share: status tags (RAG colour always beside the words), progress
 * bars (the figure is the text; the bar is decoration), and sortable column headers as links.
 */
import { Link } from "@remix-run/react";
import { STATUS_LABELS, ragOf, type ActionStatus } from "./plan-terms";
import { percent } from "./progress";

const TAG_CLASS: Record<string, string> = { red: "govuk-tag--red", amber: "govuk-tag--yellow", green: "govuk-tag--green", none: "govuk-tag--grey" };

export function StatusTag({ status }: { status: ActionStatus }) {
  const rag = ragOf(status);
  return (
    <strong className={`govuk-tag ${TAG_CLASS[rag ?? "none"]} gt-status`} data-rag={rag ?? undefined}>
      {STATUS_LABELS[status]}
    </strong>
  );
}

export function OverdueTag() {
  return <strong className="govuk-tag govuk-tag--red gt-status">Overdue</strong>;
}

export function Progress({ value, label }: { value: number | null; label?: string }) {
  return (
    <span className="gt-plan-progress">
      <span className="gt-plan-progress__text">{percent(value)}</span>
      {value === null ? null : (
        <span className="gt-plan-progress__bar" aria-hidden="true">
          <span className="gt-plan-progress__fill" style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
        </span>
      )}
      {label ? <span className="govuk-visually-hidden"> {label}</span> : null}
    </span>
  );
}

export interface SortState {
  sort: string;
  dir: "asc" | "desc";
}

/** A column header that sorts the table by following a link (works without JavaScript), back at `anchor` (the table's heading). */
export function SortHeader({
  column,
  label,
  state,
  search,
  numeric,
  anchor,
}: {
  column: string;
  label: string;
  state: SortState;
  search: URLSearchParams;
  numeric?: boolean;
  anchor?: string;
}) {
  const active = state.sort === column;
  const next = new URLSearchParams(search);
  next.set("sort", column);
  next.set("dir", active && state.dir === "asc" ? "desc" : "asc");
  return (
    <th
      scope="col"
      className={`govuk-table__header${numeric ? " govuk-table__header--numeric" : ""}`}
      aria-sort={active ? (state.dir === "asc" ? "ascending" : "descending") : "none"}
    >
      <Link className="gt-sort-link" to={`?${next}${anchor ? `#${anchor}` : ""}`} preventScrollReset>
        {label}
        {active ? <span aria-hidden="true">{state.dir === "asc" ? " ▲" : " ▼"}</span> : null}
      </Link>
    </th>
  );
}
