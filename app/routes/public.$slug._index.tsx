import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { notFound } from "~/modules/auth/guard.server";
import { Headlines } from "~/modules/dashboards/DashboardView";
import { WHOLE_PARTNERSHIP } from "~/modules/dashboards/publication";
import { publishedFigures } from "~/modules/dashboards/publication.server";
import { formatDate } from "~/modules/platform/dates";
import { PledgeText } from "~/modules/pledge/components";
import { publishedRegister } from "~/modules/pledge/register.server";
import { today } from "~/modules/platform/clock.server";
import { sectorLabel } from "~/modules/tenancy/sectors";
import { DataTable } from "~/ui/DataTable";
import { Main } from "~/ui/Layout";
import { useDocumentData } from "~/ui/request-info";
import { documentOnly } from "~/modules/platform/document-data.server";
import { PAGE_CACHED } from "~/ui/page-handle";
import { cachedForPartnership } from "~/modules/dashboards/cache.server";
import { joinRequestsOpen } from "~/modules/tenancy/join-requests.server";
import { partnershipIdOf } from "~/modules/tenancy/partnerships.server";
import { withPartnership } from "~/modules/tenancy/with-partnership.server";

/** Rendered once per partnership generation and day, without client scripts: see platform/page-cache.server.ts. */
export const handle = PAGE_CACHED;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Register of signatories — ${data?.partnership.name ?? "Golden Thread"}` }];

const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{1,48}[a-z0-9]$/);

export async function loader({ params, context }: LoaderFunctionArgs) {
  const slug = Slug.safeParse(params.slug);
  if (!slug.success) notFound();
  const day = today();
  const partnershipId = await partnershipIdOf(slug.data);
  if (!partnershipId) notFound();
  // The same for every visitor: computed once per partnership generation and day (dashboards/cache.server.ts).
  const { key, value } = await cachedForPartnership(partnershipId, ["public", day], async () => {
    const [register, figures, joinOpen] = await Promise.all([
      publishedRegister(slug.data, day),
      publishedFigures(slug.data, day),
      withPartnership(partnershipId, null, (tx) => joinRequestsOpen(tx, { partnershipId })),
    ]);
    if (!register) return null;
    const boroughs = [...new Set(register.signatories.map((s) => s.borough))].sort((a, b) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
    return { ...register, boroughs, on: day, figures, joinOpen };
  });
  if (!value) notFound();
  return json({ dataKey: key, partnership: value.partnership, page: documentOnly(context, () => value) });
}

export default function PublicRegister() {
  const { partnership, pledge, signatories, boroughs, on, figures, joinOpen } = useDocumentData(useLoaderData<typeof loader>().page);
  const sectors = [...new Set(signatories.map((s) => s.sector))].sort();
  return (
    <Main>
      <span className="govuk-caption-l">{partnership.name}</span>
      <h1 className="govuk-heading-l">Register of signatories</h1>
      <p className="govuk-body-l">
        {signatories.length} organisations across {partnership.county} have signed the restorative pledge and their signature is current on {formatDate(on)}.
      </p>
      {joinOpen ? (
        <p className="govuk-body">
          Is your organisation not here yet?{" "}
          <a className="govuk-link" href={`/public/${partnership.slug}/join`}>
            Ask to join
          </a>
          .
        </p>
      ) : null}
      <div className="gt-scroll">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Signatories by sector</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Sector
              </th>
              <th scope="col" className="govuk-table__header govuk-table__header--numeric">
                Signatories
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {sectors.map((s) => (
              <tr className="govuk-table__row" key={s}>
                <th scope="row" className="govuk-table__header">
                  {sectorLabel(s)}
                </th>
                <td className="govuk-table__cell govuk-table__cell--numeric">{signatories.filter((x) => x.sector === s).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {figures ? <PublishedActivity figures={figures} /> : null}
      <h2 className="govuk-heading-m">Signatories by borough</h2>
      {boroughs.map((b) => (
        <div className="gt-scroll">
          <table className="govuk-table" key={b ?? "county"}>
            <caption className="govuk-table__caption govuk-table__caption--s">{b ?? "County-wide"}</caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                <th scope="col" className="govuk-table__header">
                  Organisation
                </th>
                <th scope="col" className="govuk-table__header">
                  Sector
                </th>
                <th scope="col" className="govuk-table__header">
                  Signed on
                </th>
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {signatories
                .filter((s) => s.borough === b)
                .map((s) => (
                  <tr className="govuk-table__row" key={s.id}>
                    <th scope="row" className="govuk-table__header">
                      {s.name}
                    </th>
                    <td className="govuk-table__cell">{sectorLabel(s.sector)}</td>
                    <td className="govuk-table__cell">{formatDate(s.signedOn)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ))}
      {pledge ? (
        <section className="gt-card" aria-labelledby="pledge-heading">
          <span className="govuk-caption-m" id="pledge-heading">
            The pledge they signed (version {pledge.version})
          </span>
          <PledgeText pledge={pledge} />
        </section>
      ) : null}
    </Main>
  );
}

type Figures = NonNullable<NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["page"]>["figures"]>;

/** The partnership's activity in its last complete financial year, small numbers suppressed. */
function PublishedActivity({ figures }: { figures: Figures }) {
  const { table, label } = figures;
  const headlines = (table?.rows ?? [])
    .filter((r) => r.headline === "yes")
    .slice(0, 4)
    .map((r) => ({ label: String(r.measure), value: r.total === null ? "–" : typeof r.total === "number" ? r.total.toLocaleString("en-GB") : r.total, detail: `in ${label}` }));
  return (
    <section aria-labelledby="activity-heading">
      <h2 className="govuk-heading-m" id="activity-heading">
        Restorative justice activity in {label}
      </h2>
      {table ? (
        <>
          <p className="govuk-body">
            From the quarterly returns of organisations across the partnership. To protect the people involved, a count below the partnership&apos;s threshold is shown as{" "}
            <strong>[c]</strong>, and so is any figure that would let someone work one out. {WHOLE_PARTNERSHIP} figures include county-wide organisations.
          </p>
          <Headlines headlines={headlines} />
          <DataTable table={table} noFigure="–" captionClassName="govuk-table__caption--s" />
        </>
      ) : (
        <p className="govuk-body">No figures for {label} have been reported yet.</p>
      )}
    </section>
  );
}
