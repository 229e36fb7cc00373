import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSession } from "~/modules/auth/guard.server";
import { ROLE_LABELS, type Role } from "~/modules/auth/permissions";
import { TRAINING_LABELS } from "~/modules/champions/training";
import { tableLabel } from "~/modules/audit/describe";
import { formatDate, formatDateTime } from "~/modules/platform/dates";
import { AUDIT_ENTRIES_LIMIT, personalDataOf } from "~/modules/privacy/subject-access.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Your data — Golden Thread" }];

const SHOWN_AUDIT_ENTRIES = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await requireSession(request);
  const data = await personalDataOf(session.user, session.sessionId);
  return json(
    { ...data, auditEntries: data.auditEntries.slice(0, SHOWN_AUDIT_ENTRIES), auditEntryCount: data.auditEntries.length },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="govuk-summary-list__row govuk-summary-list__row--no-actions">
      <dt className="govuk-summary-list__key">{label}</dt>
      <dd className="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

const roleLabel = (role: string) => ROLE_LABELS[role as Role] ?? role;

export default function YourData() {
  const data = useLoaderData<typeof loader>();
  return (
    <Main backLink={{ to: "/account", label: "Back to your account" }}>
      <h1 className="govuk-heading-l">The information we hold about you</h1>
      <p className="govuk-body">
        This is everything Golden Thread keeps about you as a person. The{" "}
        <Link className="govuk-link" to="/privacy">
          privacy notice
        </Link>{" "}
        says why we keep it and for how long. To correct something, change it on{" "}
        <Link className="govuk-link" to="/account">
          your account
        </Link>{" "}
        or ask your partnership coordinator; to have it erased, ask your coordinator.
      </p>
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href="/account/data.json" download>
            Download all of it as JSON
          </a>
        </li>
        <li>
          <a className="govuk-link" href="/account/data.csv" download>
            Download all of it as a spreadsheet (CSV)
          </a>
        </li>
      </ul>

      <h2 className="govuk-heading-m">Your account</h2>
      <dl className="govuk-summary-list">
        <Row label="Name">{data.account.name}</Row>
        <Row label="Email address">{data.account.email}</Row>
        <Row label="Account created">{formatDate(data.account.createdAt)}</Row>
        <Row label="Platform administrator">{data.account.platformAdministrator ? "Yes" : "No"}</Row>
        <Row label="Two-factor sign-in">
          {data.account.twoFactor.enrolled ? `On since ${formatDate(data.account.twoFactor.since!)}, ${data.account.twoFactor.recoveryCodesLeft} recovery codes left` : "Off"}
        </Row>
      </dl>
      <p className="govuk-body-s">
        Your password and recovery codes are stored only as hashes, which cannot be turned back into them. Your authenticator secret is not shown here, to keep it safe; set up a
        new app from your account to replace it.
      </p>

      <h2 className="govuk-heading-m">Where you are signed in</h2>
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-visually-hidden">Your sessions</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Signed in
              </th>
              <th scope="col" className="govuk-table__header">
                Ends if unused by
              </th>
              <th scope="col" className="govuk-table__header">
                With a code
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {data.sessions.map((s) => (
              <tr className="govuk-table__row" key={s.startedAt + s.expiresAt}>
                <td className="govuk-table__cell">
                  {formatDateTime(s.startedAt)}
                  {s.thisOne ? " (this browser)" : ""}
                </td>
                <td className="govuk-table__cell">{formatDateTime(s.expiresAt)}</td>
                <td className="govuk-table__cell">{s.withSecondFactor ? "Yes" : "No"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 className="govuk-heading-m">Your roles</h2>
      {data.roles.length === 0 ? (
        <p className="govuk-body">None.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {data.roles.map((r) => (
            <li key={`${r.partnership}-${r.role}-${r.organisation ?? ""}`}>
              {roleLabel(r.role)}, {r.organisation ?? r.partnership} (since {formatDate(r.since)})
            </li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-m">Champion records with your name or email</h2>
      {data.championRecords.length === 0 ? (
        <p className="govuk-body">None.</p>
      ) : (
        data.championRecords.map((c) => (
          <dl className="govuk-summary-list" key={`${c.partnership}-${c.organisation}-${c.since}`}>
            <Row label="Organisation">
              {c.organisation}, {c.partnership}
            </Row>
            <Row label="Name and job title">
              {c.name}, {c.jobTitle}
            </Row>
            <Row label="Work email">{c.email}</Row>
            <Row label="Champion">
              from {formatDate(c.since)}
              {c.leftOn ? ` until ${formatDate(c.leftOn)}` : ""}
              {c.contact ? ", communications contact" : ""}
            </Row>
            <Row label="Training">
              {TRAINING_LABELS[c.training as keyof typeof TRAINING_LABELS] ?? c.training}
              {c.accreditationExpiresOn ? `, accredited until ${formatDate(c.accreditationExpiresOn)}` : ""}
            </Row>
          </dl>
        ))
      )}

      <h2 className="govuk-heading-m">Invitations sent to you</h2>
      {data.invitations.length === 0 ? (
        <p className="govuk-body">None.</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {data.invitations.map((i) => (
            <li key={i.sentAt}>
              {roleLabel(i.role)}, {i.partnership}: sent {formatDate(i.sentAt)}
              {i.acceptedAt ? `, accepted ${formatDate(i.acceptedAt)}` : i.cancelledAt ? ", cancelled" : ""}
            </li>
          ))}
        </ul>
      )}

      <h2 className="govuk-heading-m">The audit trail</h2>
      <p className="govuk-body">
        {data.auditEntryCount === 0
          ? "The audit trail has no entries about you or about changes you made."
          : `The audit trail has ${data.auditEntryCount === 1 ? "1 entry" : `${data.auditEntryCount} entries`} about you or about changes you made${data.auditEntriesLimited.length ? ` (the newest ${AUDIT_ENTRIES_LIMIT} in ${data.auditEntriesLimited.join(", ")})` : ""}. The newest are below; the downloads have all of them.`}
      </p>
      {data.auditEntries.length ? (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-visually-hidden">Newest audit entries about you or by you</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  When
                </th>
                <th scope="col" className="govuk-table__header">
                  What
                </th>
                <th scope="col" className="govuk-table__header">
                  Partnership
                </th>
                <th scope="col" className="govuk-table__header">
                  By you
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {data.auditEntries.map((e, i) => (
                <tr className="govuk-table__row" key={`${e.at}-${i}`}>
                  <td className="govuk-table__cell">{formatDateTime(e.at)}</td>
                  <td className="govuk-table__cell">
                    {e.action === "insert" ? "Added" : e.action === "update" ? "Changed" : "Removed"} {tableLabel(e.table).toLowerCase()}
                  </td>
                  <td className="govuk-table__cell">{e.partnership}</td>
                  <td className="govuk-table__cell">{e.madeByYou ? "Yes" : "No"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Main>
  );
}
