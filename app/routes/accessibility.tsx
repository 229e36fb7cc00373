import type { MetaFunction } from "@remix-run/node";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Accessibility statement — Golden Thread" }];

export default function Accessibility() {
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Accessibility statement</h1>
          <p className="govuk-body">
            This statement applies to Golden Thread, the service restorative justice partnerships use for their pledge, champions, quarterly returns, delivery plan and dashboards.
            We want as many people as possible to be able to use it. You should be able to:
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>make the text bigger, or narrow the window, and still read every page: layouts reflow to a single column</li>
            <li>navigate every page using just a keyboard, with a visible focus</li>
            <li>use it with a screen reader: every chart has a table of the same figures, and every form lists its problems at the top, linked to each field</li>
            <li>use it without JavaScript: signing in (including the two-factor code), signing the pledge and filing a return all work as plain forms</li>
            <li>download every table as a spreadsheet (CSV)</li>
          </ul>

          <h2 className="govuk-heading-m">How accessible this service is</h2>
          <p className="govuk-body">
            Golden Thread aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Its pages follow the GOV.UK Design System&apos;s patterns, which are tested
            with disabled people. We know of these limits:
          </p>
          <ul className="govuk-list govuk-list--bullet">
            <li>charts are pictures of their tables: to hear the figures, use the table beside each chart</li>
            <li>
              setting up two-factor sign-in shows a QR code; if you cannot scan it, the same set-up key is shown as text to type into your app, and recovery codes are shown as text
              you can copy
            </li>
            <li>the printable board report is designed for A4 paper; its spreadsheet version holds the same figures</li>
          </ul>

          <h2 className="govuk-heading-m">How we test it</h2>
          <p className="govuk-body">
            Every page is checked with an automated accessibility checker (axe, against WCAG 2.2 AA) in a real browser each time the software changes, and the main tasks are tested
            with JavaScript turned off. Automated checks find only some problems, so reports from the people who use the service matter to us.
          </p>

          <h2 className="govuk-heading-m">Reporting a problem, or asking for another format</h2>
          <p className="govuk-body">If you find something hard to use, or need information in a different format, tell your partnership coordinator, who will pass it to us.</p>

          <h2 className="govuk-heading-m">Enforcement procedure</h2>
          <p className="govuk-body">
            The Equality and Human Rights Commission (EHRC) is responsible for enforcing the accessibility regulations for public sector bodies. If you are not happy with how we
            respond to your complaint, contact the Equality Advisory and Support Service (EASS).
          </p>

          <h2 className="govuk-heading-m">Preparation of this statement</h2>
          <p className="govuk-body">This statement was prepared in November 2026, from the automated checks above and a review of each page by its developers.</p>
        </div>
      </div>
    </Main>
  );
}
