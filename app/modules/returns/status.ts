/**
 * A return's life: draft → submitted → accepted | returned (with the coordinator's reason) →
 * resubmitted → accepted | returned… The rules as data, shared by the server (which enforces
 * them) and the pages (which only hide what the server would refuse).
 *
 * Which returns count for figures: submitted, resubmitted and accepted ones. A draft has not been
 * reported; a returned one stops counting until it is resubmitted, because the coordinator has
 * said its figures are wrong. Completeness uses the same rule.
 */
import type { ReturnStatus } from "../../../db/types";

export type { ReturnStatus };

export const COUNTING_STATUSES: readonly ReturnStatus[] = ["submitted", "resubmitted", "accepted"];

export function countsForFigures(status: ReturnStatus | null | undefined): boolean {
  return status ? COUNTING_STATUSES.includes(status) : false;
}

export const STATUS_LABELS: Record<ReturnStatus | "not_started", string> = {
  not_started: "Not started",
  draft: "Draft",
  submitted: "Submitted",
  resubmitted: "Resubmitted",
  accepted: "Accepted",
  returned: "Returned for changes",
};

/** GOV.UK tag colours by status. */
export const STATUS_TAGS: Record<ReturnStatus | "not_started", string> = {
  not_started: "govuk-tag--grey",
  draft: "govuk-tag--light-blue",
  submitted: "govuk-tag--blue",
  resubmitted: "govuk-tag--turquoise",
  accepted: "govuk-tag--green",
  returned: "govuk-tag--orange",
};

export type ReturnAction = "save" | "submit" | "accept" | "return" | "correct";

export type Transition = { ok: true; status: ReturnStatus } | { ok: false; reason: "not_editable" | "not_awaiting_review" | "not_returnable" };

/** The status a return moves to, or why it cannot. `null` is a return nobody has started. */
export function transition(current: ReturnStatus | null, action: ReturnAction): Transition {
  switch (action) {
    case "save":
      if (current === null || current === "draft") return { ok: true, status: "draft" };
      if (current === "returned") return { ok: true, status: "returned" };
      return { ok: false, reason: "not_editable" };
    case "submit":
      if (current === null || current === "draft") return { ok: true, status: "submitted" };
      if (current === "returned") return { ok: true, status: "resubmitted" };
      return { ok: false, reason: "not_editable" };
    case "accept":
      if (current === "submitted" || current === "resubmitted") return { ok: true, status: "accepted" };
      return { ok: false, reason: "not_awaiting_review" };
    case "return":
      if (current === "submitted" || current === "resubmitted" || current === "accepted") return { ok: true, status: "returned" };
      return { ok: false, reason: "not_returnable" };
    case "correct":
      // A coordinator's correction (CSV) enters figures on the organisation's behalf: an unreported
      // return becomes submitted; any other keeps its status and gains a corrected version.
      return { ok: true, status: current === null || current === "draft" ? "submitted" : current };
  }
}

/** Whether the organisation's people may change the return now (ignoring period locks). */
export function editableByOrganisation(status: ReturnStatus | null): boolean {
  return transition(status, "save").ok;
}
