import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Privacy notice — Golden Thread" }];

export default function Privacy() {
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Privacy notice</h1>
          <p className="govuk-body">
            Golden Thread helps restorative justice partnerships run their pledge, champions, quarterly returns and delivery plan. It holds organisational information and aggregate
            counts of restorative justice activity. It never holds details of victims, offenders or cases, and it warns anyone who types something that looks like personal data
            into a return.
          </p>

          <h2 className="govuk-heading-m">Who is responsible for your data</h2>
          <p className="govuk-body">
            The partnership that invited you (usually led by a Police and Crime Commissioner&apos;s office) is the data controller. It decides what is collected and why; Golden
            Thread processes the data on its behalf. Ask your partnership coordinator first; they can contact the partnership&apos;s data protection officer.
          </p>

          <h2 className="govuk-heading-m">What we hold about people, and why</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <strong>People with an account:</strong> name, work email address, the roles you hold, a hash of your password (never the password itself), and when you set up
              two-factor sign-in, the secret your authenticator app shares with us and hashes of your recovery codes. We need these to let you sign in safely and to show who is
              responsible for what.
            </li>
            <li>
              <strong>Signing in:</strong> your sessions (when you signed in, until when), a short-lived record while you enter a code, and counts of failed attempts by email
              address and by internet (IP) address. These keep your account safe from guessing. Our server logs record the time, page and outcome of each request, without your name
              or address, to find faults.
            </li>
            <li>
              <strong>RJ champions:</strong> name, work email address, job title, training level and the dates you took on and left the role, so the partnership can keep its
              register of champions and count training.
            </li>
            <li>
              <strong>Pledge signatories:</strong> the senior signatory&apos;s name and job title, as part of the organisation&apos;s signed pledge.
            </li>
            <li>
              <strong>The audit trail:</strong> who changed what and when, so the partnership can account for its figures.
            </li>
            <li>
              <strong>Emails:</strong> invitations, reminders and sign-in links we send you, kept in an outbox so a coordinator can pass a link on when no mail server is set up.
            </li>
          </ul>
          <p className="govuk-body">
            The lawful basis is the partnership&apos;s public task of commissioning and overseeing restorative justice services (UK GDPR article 6(1)(e)), or its legitimate
            interests where the partner is not a public body (article 6(1)(f)).
          </p>

          <h2 className="govuk-heading-m">How long we keep it</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>a session ends after 60 minutes without use and always 12 hours after signing in; a code step after 5 minutes</li>
            <li>records of failed sign-ins stop counting after an hour</li>
            <li>one-time links in emails work for 60 minutes (password reset), 24 hours (new email address) or 7 days (invitation)</li>
            <li>your account, champion records and the audit trail are kept while the partnership uses Golden Thread, or until they are erased</li>
            <li>backups are kept for 35 days, so erased data leaves them within 35 days</li>
          </ul>

          <h2 className="govuk-heading-m">Your rights</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>
              <strong>See and download your data:</strong> signed in, open{" "}
              <Link className="govuk-link" to="/account/data">
                the information we hold about you
              </Link>
              , which you can download as JSON or as a spreadsheet (CSV).
            </li>
            <li>
              <strong>Correct it:</strong> change your name, email address and password on{" "}
              <Link className="govuk-link" to="/account">
                your account
              </Link>
              ; ask your coordinator or organisation administrator to correct a champion record.
            </li>
            <li>
              <strong>Have it erased:</strong> ask your partnership coordinator. They can erase your account and champion records: your name, email and job title are removed
              everywhere, including from the audit trail, while the figures you reported stay.
            </li>
            <li>
              <strong>Complain:</strong> to your partnership&apos;s data protection officer, or to the Information Commissioner&apos;s Office (ico.org.uk).
            </li>
          </ul>
          <p className="govuk-body">
            Read also the{" "}
            <Link className="govuk-link" to="/accessibility">
              accessibility statement
            </Link>
            .
          </p>
        </div>
      </div>
    </Main>
  );
}
