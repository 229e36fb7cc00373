import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { DraftSchema } from "~/modules/pledge/forms.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { findDraft, MAX_COMMITMENTS, saveDraft } from "~/modules/pledge/versions.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, ButtonGroup, ErrorSummary, TextArea, TextField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Edit the draft pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:edit");
  const draft = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findDraft(tx, { partnershipId: ctx.partnership.id }));
  if (!draft) throw redirect(`/p/${ctx.partnership.slug}/pledge`);
  return json({ slug: ctx.partnership.slug, draft });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "pledge:edit");
  const form = await parseForm(request, DraftSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const { intent, revision, title, introduction, commitment } = form.data;
  const base = `/p/${ctx.partnership.slug}/pledge`;
  if (commitment.length > MAX_COMMITMENTS) return json(refuse(form.values, { commitment: `A pledge can have at most ${MAX_COMMITMENTS} commitments` }), { status: 400 });
  if (commitment.some((c) => c.length > 1000)) return json(refuse(form.values, { commitment: "Each commitment must be 1,000 characters or fewer" }), { status: 400 });
  if (intent === "preview" && commitment.length === 0) return json(refuse(form.values, { commitment: "Enter at least one commitment" }), { status: 400 });
  const saved = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    saveDraft(tx, { partnershipId: ctx.partnership.id, revision, text: { title, introduction, commitments: commitment } }),
  );
  if (!saved.ok && saved.reason === "missing") return redirectWithNotice(base, "The draft was published or discarded in the meantime");
  if (!saved.ok) {
    const current = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => findDraft(tx, { partnershipId: ctx.partnership.id }));
    const message = "Someone else saved this draft after you opened it. Your text is below: check it against theirs and save again.";
    return json(refuse({ ...form.values, revision: current?.revision ?? revision }, {}, message), { status: 409 });
  }
  if (intent === "add-commitment") return redirect(`${base}/draft?blank=1#f-commitment-${commitment.length + 1}`);
  if (intent === "preview") return redirect(`${base}/draft/preview`);
  return redirectWithNotice(`${base}/draft`, "Draft saved");
}

export default function EditDraft() {
  const { slug, draft } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [search] = useSearchParams();
  const typed = reply?.values?.commitment;
  const commitments = typed === undefined ? draft.commitments : Array.isArray(typed) ? typed : [typed];
  const fields = search.get("blank") || commitments.length === 0 ? [...commitments, ""] : commitments;
  return (
    <Main backLink={{ to: `/p/${slug}/pledge` }}>
      <ErrorSummary reply={reply} order={["title", "introduction", "commitment"]} />
      <span className="govuk-caption-l">Draft of the next version</span>
      <h1 className="govuk-heading-l">Edit the pledge</h1>
      <Form method="post" noValidate>
        <input type="hidden" name="revision" value={reply?.values?.revision?.toString() ?? draft.revision} readOnly />
        <TextField name="title" label="Title" reply={reply} defaultValue={draft.title} width={30} />
        <TextArea
          name="introduction"
          label="Introduction"
          hint="Why the partnership asks organisations to sign. Leave a blank line between paragraphs."
          reply={reply}
          defaultValue={draft.introduction}
          rows={6}
        />
        <div className={`govuk-form-group${reply?.errors?.commitment ? " govuk-form-group--error" : ""}`}>
          <fieldset className="govuk-fieldset" aria-describedby="commitments-hint">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Commitments</legend>
            <div id="commitments-hint" className="govuk-hint">
              Organisations choose which of these they take on. To remove one, clear its text. Never ask for a number of people to take part: restorative justice is voluntary.
            </div>
            {reply?.errors?.commitment ? (
              <p id="f-commitment" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {reply.errors.commitment}
              </p>
            ) : null}
            {fields.map((c, i) => (
              <div className="govuk-form-group" key={`${i}-${fields.length}`}>
                <label className="govuk-label" htmlFor={`f-commitment-${i + 1}`}>
                  Commitment {i + 1}
                </label>
                <textarea className="govuk-textarea" id={`f-commitment-${i + 1}`} name="commitment" rows={2} maxLength={1000} defaultValue={c} />
              </div>
            ))}
          </fieldset>
        </div>
        <ButtonGroup>
          <Button name="intent" value="add-commitment" secondary>
            Add another commitment
          </Button>
        </ButtonGroup>
        <ButtonGroup>
          <Button name="intent" value="preview">
            Save and preview
          </Button>
          <Button name="intent" value="save" secondary>
            Save draft
          </Button>
          <Link className="govuk-link" to={`/p/${slug}/pledge`}>
            Cancel
          </Link>
        </ButtonGroup>
      </Form>
    </Main>
  );
}
