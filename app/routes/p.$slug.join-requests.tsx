/**
 * The coordinator's requests to join (tenancy/join-requests.server.ts): approve one (the
 * organisation is created as a prospect and its contact invited as its administrator) or decline
 * it with a reason the contact is told.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { formatDate } from "~/modules/platform/dates";
import { formValues, parseFormData, readForm, refuse, text, uuid } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { approveJoinRequest, declineJoinRequest, listJoinRequests } from "~/modules/tenancy/join-requests.server";
import { sectorLabel } from "~/modules/tenancy/sectors";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextArea } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Requests to join — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const requests = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listJoinRequests(tx, { partnershipId: ctx.partnership.id }));
  return json({ slug: ctx.partnership.slug, open: ctx.partnership.join_requests_open, requests });
}

const Decision = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("approve"), requestId: uuid("Reload the page and try again") }),
  z.object({ intent: z.literal("decline"), requestId: uuid("Reload the page and try again"), reason: text("why it is declined: the contact is told", 2000) }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const form = await readForm(request);
  const parsed = parseFormData(form, Decision);
  if (!parsed.ok) return json({ ...parsed.reply, requestId: String(form.get("requestId") ?? "") }, { status: 400 });
  const data = parsed.data;
  const scope = { partnershipId: ctx.partnership.id, requestId: data.requestId, userId: ctx.user.id };
  const done = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    data.intent === "approve" ? approveJoinRequest(tx, scope) : declineJoinRequest(tx, { ...scope, reason: data.reason, partnershipName: ctx.partnership.name }),
  );
  if (!done.ok) return json({ ...refuse(formValues(form), {}, done.message), requestId: data.requestId }, { status: 409 });
  const here = `/p/${ctx.partnership.slug}/join-requests`;
  return redirectWithNotice(
    here,
    data.intent === "approve"
      ? `${done.organisationName} added as a prospect, and its contact invited to set up its account`
      : `Declined ${done.organisationName}'s request; the contact has been told why`,
  );
}

export default function JoinRequests() {
  const { slug, open, requests } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const pending = requests.filter((r) => r.status === "pending");
  const decided = requests.filter((r) => r.status !== "pending");
  return (
    <Main backLink={{ to: `/p/${slug}/settings`, label: "Partnership settings" }}>
      <ErrorSummary reply={reply} order={["reason"]} />
      <h1 className="govuk-heading-l">Requests to join</h1>
      <p className="govuk-body">
        {open ? (
          <>
            The public page offers{" "}
            <Link className="govuk-link" to={`/public/${slug}/join`}>
              Ask to join
            </Link>
            .
          </>
        ) : (
          "“Ask to join” is closed: open it in the partnership settings."
        )}{" "}
        Nothing of a request is public, and no account exists until you approve it.
      </p>
      <h2 className="govuk-heading-m">Waiting for a decision ({pending.length})</h2>
      {pending.length === 0 ? <p className="govuk-body">None.</p> : null}
      {pending.map((r) => (
        <div className="gt-card govuk-!-margin-bottom-6" key={r.id}>
          <h3 className="govuk-heading-s">{r.organisationName}</h3>
          <dl className="govuk-summary-list govuk-summary-list--no-border">
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Sector</dt>
              <dd className="govuk-summary-list__value">{sectorLabel(r.sector)}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Where it works</dt>
              <dd className="govuk-summary-list__value">{r.boroughName ?? "County-wide"}</dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Contact</dt>
              <dd className="govuk-summary-list__value">
                {r.contactName}, {r.contactEmail}
              </dd>
            </div>
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Asked</dt>
              <dd className="govuk-summary-list__value">{formatDate(r.createdAt)}</dd>
            </div>
            {r.message ? (
              <div className="govuk-summary-list__row">
                <dt className="govuk-summary-list__key">They said</dt>
                <dd className="govuk-summary-list__value gt-prewrap">{r.message}</dd>
              </div>
            ) : null}
          </dl>
          <Form method="post">
            <input type="hidden" name="requestId" value={r.id} />
            <Button name="intent" value="approve">
              Approve and invite {r.contactName}
            </Button>
          </Form>
          <Form method="post" noValidate>
            <input type="hidden" name="requestId" value={r.id} />
            <TextArea
              name="reason"
              label={`Why ${r.organisationName} is declined`}
              labelClassName="govuk-label--s"
              hint="The contact is emailed this."
              rows={2}
              reply={reply?.requestId === r.id ? reply : undefined}
            />
            <Button name="intent" value="decline" secondary>
              Decline
            </Button>
          </Form>
        </div>
      ))}
      {decided.length ? (
        <>
          <h2 className="govuk-heading-m">Decided</h2>
          <ul className="govuk-list">
            {decided.map((r) => (
              <li key={r.id}>
                {r.status === "approved" && r.organisationId ? (
                  <Link className="govuk-link" to={`/p/${slug}/orgs/${r.organisationId}`}>
                    {r.organisationName}
                  </Link>
                ) : (
                  r.organisationName
                )}
                : {r.status === "approved" ? "approved" : `declined (${r.declineReason})`}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Main>
  );
}
