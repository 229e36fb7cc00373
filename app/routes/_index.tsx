import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { currentSession } from "~/modules/auth/session.server";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Golden Thread — restorative justice partnerships" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await currentSession(request);
  return json({ signedIn: Boolean(session) });
}

export default function Landing() {
  const { signedIn } = useLoaderData<typeof loader>();
  return (
    <Main>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <span className="govuk-caption-xl">Golden Thread</span>
          <h1 className="govuk-heading-xl">Make restorative justice a golden thread through everything your partnership does</h1>
          <p className="govuk-body-l">
            Golden Thread is where a restorative justice partnership runs its programme: organisations sign the restorative pledge and name their RJ champions, file a short
            quarterly return, and the programme board sees adoption and delivery-plan progress by borough and county — live, instead of in spreadsheets and emails.
          </p>
          {signedIn ? (
            <Link to="/home" className="govuk-button govuk-button--start" role="button" draggable="false">
              Go to your partnership
            </Link>
          ) : (
            <Link to="/login" className="govuk-button govuk-button--start" role="button" draggable="false">
              Sign in
            </Link>
          )}
          <h2 className="govuk-heading-m">Who it is for</h2>
          <ul className="govuk-list govuk-list--bullet">
            <li>Police and Crime Commissioners' offices and county RJ coordinators who run the partnership</li>
            <li>councils, police forces, youth justice services, housing providers, schools, victim services and community groups who sign the pledge</li>
            <li>RJ champions who report what their organisation did each quarter</li>
            <li>programme board members who review the mid-year and end-year figures</li>
          </ul>
          <h2 className="govuk-heading-m">Voluntary by design</h2>
          <p className="govuk-body">
            Nobody may be pressured into restorative justice, so Golden Thread never sets targets for the number of people taking part. It measures adoption, training, awareness
            and delivery — and holds aggregate counts only, never case details.
          </p>
        </div>
      </div>
    </Main>
  );
}
