import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { formValues, parseFormData, readForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { addDays } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { isCalendarDate, longDate } from "~/modules/returns/calendar";
import { quarterParam, reportingSettings, returnPage } from "~/modules/returns/form-page.server";
import { WarningList } from "~/modules/returns/ReturnForm";
import { ReturnFigures, ReturnStatusPanel } from "~/modules/returns/ReturnSummary";
import { transition } from "~/modules/returns/status";
import { closeLockException, reopenForOrganisation, reviewReturn } from "~/modules/returns/workflow.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextArea, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";
import { PersonalDataCheck } from "~/ui/PersonalDataCheck";
import { unconfirmedPersonalData } from "~/modules/platform/personal-data-check";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Review the ${data?.page.quarter.label ?? ""} return — ${data?.organisation.name ?? ""} — Golden Thread` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const day = today();
  const quarter = quarterParam(params.quarter, day);
  const ctx = await requireAccess(request, params, "returns:review");
  const organisation = ctx.organisation!;
  const page = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    returnPage(tx, { partnershipId: ctx.partnership.id, organisationId: organisation.id, quarter, settings: reportingSettings(ctx.partnership), today: day, reviewing: true }),
  );
  return json({ slug: ctx.partnership.slug, organisation: { id: organisation.id, name: organisation.name }, page, today: day, latestUntil: addDays(day, 365) });
}

const Version = z.coerce.number({ invalid_type_error: "Reload the page and try again" }).int().min(1, "Reload the page and try again").max(1_000_000_000);
const cleanText = (s: string) => s.replaceAll("\u0000", "");
const Posted = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept"), baseVersion: Version }),
  z.object({
    intent: z.literal("return"),
    baseVersion: Version,
    reason: z
      .string({ required_error: "Say what needs changing" })
      .transform(cleanText)
      .pipe(z.string().trim().min(1, "Say what needs changing").max(2000, "The reason must be 2,000 characters or fewer")),
    openUntil: z
      .string()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || isCalendarDate(v), "Enter the last day as a real date, like 2026-12-31"),
  }),
  z.object({
    intent: z.literal("unlock"),
    until: z.string({ required_error: "Enter the last day it can be changed" }).refine(isCalendarDate, "Enter the last day as a real date, like 2026-12-31"),
    exceptionReason: z.string().transform(cleanText).pipe(z.string().trim().max(2000, "The note must be 2,000 characters or fewer")).optional(),
  }),
  z.object({ intent: z.literal("relock") }),
]);

export async function action({ request, params }: ActionFunctionArgs) {
  const day = today();
  const quarter = quarterParam(params.quarter, day);
  const ctx = await requireAccess(request, params, "returns:review");
  const form = await readForm(request);
  const parsed = parseFormData(form, Posted);
  if (!parsed.ok) return json(parsed.reply, { status: 400 });
  const data = parsed.data;
  const key = { partnershipId: ctx.partnership.id, organisationId: ctx.organisation!.id, quarter: quarter.key };
  const here = `/p/${ctx.partnership.slug}/orgs/${key.organisationId}/returns/${quarter.key}/review`;

  // The organisation reads both: a return's reason in its email, an exception's note on its page.
  const note =
    data.intent === "return"
      ? { name: "reason", label: "What needs changing", text: data.reason }
      : data.intent === "unlock"
        ? {
            name: "exceptionReason",
            label: "The note",
            text: data.exceptionReason,
          }
        : null;
  const personalData = note ? unconfirmedPersonalData(formValues(form), [note], day) : [];
  if (personalData.length)
    return json({
      values: formValues(form),
      personalData,
      intent: data.intent,
    });
  if (data.intent === "unlock") {
    if (data.until < day || data.until > addDays(day, 365)) return json(refuse(formValues(form), { until: "Choose a day from today to a year from now" }), { status: 400 });
    await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
      reopenForOrganisation(tx, { ...key, userId: ctx.user.id, until: data.until, reason: data.exceptionReason || null }),
    );
    return redirectWithNotice(here, `Reopened for ${ctx.organisation!.name} until ${longDate(data.until)}`);
  }
  if (data.intent === "relock") {
    await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => closeLockException(tx, key));
    return redirectWithNotice(here, "Exception closed");
  }
  const openUntil = data.intent === "return" ? data.openUntil : null;
  if (openUntil && (openUntil < day || openUntil > addDays(day, 365)))
    return json(refuse(formValues(form), { openUntil: "Choose a day from today to a year from now" }), { status: 400 });
  const result = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) =>
    reviewReturn(tx, {
      ...key,
      userId: ctx.user.id,
      decision: data.intent,
      reason: data.intent === "return" ? data.reason : undefined,
      baseVersion: data.baseVersion,
      openUntil,
      today: day,
      settings: reportingSettings(ctx.partnership),
    }),
  );
  if (!result.ok && result.reason === "needs_until") {
    return json(
      refuse(formValues(form), { openUntil: `The quarter locked for ${ctx.organisation!.name} after ${longDate(result.editableUntil)}: choose until when they can correct it` }),
      { status: 400 },
    );
  }
  if (result.ok) {
    const what = data.intent === "accept" ? "Accepted" : "Returned";
    return redirectWithNotice(`/p/${ctx.partnership.slug}/returns?quarter=${quarter.key}`, `${what} the ${quarter.label} return of ${ctx.organisation!.name}`);
  }
  const message =
    result.reason === "stale"
      ? "This return changed after you opened it. Check what it holds now, then decide again."
      : data.intent === "accept"
        ? "Only a submitted return can be accepted."
        : "Only a submitted or accepted return can be returned.";
  return json(refuse(formValues(form), {}, message), { status: 409 });
}

export default function ReviewReturn() {
  const { slug, organisation, page, today: day, latestUntil } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const base = `/p/${slug}/orgs/${organisation.id}/returns/${page.quarter.key}`;
  const canAccept = transition(page.ret.status, "accept").ok;
  const canReturn = transition(page.ret.status, "return").ok;
  return (
    <Main backLink={{ to: `/p/${slug}/returns?quarter=${page.quarter.key}`, label: `${page.quarter.label} returns` }}>
      <ErrorSummary reply={reply} order={["reason", "openUntil", "until"]} />
      <span className="govuk-caption-l">{organisation.name}</span>
      <h1 className="govuk-heading-l">Review the {page.quarter.label} return</h1>
      <ReturnStatusPanel ret={page.ret} dueOn={page.lock.dueOn} editableUntil={page.lock.editableUntil} />
      {page.ret.status === "returned" ? <div className="govuk-inset-text gt-prewrap">Returned: {page.ret.returnReason}</div> : null}
      <WarningList warnings={page.warnings} heading="The checks flag:" />
      <ReturnFigures metrics={page.metrics} ret={page.ret} lastLabel={page.quarter.lastLabel} />
      <p className="govuk-body">
        <Link className="govuk-link" to={`${base}/history`}>
          History of this return
        </Link>
      </p>

      {canAccept || canReturn ? <h2 className="govuk-heading-m">Your decision</h2> : null}
      {canAccept ? (
        <Form method="post">
          <input type="hidden" name="baseVersion" value={page.ret.version} />
          <p className="govuk-body">Accepting locks the return: the organisation can no longer change it unless you return it.</p>
          <Button name="intent" value="accept">
            Accept return
          </Button>
        </Form>
      ) : null}
      {canReturn ? (
        <Form method="post">
          <input type="hidden" name="baseVersion" value={page.ret.version} />
          <TextArea
            name="reason"
            label="What needs changing"
            labelClassName="govuk-label--s"
            hint="The organisation is emailed this and can correct and resubmit the return."
            reply={reply}
            rows={3}
          />
          {page.periodLocked && !(page.exception && page.exception.openUntil >= day) ? (
            <TextField
              name="openUntil"
              label="They can correct it until (last day)"
              hint={`The quarter has locked for ${organisation.name}: returning it reopens it for them alone until this day. A date from ${longDate(day)} to ${longDate(latestUntil)}.`}
              type="date"
              min={day}
              max={latestUntil}
              reply={reply}
              defaultValue={addDays(day, 14)}
            />
          ) : null}
          {reply && "personalData" in reply && reply.intent === "return" ? <PersonalDataCheck warnings={reply.personalData} /> : null}
          <Button name="intent" value="return" secondary>
            Return for changes
          </Button>
        </Form>
      ) : null}

      {page.periodLocked || page.exception ? (
        <>
          <h2 className="govuk-heading-m">Quarter locked</h2>
          {page.exception ? (
            <Form method="post">
              <p className="govuk-body">
                Reopened for {organisation.name} until {longDate(page.exception.openUntil)}
                {page.exception.reason ? `: ${page.exception.reason}` : ""}.
              </p>
              <Button name="intent" value="relock" secondary>
                Close the exception
              </Button>
            </Form>
          ) : (
            <p className="govuk-body">
              This quarter locked after {longDate(page.lock.editableUntil)}. You can reopen it for {organisation.name} alone.
            </p>
          )}
          <Form method="post">
            <TextField
              name="until"
              label="Open until (last day)"
              hint={`A date from ${day} to ${latestUntil}.`}
              type="date"
              min={day}
              max={latestUntil}
              reply={reply}
              defaultValue={page.exception?.openUntil ?? addDays(day, 14)}
            />
            <TextField name="exceptionReason" label="Note (optional)" reply={reply} width={30} />
            {reply && "personalData" in reply && reply.intent === "unlock" ? <PersonalDataCheck warnings={reply.personalData} /> : null}
            <Button name="intent" value="unlock" secondary>
              {page.exception ? "Change the date" : "Reopen for this organisation"}
            </Button>
          </Form>
        </>
      ) : null}
    </Main>
  );
}
