import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { parseForm, refuse } from "~/modules/platform/form.server";
import { redirectWithNotice } from "~/modules/platform/notice.server";
import { addBorough, BoroughSchema, listBoroughsWithCounts } from "~/modules/tenancy/boroughs.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { Button, ErrorSummary, TextField } from "~/ui/form";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Boroughs — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const boroughs = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => listBoroughsWithCounts(tx, { partnershipId: ctx.partnership.id }));
  return json({ slug: ctx.partnership.slug, partnershipName: ctx.partnership.name, boroughs });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireAccess(request, params, "partnership:manage");
  const form = await parseForm(request, BoroughSchema);
  if (!form.ok) return json(form.reply, { status: 400 });
  const added = await withPartnership(ctx.partnership.id, ctx.user.id, (tx) => addBorough(tx, { partnershipId: ctx.partnership.id, form: form.data }));
  if (!added.ok) return json(refuse(form.values, added.notFound ? {} : { [added.field]: added.message }), { status: 400 });
  return redirectWithNotice(`/p/${ctx.partnership.slug}/boroughs`, `${form.data.name} added`);
}

export default function Boroughs() {
  const { slug, partnershipName, boroughs } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <Main backLink={{ to: `/p/${slug}/settings`, label: "Back to settings" }}>
      <ErrorSummary reply={reply} order={["name", "onsCode"]} />
      <span className="govuk-caption-l">{partnershipName}</span>
      <h1 className="govuk-heading-l">Boroughs</h1>
      <p className="govuk-body">The local authority areas the partnership covers. Organisations belong to one borough, or work county-wide.</p>
      {boroughs.length === 0 ? (
        <p className="govuk-body">No boroughs yet. Add the first one below.</p>
      ) : (
        <div className="gt-scroll">
          <table className="govuk-table">
            <caption className="govuk-table__caption govuk-table__caption--m govuk-visually-hidden">Boroughs of {partnershipName}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Borough
                </th>
                <th scope="col" className="govuk-table__header">
                  ONS code
                </th>
                <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                  Organisations
                </th>
                <th scope="col" className="govuk-table__header">
                  <span className="govuk-visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {boroughs.map((b) => (
                <tr className="govuk-table__row" key={b.id}>
                  <td className="govuk-table__cell">{b.name}</td>
                  <td className="govuk-table__cell">{b.ons_code}</td>
                  <td className="govuk-table__cell govuk-table__cell--numeric">{b.organisations}</td>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/p/${slug}/boroughs/${b.id}`}>
                      Change<span className="govuk-visually-hidden"> {b.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Add a borough</h2>
          <Form method="post" noValidate>
            <TextField name="name" label="Name" hint="For example, Hartlepool" reply={reply} />
            <TextField
              name="onsCode"
              label="ONS code"
              hint="The local authority's 9-character code from the Office for National Statistics, for example E06000001"
              width={10}
              spellCheck={false}
              autoComplete="off"
              reply={reply}
            />
            <Button>Add borough</Button>
          </Form>
        </div>
      </div>
    </Main>
  );
}
