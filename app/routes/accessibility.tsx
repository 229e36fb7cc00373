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
            Golden Thread aims to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA. Every page is checked with an
            automated accessibility checker in a real browser each time the software changes, and the main tasks — signing in, signing
            the pledge, filing a return — work without JavaScript.
          </p>
          <p className="govuk-body">
            Every chart has a table of the same figures beside it, and every table can be downloaded as a spreadsheet (CSV).
          </p>
          <h2 className="govuk-heading-m">Reporting a problem</h2>
          <p className="govuk-body">If you find something hard to use, tell your partnership coordinator, who will pass it to us.</p>
        </div>
      </div>
    </Main>
  );
}
