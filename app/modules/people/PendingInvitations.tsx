import { Form } from "@remix-run/react";
import { formatDate } from "../platform/dates";
import { describeRole, type InvitedRole } from "./roles";

export interface PendingInvitationRow {
  id: string;
  email: string;
  name: string | null;
  role: InvitedRole;
  organisationName: string | null;
  boroughName: string | null;
  invitedByName: string | null;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}

/** Invitations not yet accepted, each with Resend (a fresh 7-day link) and Cancel. */
export function PendingInvitations({ invitations }: { invitations: PendingInvitationRow[] }) {
  if (invitations.length === 0) return <p className="govuk-body">There are no invitations waiting to be accepted.</p>;
  return (
    <div className="gt-scroll">
      <table className="govuk-table">
        <caption className="govuk-table__caption govuk-table__caption--s govuk-visually-hidden">Invitations waiting to be accepted</caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            <th scope="col" className="govuk-table__header">
              Invited
            </th>
            <th scope="col" className="govuk-table__header">
              Role
            </th>
            <th scope="col" className="govuk-table__header">
              Sent
            </th>
            <th scope="col" className="govuk-table__header">
              <span className="govuk-visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {invitations.map((i) => (
            <tr className="govuk-table__row" key={i.id}>
              <td className="govuk-table__cell">
                {i.name ? (
                  <>
                    {i.name}
                    <br />
                  </>
                ) : null}
                <span className="gt-break">{i.email}</span>
              </td>
              <td className="govuk-table__cell">{describeRole(i.role, i)}</td>
              <td className="govuk-table__cell">
                {formatDate(i.createdAt)}
                {i.invitedByName ? ` by ${i.invitedByName}` : null}
                <br />
                {i.expired ? <strong className="govuk-tag govuk-tag--grey">Expired</strong> : <span className="govuk-body-s">Link valid until {formatDate(i.expiresAt)}</span>}
              </td>
              <td className="govuk-table__cell">
                <div className="gt-actions">
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" name="intent" value="resend" className="gt-link-button">
                      Resend<span className="govuk-visually-hidden"> invitation to {i.email}</span>
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="invitationId" value={i.id} />
                    <button type="submit" name="intent" value="cancel" className="gt-link-button">
                      Cancel<span className="govuk-visually-hidden"> invitation to {i.email}</span>
                    </button>
                  </Form>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
