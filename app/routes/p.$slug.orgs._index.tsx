import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireAccess } from "~/modules/auth/guard.server";
import { PLEDGE_STATUS_LABELS } from "~/modules/pledge/status";
import type { TableData } from "~/modules/exports/table";
import { today } from "~/modules/platform/clock.server";
import { COUNTY_WIDE_VALUE, LIST_STATUS_LABELS, LIST_STATUSES, ORGANISATIONS_TABLE, organisationListQuery } from "~/modules/tenancy/organisation-list";
import { organisationPage } from "~/modules/tenancy/organisation-list.server";
import { listBoroughs } from "~/modules/tenancy/partnerships.server";
import { SECTOR_LABELS, SECTORS, sectorLabel } from "~/modules/tenancy/sectors";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";
import { DataTable } from "~/ui/DataTable";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Organisations — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "adoption:view");
  const query = organisationListQuery(new URL(request.url).searchParams);
  const { page, boroughs } = await withPartnership(ctx.partnership.id, ctx.user.id, async (tx) => ({
    page: await organisationPage(tx, { partnershipId: ctx.partnership.id, boroughScope: ctx.boroughScope, on: today(), query }),
    boroughs: await listBoroughs(tx, { partnershipId: ctx.partnership.id }),
  }));
  return json({
    slug: ctx.partnership.slug,
    query,
    page,
    boroughs: boroughs.filter((b) => !ctx.boroughScope || b.id === ctx.boroughScope).map((b) => ({ id: b.id, name: b.name })),
    canImport: ctx.can("imports:run"),
    canAdd: ctx.can("partnership:manage"),
    canInvite: ctx.can("people:manage"),
  });
}

const COLUMNS = [
  { key: "name", header: "Organisation" },
  { key: "sector", header: "Sector" },
  { key: "borough", header: "Borough" },
  { key: "statutory", header: "Statutory partner", sortable: false },
  { key: "status", header: "Pledge" },
];

function Select({ id, label, value, options }: { id: string; label: string; value: string; options: Array<[string, string]> }) {
  return (
    <div className="govuk-form-group gt-filter">
      <label className="govuk-label govuk-label--s" htmlFor={`f-${id}`}>
        {label}
      </label>
      <select className="govuk-select" id={`f-${id}`} name={id} defaultValue={value}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function Organisations() {
  const { slug, query, page, boroughs, canImport, canAdd, canInvite } = useLoaderData<typeof loader>();
  const filtered = Boolean(query.q || query.borough || query.sector || query.status);
  const table: TableData = {
    id: ORGANISATIONS_TABLE,
    caption: `${page.total.toLocaleString("en-GB")} ${page.total === 1 ? "organisation" : "organisations"}${filtered ? " matching the filters" : ""}`,
    columns: COLUMNS,
    rows: page.rows.map((o) => ({
      id: o.id,
      name: o.name,
      sector: sectorLabel(o.sector),
      borough: o.borough_name ?? "County-wide",
      statutory: o.is_statutory ? "Yes" : "No",
      status: PLEDGE_STATUS_LABELS[o.status],
    })),
    page: page.total > page.pageSize ? { number: page.page, size: page.pageSize, total: page.total } : undefined,
  };
  return (
    <Main>
      <h1 className="govuk-heading-l">Organisations</h1>
      {canAdd ? (
        <Link to={`/p/${slug}/orgs/new`} className="govuk-button" data-module="govuk-button">
          Add an organisation
        </Link>
      ) : null}
      <p className="govuk-body gt-no-print">
        <a className="govuk-link" href={`/p/${slug}/orgs.csv`} download>
          Download as CSV
        </a>
        {canImport ? (
          <>
            {" · "}
            <Link className="govuk-link" to={`/p/${slug}/orgs/import`}>
              Upload organisations and prospects (CSV)
            </Link>
          </>
        ) : null}
        {canInvite ? (
          <>
            {" · "}
            <Link className="govuk-link" to={`/p/${slug}/orgs/invite`}>
              Invite every organisation without an administrator
            </Link>
          </>
        ) : null}
      </p>
      <Form method="get" className="gt-filters gt-no-print" role="search" aria-label="Find organisations">
        <div className="govuk-form-group gt-filter">
          <label className="govuk-label govuk-label--s" htmlFor="f-q">
            Name
          </label>
          <input className="govuk-input govuk-!-width-one-half" id="f-q" name="q" type="search" defaultValue={query.q} />
        </div>
        <Select
          id="borough"
          label="Borough"
          value={query.borough}
          options={[["", "All boroughs"], ...boroughs.map((b): [string, string] => [b.id, b.name]), [COUNTY_WIDE_VALUE, "County-wide"]]}
        />
        <Select id="sector" label="Sector" value={query.sector} options={[["", "All sectors"], ...SECTORS.map((s): [string, string] => [s, SECTOR_LABELS[s]])]} />
        <Select id="status" label="Status" value={query.status} options={[["", "Any status"], ...LIST_STATUSES.map((s): [string, string] => [s, LIST_STATUS_LABELS[s]])]} />
        {query.sort !== "name" || query.desc ? (
          <>
            <input type="hidden" name={`${ORGANISATIONS_TABLE}-sort`} value={query.sort} />
            <input type="hidden" name={`${ORGANISATIONS_TABLE}-dir`} value={query.desc ? "desc" : "asc"} />
          </>
        ) : null}
        <div className="govuk-button-group">
          <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
            Apply filters
          </button>
          {filtered ? (
            <Link className="govuk-link" to={`/p/${slug}/orgs`}>
              Clear filters
            </Link>
          ) : null}
        </div>
      </Form>
      <DataTable
        table={table}
        sortedOnServer
        empty="No organisations match these filters."
        cells={{
          name: (row) => (
            <Link className="govuk-link" to={`/p/${slug}/orgs/${row.id}`}>
              {row.name}
            </Link>
          ),
        }}
      />
    </Main>
  );
}
