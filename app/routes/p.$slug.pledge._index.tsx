import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { forbidden, requireAccess } from "~/modules/auth/guard.server";
import { formatDate } from "~/modules/platform/dates";
import { readForm } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { setRegisterPublished } from "~/modules/pledge/register.server";
import { discardDraft, listVersions, startDraft } from "~/modules/pledge/versions.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, ButtonGroup } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "The pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "adoption:view");
  const versions = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listVersions(tx, { partnershipId: ctx.partnership.id }));
  return json({
    slug: ctx.partnership.slug,
    registerPublished: ctx.partnership.publish_register,
    ...versions,
    can: { edit: ctx.can("pledge:edit"), publishRegister: ctx.can("partnership:manage") },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:edit");
  const intent = (await readForm(request)).get("intent");
  const partnershipId = ctx.partnership.id;
  const base = `/p/${ctx.partnership.slug}/pledge`;
  if (intent === "start-draft") {
    await withPartnership(partnershipId, ctx.user.id, (tx) => startDraft(tx, { partnershipId }));
    return redirect(`${base}/draft`);
  }
  if (intent === "discard-draft") {
    await withPartnership(partnershipId, ctx.user.id, (tx) => discardDraft(tx, { partnershipId }));
    return redirectWithNotice(base, "The draft was discarded; the published pledge is unchanged");
  }
  if (intent === "publish-register" || intent === "unpublish-register") {
    if (!ctx.can("partnership:manage")) forbidden();
    const published = intent === "publish-register";
    await withPartnership(partnershipId, ctx.user.id, (tx) => setRegisterPublished(tx, { partnershipId, published }));
    return redirectWithNotice(base, published ? "The register of signatories is now public" : "The register of signatories is no longer public");
  }
  return json({ errors: {}, formError: "Choose what to do" }, { status: 400 });
}

export default function PledgeAdmin() {
  const { slug, registerPublished, draft, published, can } = useLoaderData<typeof loader>();
  const latest = published[0];
  return (
    <Main>
      <h1 className="govuk-heading-l">The restorative pledge</h1>
      {latest ? (
        <p className="govuk-body">
          Organisations sign version {latest.version}, published on {formatDate(latest.publishedAt!)}.{" "}
          <Link className="govuk-link" to={`/p/${slug}/pledge/versions/${latest.id}`}>
            Read version {latest.version}
          </Link>
        </p>
      ) : (
        <p className="govuk-body">No version has been published yet, so organisations cannot sign.</p>
      )}
      {can.edit ? (
        <section className="gt-card" aria-labelledby="draft-heading">
          <h2 className="govuk-heading-m" id="draft-heading">
            {draft ? "Draft of the next version" : "Change the pledge"}
          </h2>
          {draft ? (
            <>
              <p className="govuk-body">A draft is in progress. Nobody sees it until you publish it; organisations that have signed keep the version they signed.</p>
              <ButtonGroup>
                <Link className="govuk-button" to={`/p/${slug}/pledge/draft`} data-module="govuk-button">
                  Edit the draft
                </Link>
                <Link className="govuk-link" to={`/p/${slug}/pledge/draft/preview`}>
                  Preview and publish
                </Link>
              </ButtonGroup>
              <Form method="post">
                <Button name="intent" value="discard-draft" secondary>
                  Discard the draft
                </Button>
              </Form>
            </>
          ) : (
            <Form method="post">
              <p className="govuk-body">A published version never changes. Start a draft from the latest text, edit it, preview it and publish it as the next version.</p>
              <Button name="intent" value="start-draft">
                Start a new draft
              </Button>
            </Form>
          )}
        </section>
      ) : null}

      <h2 className="govuk-heading-m">Public register</h2>
      <p className="govuk-body">
        {registerPublished ? (
          <>
            The register of current signatories is public at{" "}
            <Link className="govuk-link" to={`/public/${slug}`}>
              /public/{slug}
            </Link>
            .
          </>
        ) : (
          "The register of signatories is not public."
        )}
      </p>
      {can.publishRegister ? (
        <Form method="post">
          <Button name="intent" value={registerPublished ? "unpublish-register" : "publish-register"} secondary>
            {registerPublished ? "Stop publishing the register" : "Publish the register"}
          </Button>
        </Form>
      ) : null}

      <h2 className="govuk-heading-m">Published versions</h2>
      <ul className="govuk-list">
        {published.map((v) => (
          <li key={v.id}>
            <Link className="govuk-link" to={`/p/${slug}/pledge/versions/${v.id}`}>
              Version {v.version}
            </Link>{" "}
            — published {formatDate(v.publishedAt!)}, {v.commitments.length} commitments
          </li>
        ))}
      </ul>
    </Main>
  );
}
