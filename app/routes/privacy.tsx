import type { MetaFunction } from "@remix-run/node";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Privacy notice — Golden Thread" }];

export default function Privacy() {
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Privacy notice</h1>
          <p className="govuk-body">
            Golden Thread holds organisational information and aggregate counts of restorative justice activity. It never holds details
            of victims, offenders or cases.
          </p>
          <h2 className="govuk-heading-m">What we hold about people</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>for people with an account: name, work email address, the roles they hold, and a record of sign-ins and changes they make</li>
            <li>for RJ champions: name, work email address, job title, training level and the date they took on the role</li>
            <li>for pledge signatories: the senior signatory's name and job title</li>
          </ul>
          <h2 className="govuk-heading-m">Why</h2>
          <p className="govuk-body">
            To let partnership members sign in, to show who signed each organisation's pledge and who its champions are, and to keep an
            audit trail of changes. The partnership that invited you is the data controller.
          </p>
        </div>
      </div>
    </Main>
  );
}
