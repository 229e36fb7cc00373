import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { adoptionFacts, adoptionHeadlines, adoptionTables } from "~/modules/adoption/adoption.server";
import { requireAccess } from "~/modules/auth/guard.server";
import type { Cell } from "~/modules/exports/table";
import { formatDate } from "~/modules/platform/dates";
import { today } from "~/modules/platform/clock.server";
import { readPartnership } from "~/modules/platform/read-routing.server";
import { DataTable } from "~/ui/DataTable";
import { Main } from "~/ui/Layout";

export const meta: MetaFunction = () => [{ title: "Adoption of the pledge — Golden Thread" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireAccess(request, params, "adoption:view");
  const on = today();
  const facts = await readPartnership(request, ctx.partnership.id, ctx.user.id, (tx) => adoptionFacts(tx, { partnershipId: ctx.partnership.id, on, boroughId: ctx.boroughScope }));
  return json({ slug: ctx.partnership.slug, on, headlines: adoptionHeadlines(facts), tables: adoptionTables(facts) });
}

export default function Adoption() {
  const { slug, on, headlines, tables } = useLoaderData<typeof loader>();
  const download = `/p/${slug}/adoption.csv`;
  const orgLink = (row: Record<string, Cell>) => (
    <Link className="govuk-link" to={`/p/${slug}/orgs/${row.id}`}>
      {row.name}
    </Link>
  );
  const gridCell = (key: string) => (row: Record<string, Cell>) => {
    const value = row[key];
    if (value === null) return <span className="gt-grid-none">–</span>;
    const gap = String(value).startsWith("0 of");
    return gap ? (
      <strong className="gt-grid-gap">
        {value}
        <span className="govuk-visually-hidden"> (gap)</span>
      </strong>
    ) : (
      value
    );
  };
  const [byBorough, bySector, grid, ...rest] = tables;
  return (
    <Main>
      <h1 className="govuk-heading-l">Adoption of the pledge</h1>
      <p className="govuk-body">As of {formatDate(on)}. An organisation counts as signed while its signature is current, including in its renewal window.</p>
      <div className="gt-figures">
        {[
          [headlines.signed, "signed"],
          [headlines.prospect, "prospects"],
          [headlines.renewal_due, "renewals due"],
          [headlines.lapsed, "lapsed"],
          [headlines.vacancies, "champion vacancies"],
          [headlines.champions, "RJ champions"],
        ].map(([value, label]) => (
          <div className="gt-figure" key={label}>
            <span className="gt-figure__value">{value}</span>
            <span className="gt-figure__label">{label}</span>
          </div>
        ))}
      </div>
      <DataTable table={byBorough} download={download} />
      <DataTable table={bySector} download={download} />
      <h2 className="govuk-heading-m">Where the gaps are</h2>
      <p className="govuk-body">
        Each cell shows signed organisations out of all the organisations of that sector in that borough. Bold cells are gaps: organisations there, none signed.
      </p>
      <DataTable
        table={grid}
        download={download}
        captionClassName="govuk-table__caption--s"
        cells={Object.fromEntries(grid.columns.slice(1).map((c) => [c.key, gridCell(c.key)]))}
      />
      {rest.map((t) => (
        <DataTable key={t.id} table={t} download={download} cells={t.columns.some((c) => c.key === "name") ? { name: orgLink } : {}} />
      ))}
    </Main>
  );
}
