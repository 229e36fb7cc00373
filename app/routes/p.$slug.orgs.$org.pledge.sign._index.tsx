import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { today } from "~/modules/platform/clock.server";
import { parseForm } from "~/modules/platform/form.server";
import { formatDate } from "~/modules/platform/dates";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { PledgeText, TaskList } from "~/modules/pledge/components";
import { discardSigning, signingTasks, startSigning } from "~/modules/pledge/signing.server";
import { requireSigning } from "~/modules/pledge/signing-page.server";
import { isCurrent, notYetMessage } from "~/modules/pledge/status";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";
import { Button, ButtonGroup, ErrorSummary, RadiosField } from "~/ui/form";

export const meta: MetaFunction = () => [{ title: "Sign the pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, state, base, orgPath } = await requireSigning(request, params);
  return json({
    organisation: ctx.organisation!.name,
    base,
    orgPath,
    version: state.version,
    draft: state.draft,
    tasks: signingTasks(state.draft),
    status: state.pledge.status,
    validUntil: state.pledge.signature?.validUntil ?? null,
    hasLast: Boolean(state.last),
    lastSignedOn: state.last?.signed_on ?? null,
    wait: state.wait,
  });
}

const Schema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("start"), fromLast: z.enum(["yes", "no"]).optional() }), z.object({ intent: z.literal("discard") })]);

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, scope, base, orgPath } = await requireSigning(request, params);
  const form = await parseForm(request, Schema);
  if (!form.ok) return json(form.reply, { status: 400 });
  if (form.data.intent === "discard") {
    await withPartnership(scope.partnershipId, ctx.user.id, (tx) => discardSigning(tx, scope));
    return redirectWithNotice(orgPath, "Your answers were discarded; nothing was signed");
  }
  const fromLast = form.data.fromLast === "yes";
  const started = await withPartnership(scope.partnershipId, ctx.user.id, (tx) => startSigning(tx, { ...scope, userId: ctx.user.id, fromLast, on: today() }));
  if (!started.ok) {
    const formError = started.reason === "not-yet" ? notYetMessage(started.wait) : "Your partnership has not published its pledge yet, so there is nothing to sign.";
    return json({ values: form.values, errors: {}, formError }, { status: 409 });
  }
  return redirect(`${base}/signatory`);
}

export default function SignPledge() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const renewing = isCurrent(data.status);
  const heading = renewing ? "Renew the pledge" : "Sign the pledge";
  if (!data.version) {
    return (
      <Main backLink={{ to: data.orgPath }}>
        <span className="govuk-caption-l">{data.organisation}</span>
        <h1 className="govuk-heading-l">{heading}</h1>
        <p className="govuk-body">Your partnership has not published its pledge yet. You can sign it once the coordinator publishes it.</p>
      </Main>
    );
  }
  if (!data.draft && data.wait) {
    return (
      <Main backLink={{ to: data.orgPath }}>
        <span className="govuk-caption-l">{data.organisation}</span>
        <h1 className="govuk-heading-l">The pledge is signed</h1>
        <p className="govuk-body">{notYetMessage(data.wait)}</p>
      </Main>
    );
  }
  if (!data.draft) {
    return (
      <Main backLink={{ to: data.orgPath }}>
        <ErrorSummary reply={reply} />
        <span className="govuk-caption-l">{data.organisation}</span>
        <h1 className="govuk-heading-l">{heading}</h1>
        {renewing && data.validUntil ? (
          <p className="govuk-body">
            The current signature is valid until {formatDate(data.validUntil)}. Renewing now starts a new 12 months from today and keeps the earlier signatures in the history.
          </p>
        ) : (
          <p className="govuk-body">Signing takes about five minutes. A signature lasts 12 months; you will be reminded two months before it lapses.</p>
        )}
        <p className="govuk-body">
          You will need the name and job title of the senior person signing for your organisation, and your plans for the year under the strategy&apos;s six themes.
        </p>
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Read the pledge (version {data.version.version})</span>
          </summary>
          <div className="govuk-details__text">
            <PledgeText pledge={data.version} />
          </div>
        </details>
        <Form method="post">
          {data.hasLast ? (
            <RadiosField
              name="fromLast"
              legend="How do you want to start?"
              reply={reply}
              defaultValue="yes"
              options={[
                {
                  value: "yes",
                  label: "Start from the answers of the last signature",
                  hint: data.lastSignedOn ? `Signed on ${formatDate(data.lastSignedOn)}. You can change every answer.` : undefined,
                },
                { value: "no", label: "Start with blank answers" },
              ]}
            />
          ) : null}
          <Button name="intent" value="start">
            Start now
          </Button>
        </Form>
      </Main>
    );
  }
  const t = data.tasks;
  const ready = t.signatory === "completed" && t.commitments === "completed";
  return (
    <Main backLink={{ to: data.orgPath }}>
      <ErrorSummary reply={reply} />
      <span className="govuk-caption-l">{data.organisation}</span>
      <h1 className="govuk-heading-l">{heading}</h1>
      <p className="govuk-body">
        You are signing version {data.version.version} of {data.version.title}. Your answers are saved as you go.
      </p>
      <TaskList
        tasks={[
          { id: "signatory", label: "Senior signatory", to: `${data.base}/signatory`, status: t.signatory },
          { id: "commitments", label: "Commitments your organisation takes on", to: `${data.base}/commitments`, status: t.commitments },
          {
            id: "activity",
            label: "Proposed activity for the year",
            to: `${data.base}/activity`,
            status: t.activity,
            hint: "Under each of the six themes; leave blank any theme you do not touch",
          },
          { id: "check", label: "Check your answers and sign", to: ready ? `${data.base}/check` : null, status: ready ? "not-started" : "cannot-start" },
        ]}
      />
      <Form method="post">
        <ButtonGroup>
          <Button name="intent" value="discard" secondary>
            Discard these answers
          </Button>
        </ButtonGroup>
      </Form>
    </Main>
  );
}
