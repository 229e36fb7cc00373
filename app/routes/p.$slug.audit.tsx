import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { auditActors, AuditFilterSchema, listAuditEntries } from "~/modules/audit/trail.server";
import { listMembers } from "~/modules/people/members.server";
import { formatDateTime } from "~/modules/platform/dates";
import { fieldErrors, formValues } from "~/modules/platform/form.server";
import { listOrganisations } from "~/modules/tenancy/organisations.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, SelectField, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Audit trail — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "audit:view");
  const partnershipId = ctx.partnership.id;
  const url = new URL(request.url);
  const query = new FormData();
  for (const [k, v] of url.searchParams) query.append(k, v);
  const values = formValues(query);
  const filter = AuditFilterSchema.safeParse(values);
  const data = await withPartnership(partnershipId, ctx.user.id, async (tx) => {
    const organisations = await listOrganisations(tx, { partnershipId });
    const members = await listMembers(tx, { partnershipId });
    const actors = await auditActors(tx, { partnershipId });
    const people = new Map([...members.map((m) => [m.userId, m.name] as const), ...actors.map((a) => [a.id, a.name] as const)]);
    return {
      organisations: organisations.map((o) => ({ value: o.id, label: o.name })),
      people: [...people].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label)),
      trail: filter.success ? await listAuditEntries(tx, { partnershipId, filter: filter.data }) : null,
    };
  });
  const reply = filter.success ? null : { values, errors: fieldErrors(filter.error) };
  const olderLink = data.trail?.olderFrom
    ? `?${new URLSearchParams({
        ...Object.fromEntries([...url.searchParams].filter(([k]) => k !== "before")),
        before: data.trail.olderFrom,
      })}`
    : null;
  const filters = new URLSearchParams([...url.searchParams].filter(([k, v]) => k !== "before" && v !== ""));
  const downloadLink = `/p/${ctx.partnership.slug}/audit.csv${filters.size ? `?${filters}` : ""}`;
  return json(
    {
      partnershipName: ctx.partnership.name,
      slug: ctx.partnership.slug,
      ...data,
      reply,
      values,
      olderLink,
      downloadLink,
    },
    { status: reply ? 400 : 200 },
  );
}

export default function AuditTrail() {
  const { partnershipName, slug, organisations, people, trail, reply, values, olderLink, downloadLink } = useLoaderData<typeof loader>();
  const current = { values };
  return (
    <Main>
      <ErrorSummary reply={reply} order={["organisation", "person", "from", "to"]} />
      <span className="govuk-caption-l">{partnershipName}</span>
      <h1 className="govuk-heading-l">Audit trail</h1>
      <p className="govuk-body">Every change to the partnership&apos;s records: who made it, when, and what each value was before and after. Nobody can edit or delete it.</p>
      <Form method="get" className="gt-inline-form" aria-label="Filter the audit trail">
        <SelectField name="organisation" label="Organisation" placeholder="All organisations" options={organisations} reply={reply ?? current} />
        <SelectField name="person" label="Person" hint="Made the change, or it is about them" placeholder="Everyone" options={people} reply={reply ?? current} />
        <TextField name="from" label="From" type="date" reply={reply ?? current} />
        <TextField name="to" label="To" type="date" reply={reply ?? current} />
        <Button secondary>Show changes</Button>
      </Form>
      {trail && trail.entries.length > 0 ? (
        <p className="govuk-body">
          <a className="govuk-link" href={downloadLink} download>
            Download these changes as CSV
          </a>
        </p>
      ) : null}
      {trail && trail.entries.length === 0 ? <p className="govuk-body">No changes match. Try a wider date range, or everyone and all organisations.</p> : null}
      {trail && trail.entries.length > 0 ? (
        <div className="gt-scroll">
          <table className="govuk-table gt-audit-table">
            <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Changes, newest first</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  When
                </th>
                <th scope="col" className="govuk-table__header">
                  Who
                </th>
                <th scope="col" className="govuk-table__header">
                  What
                </th>
                <th scope="col" className="govuk-table__header">
                  Change
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {trail.entries.map((e) => (
                <tr className="govuk-table__row" key={e.id}>
                  <td className="govuk-table__cell">{formatDateTime(e.at).replace(" at ", ", ")}</td>
                  <td className="govuk-table__cell">{e.actor}</td>
                  <td className="govuk-table__cell">
                    {e.action} {e.what.toLowerCase()}
                    {e.subject ? (
                      <>
                        <br />
                        <strong className="gt-break">{e.subject}</strong>
                      </>
                    ) : null}
                  </td>
                  <td className="govuk-table__cell">
                    {e.changes.map((c) => (
                      <p className="gt-change" key={c.field}>
                        {c.label}:{" "}
                        {c.from !== null ? (
                          <del>
                            <span className="govuk-visually-hidden">was </span>
                            {c.from}
                          </del>
                        ) : null}
                        {c.from !== null && c.to !== null ? <span aria-hidden="true"> → </span> : null}
                        {c.to !== null ? (
                          <ins>
                            <span className="govuk-visually-hidden">{c.from !== null ? " now " : ""}</span>
                            {c.to}
                          </ins>
                        ) : (
                          <span> (removed)</span>
                        )}
                      </p>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {olderLink ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/p/${slug}/audit${olderLink}`}>
            Older changes
          </Link>
        </p>
      ) : null}
    </Main>
  );
}
