/**
 * "Ask to join" from a partnership's public page, when the partnership has opened it: an
 * organisation says who it is and who to contact, and the coordinator decides
 * (tenancy/join-requests.server.ts). Bounded against abuse: a field people never see (a form that
 * fills it is thanked and dropped), a limit per address and per partnership, and nothing of a
 * request shown to anyone but the coordinator.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { notFound } from "~/modules/auth/guard.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { COUNTY_WIDE } from "~/modules/tenancy/organisation-setup.server";
import { JoinRequestSchema, joinPage, joinRequestWait, submitJoinRequest } from "~/modules/tenancy/join-requests.server";
import { listBoroughs, partnershipIdOf } from "~/modules/tenancy/partnerships.server";
import { SECTOR_LABELS, SECTORS } from "~/modules/tenancy/sectors";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, SelectField, TextArea, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Ask to join ${data?.partnership.name ?? "the partnership"} — Golden Thread` }];

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/);
/** People never see or fill this field; a script filling every field does. */
const HONEYPOT = "homepage";
const ORDER = ["organisationName", "sector", "boroughId", "contactName", "contactEmail", "message"];

async function openPartnership(slug: string | undefined) {
  const parsed = Slug.safeParse(slug);
  if (!parsed.success) notFound();
  const partnershipId = await partnershipIdOf(parsed.data);
  if (!partnershipId) notFound();
  const found = await withPartnership(partnershipId, null, async (tx) => ({
    ...(await joinPage(tx, { partnershipId })),
    boroughs: await listBoroughs(tx, { partnershipId }),
  }));
  if (!found.open) notFound();
  return { partnershipId, ...found };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { partnership, boroughs } = await openPartnership(params.slug);
  return json({ partnership, boroughs: boroughs.map((b) => ({ value: b.id, label: b.name })) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { partnershipId, partnership } = await openPartnership(params.slug);
  const thanks = `/public/${partnership.slug}/join?sent=1`;
  const form = await parseForm(request, JoinRequestSchema.extend({ [HONEYPOT]: z.string().optional() }));
  if (!form.ok) return json(form.reply, { status: 400 });
  if (form.data[HONEYPOT]) return redirect(thanks);
  const wait = await joinRequestWait(partnershipId, context.clientAddress ?? "unknown");
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    return json(refuse(form.values, {}, `Too many requests have been sent from here. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`), {
      status: 429,
      headers: { "Retry-After": String(wait) },
    });
  }
  const sent = await withPartnership(partnershipId, null, (tx) => submitJoinRequest(tx, { partnershipId, form: form.data }));
  if (!sent.ok) {
    if ("closed" in sent) notFound();
    return json(refuse(form.values, { [sent.field]: sent.message }), { status: 400 });
  }
  return redirect(thanks);
}

export default function AskToJoin() {
  const { partnership, boroughs } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [params] = useSearchParams();
  if (params.get("sent") === "1") {
    return (
      <Main>
        <div className="govuk-panel govuk-panel--confirmation">
          <h1 className="govuk-panel__title">Request sent</h1>
          <div className="govuk-panel__body">The coordinator of {partnership.name} will be in touch</div>
        </div>
        <p className="govuk-body">If they add your organisation, you will get an email inviting you to set up its account. Nothing you sent is published.</p>
      </Main>
    );
  }
  return (
    <Main backLink={{ to: `/public/${partnership.slug}`, label: "Register of signatories" }}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <ErrorSummary reply={reply} order={ORDER} />
          <span className="govuk-caption-l">{partnership.name}</span>
          <h1 className="govuk-heading-l">Ask to join</h1>
          <p className="govuk-body">
            Organisations across {partnership.county} sign the restorative pledge and name RJ champions. Tell the partnership&apos;s coordinator about yours: they will get back to
            you, and if they add it you will be invited to set up its account. Nothing you send here is published.
          </p>
          <Form method="post" noValidate>
            <TextField name="organisationName" label="Your organisation's name" reply={reply} />
            <SelectField name="sector" label="Sector" reply={reply} placeholder="Choose a sector" options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} />
            <SelectField
              name="boroughId"
              label="Where it works"
              reply={reply}
              placeholder="Choose a borough"
              options={[...boroughs, { value: COUNTY_WIDE, label: "County-wide" }]}
            />
            <TextField name="contactName" label="Your name" autoComplete="name" reply={reply} />
            <TextField name="contactEmail" label="Your email address" type="email" autoComplete="email" spellCheck={false} reply={reply} />
            <TextArea name="message" label="Anything the coordinator should know (optional)" reply={reply} rows={4} />
            <div className="gt-honeypot" aria-hidden="true">
              <label htmlFor="f-homepage">Leave this empty</label>
              <input id="f-homepage" name={HONEYPOT} type="text" tabIndex={-1} autoComplete="off" />
            </div>
            <Button>Send request</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
