import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { requireAccess } from "~/modules/auth/guard.server";
import { findInviteAllJob, previewInviteAll, startInviteAll } from "~/modules/people/invite-all.server";
import { readForm } from "~/modules/platform/form.server";
import { linkOrigin } from "~/modules/platform/origin.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Main } from "~/ui/Layout";

const Uuid = z.string().uuid();
const running = (status: string | undefined) => status === "checking" || status === "applying";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: "Invite organisations without an administrator — Golden Thread" },
  // Progress without JavaScript: the page reloads itself while the job runs.
  ...(running(data?.job?.status) ? [{ httpEquiv: "refresh", content: "2" }] : []),
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "people:manage");
  const partnershipId = ctx.partnership.id;
  const asked = Uuid.safeParse(new URL(request.url).searchParams.get("job"));
  const { preview, job } = await withPartnership(partnershipId, ctx.user.id, async (tx) => ({
    preview: await previewInviteAll(tx, { partnershipId }),
    job: asked.success ? await findInviteAllJob(tx, { partnershipId, jobId: asked.data }) : null,
  }));
  // A fresh id for each form the page offers: a double post of the same form finds its job.
  return json({
    slug: ctx.partnership.slug,
    preview,
    job,
    jobId: crypto.randomUUID(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "people:manage");
  const form = await readForm(request);
  const jobId = Uuid.safeParse(form.get("jobId"));
  if (!jobId.success) return redirect(`/p/${ctx.partnership.slug}/orgs/invite`);
  const started = await startInviteAll({
    partnershipId: ctx.partnership.id,
    userId: ctx.user.id,
    jobId: jobId.data,
    resend: form.get("intent") === "resend",
    origin: linkOrigin(),
  });
  return redirect(`/p/${ctx.partnership.slug}/orgs/invite?job=${started.jobId}`);
}

type JobView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["job"]>;

function JobProgress({ job }: { job: JobView }) {
  const total = job.totalRows;
  return (
    <div className="gt-card gt-progress" role="status" aria-live="polite" id="invite-progress">
      <p className="govuk-body govuk-!-margin-bottom-2" id="invite-progress-label">
        Sending invitations: {job.processedRows.toLocaleString("en-GB")} of {total.toLocaleString("en-GB")}
      </p>
      <progress aria-labelledby="invite-progress-label" max={Math.max(total, 1)} value={job.processedRows} />
      <p className="govuk-body-s">This page updates itself every few seconds. You can leave it: the invitations go on being sent.</p>
    </div>
  );
}

function JobSummary({ job }: { job: JobView }) {
  const r = job.report;
  if (job.status === "failed") return <p className="govuk-body">{r.message ?? "Sending the invitations stopped."}</p>;
  const noContact = r.noContact ?? [];
  const failed = r.failed ?? [];
  return (
    <div className="govuk-panel gt-card" id="invite-summary" role="status">
      <h2 className="govuk-heading-m">{`Invited ${r.invited ?? 0}; ${noContact.length} ${noContact.length === 1 ? "has" : "have"} no contact email; ${failed.length} failed`}</h2>
      {r.alreadyInvited ? <p className="govuk-body">{r.alreadyInvited} already had an invitation waiting and were not sent another.</p> : null}
      {noContact.length ? (
        <>
          <h3 className="govuk-heading-s">No contact email</h3>
          <p className="govuk-body">Add a contact email (edit the organisation, or upload the list again with a contact_email column) and invite them again.</p>
          <ul className="govuk-list govuk-list--bullet" id="no-contact">
            {noContact.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
        </>
      ) : null}
      {failed.length ? (
        <>
          <h3 className="govuk-heading-s">Not sent</h3>
          <ul className="govuk-list govuk-list--bullet">
            {failed.map((f) => (
              <li key={f.name}>
                {f.name}: {f.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export default function InviteOrganisations() {
  const { slug, preview, job, jobId } = useLoaderData<typeof loader>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" || running(job?.status);
  return (
    <Main backLink={{ to: `/p/${slug}/orgs`, label: "Organisations" }}>
      <h1 className="govuk-heading-l">Invite every organisation without an administrator</h1>
      {job && running(job.status) ? <JobProgress job={job} /> : null}
      {job && !running(job.status) ? <JobSummary job={job} /> : null}
      <p className="govuk-body">
        Each organisation with a contact email and nobody to run its account is sent an invitation to its contact, to become its organisation administrator. They can then sign the
        pledge, name champions and invite colleagues.
      </p>
      <ul className="govuk-list govuk-list--bullet" id="invite-preview">
        <li>{preview.toInvite} to invite now</li>
        <li>{preview.pending} invited and not accepted yet</li>
        <li>{preview.noContact} without a contact email</li>
      </ul>
      <Form method="post" className="govuk-button-group">
        <input type="hidden" name="jobId" value={jobId} />
        <button type="submit" name="intent" value="invite" className="govuk-button" data-module="govuk-button" disabled={busy}>
          Invite every organisation without an administrator
        </button>
        <button type="submit" name="intent" value="resend" className="govuk-button govuk-button--secondary" data-module="govuk-button" disabled={busy}>
          Send again to those who have not accepted
        </button>
      </Form>
      <p className="govuk-body">
        <Link className="govuk-link" to={`/p/${slug}/outbox`}>
          See the emails sent
        </Link>
      </p>
    </Main>
  );
}
