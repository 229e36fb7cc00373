import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { formatDate } from "~/modules/platform/dates";
import { currentCertificate } from "~/modules/pledge/history.server";
import { today } from "~/modules/platform/clock.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { PrintButton } from "~/ui/PrintButton";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Certificate — ${data?.organisation ?? "Pledge"} — Golden Thread` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "org:view");
  const scope = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id };
  const certificate = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => currentCertificate(tx, { ...scope, on: today() }));
  return json({ organisation: ctx.organisation!.name, orgPath: `/p/${ctx.partnership.slug}/orgs/${scope.organisationId}`, certificate });
}

export default function CertificatePage() {
  const { organisation, orgPath, certificate: c } = useLoaderData<typeof loader>();
  if (!c) {
    return (
      <Main backLink={{ to: orgPath }}>
        <h1 className="govuk-heading-l">No current certificate</h1>
        <p className="govuk-body">{organisation} has no signature in force, so there is no certificate to print. Sign or renew the pledge to get one.</p>
      </Main>
    );
  }
  return (
    <Main backLink={{ to: orgPath }}>
      <div className="gt-no-print">
        <PrintButton />
      </div>
      <article className="gt-certificate" aria-labelledby="certificate-title">
        <p className="gt-certificate__partnership">{c.partnership}</p>
        <h1 className="gt-certificate__title" id="certificate-title">
          Certificate of signature
        </h1>
        <p className="gt-certificate__lead">This certifies that</p>
        <p className="gt-certificate__organisation">{c.organisation}</p>
        <p className="gt-certificate__lead">
          has signed <strong>{c.pledgeTitle}</strong> (version {c.version}) and commits to:
        </p>
        <ol className="gt-certificate__commitments">
          {c.commitments.map((commitment) => (
            <li key={commitment.number} value={commitment.number}>
              {commitment.text}
            </li>
          ))}
        </ol>
        <dl className="gt-certificate__facts">
          <div>
            <dt>Signed on</dt>
            <dd>{formatDate(c.signedOn)}</dd>
          </div>
          <div>
            <dt>Valid until</dt>
            <dd>{formatDate(c.validUntil)}</dd>
          </div>
          <div>
            <dt>Signed for the organisation by</dt>
            <dd>
              {c.signatory}, {c.signatoryTitle}
            </dd>
          </div>
        </dl>
        <p className="gt-certificate__thread">A golden thread through everything we do.</p>
      </article>
    </Main>
  );
}
