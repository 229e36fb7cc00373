import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { PledgeText } from "~/modules/pledge/components";
import { findDraft, latestPublished, publishDraft } from "~/modules/pledge/versions.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, ButtonGroup, ErrorSummary } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Preview the draft pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:edit");
  const { draft, latest } = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => ({
    draft: await findDraft(tx, { partnershipId: ctx.partnership.id }),
    latest: await latestPublished(tx, { partnershipId: ctx.partnership.id }),
  }));
  if (!draft) throw redirect(`/p/${ctx.partnership.slug}/pledge`);
  return json({ slug: ctx.partnership.slug, draft, nextVersion: (latest?.version ?? 0) + 1 });
}

const Schema = z.object({ revision: z.string({ required_error: "Preview the draft again before publishing" }) });

const REFUSALS = {
  stale: "The draft changed after you opened this preview. Read it again below, then publish.",
  incomplete: "The draft needs a title and at least one commitment before it can be published.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:edit");
  const form = await parseForm(request, Schema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const base = `/p/${ctx.partnership.slug}/pledge`;
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => publishDraft(tx, { partnershipId: ctx.partnership.id, revision: form.data.revision }));
  if (result.ok) return redirectWithNotice(base, `Version ${result.version} is published: organisations now sign it`);
  if (result.reason === "missing") return redirectWithNotice(base, "The draft was already published or discarded");
  return json(refuse(form.values, {}, REFUSALS[result.reason]), { status: 409 });
}

export default function PreviewDraft() {
  const { slug, draft, nextVersion } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/pledge/draft` }}>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">Preview of version {nextVersion}</span>
      <h1 className="govuk-heading-l">Check the pledge before publishing</h1>
      <p className="govuk-body">This is how organisations will read it when they sign. Once published, version {nextVersion} cannot be changed.</p>
      <div className="gt-card">
        <PledgeText pledge={draft} />
      </div>
      <Form method="post">
        <input type="hidden" name="revision" value={draft.revision} readOnly />
        <ButtonGroup>
          <Button>Publish as version {nextVersion}</Button>
          <Link className="govuk-link" to={`/p/${slug}/pledge/draft`}>
            Edit the draft
          </Link>
        </ButtonGroup>
      </Form>
    </Main>
  );
}
