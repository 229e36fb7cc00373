/**
 * One page of a partnership's organisations, searched, filtered and sorted in the database: at
 * national scale a partnership has 14,000, and the page sends 50. Pledge status is worked out in
 * SQL from the latest signature or withdrawal on the day, as pledge/status.ts does in code
 * (tests/integration/organisations-list.test.ts holds the two to the same answers).
 */
import { sql, type Expression, type SqlBool } from "kysely";
import type { Sector } from "../../../db/types";
import type { PledgeStatus } from "../pledge/status";
import { RENEWAL_WINDOW_MONTHS } from "../pledge/status";
import { isCountyWide, ORGANISATIONS_PAGE_SIZE, type OrganisationListQuery } from "./organisation-list";
import type { Tx } from "./with-partnership.server";

export interface OrganisationListRow {
  id: string;
  name: string;
  sector: Sector;
  borough_name: string | null;
  is_statutory: boolean;
  status: PledgeStatus;
}

export interface OrganisationPage {
  rows: OrganisationListRow[];
  total: number;
  page: number;
  pageSize: number;
}

function statusOn(on: string) {
  const day = sql`${on}::date`;
  return sql<PledgeStatus>`case
    when o.withdrawn_at is not null and (o.withdrawn_at at time zone 'UTC')::date <= ${day} then 'withdrawn'
    else coalesce((
      select case
        when e.kind = 'withdrawal' then 'withdrawn'
        when ${day} > e.valid_until then 'lapsed'
        when ${day} >= (e.valid_until - make_interval(months => ${RENEWAL_WINDOW_MONTHS}) + interval '1 day')::date then 'renewal_due'
        else 'signed' end
      from (
        select 'signature' as kind, s.signed_on as on_day, s.expires_on as valid_until, s.created_at
          from pledge_signatures s where s.partnership_id = o.partnership_id and s.organisation_id = o.id and s.signed_on <= ${day}
        union all
        select 'withdrawal', w.withdrawn_on, null, w.created_at
          from pledge_withdrawals w where w.partnership_id = o.partnership_id and w.organisation_id = o.id and w.withdrawn_on <= ${day}
      ) e
      order by e.on_day desc, e.created_at desc, e.kind desc
      limit 1
    ), 'prospect')
  end`;
}

const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function organisationPage(
  tx: Tx,
  {
    partnershipId,
    boroughScope,
    on,
    query,
  }: {
    partnershipId: string;
    boroughScope?: string | null;
    on: string;
    query: OrganisationListQuery;
  },
): Promise<OrganisationPage> {
  const status = statusOn(on);
  let base = tx
    .selectFrom("organisations as o")
    .leftJoin("boroughs as b", (join) => join.onRef("b.partnership_id", "=", "o.partnership_id").onRef("b.id", "=", "o.borough_id"))
    .where("o.partnership_id", "=", partnershipId);
  if (boroughScope) base = base.where((eb) => eb.or([eb("o.borough_id", "=", boroughScope), eb("o.borough_id", "is", null)]));
  if (query.q) base = base.where(sql<SqlBool>`o.name ilike ${`%${likeEscaped(query.q)}%`}`);
  if (isCountyWide(query.borough)) base = base.where("o.borough_id", "is", null);
  else if (query.borough) base = base.where("o.borough_id", "=", query.borough);
  if (query.sector) base = base.where("o.sector", "=", query.sector as Sector);
  if (query.status === "left") base = base.where("o.withdrawn_at", "is not", null);
  else if (query.status) base = base.where(sql<SqlBool>`${status} = ${query.status}`);

  const { total } = await base.select((eb) => eb.fn.countAll<string>().as("total")).executeTakeFirstOrThrow();
  const count = Number(total);
  const pages = Math.max(1, Math.ceil(count / ORGANISATIONS_PAGE_SIZE));
  const page = Math.min(query.page, pages);
  const dir = query.desc ? sql`desc` : sql`asc`;
  const order: Record<OrganisationListQuery["sort"], Expression<unknown>> = {
    name: sql`lower(o.name) ${dir}`,
    sector: sql`o.sector ${dir}`,
    borough: sql`b.name ${dir} nulls first`,
    status: sql`${status} ${dir}`,
  };
  let rows = base.select(["o.id", "o.name", "o.sector", "b.name as borough_name", "o.is_statutory"]).select(status.as("status")).orderBy(order[query.sort]);
  if (query.sort !== "name") rows = rows.orderBy(sql`lower(o.name)`);
  rows = rows
    .orderBy("o.id")
    .limit(ORGANISATIONS_PAGE_SIZE)
    .offset((page - 1) * ORGANISATIONS_PAGE_SIZE);
  return {
    rows: (await rows.execute()) as OrganisationListRow[],
    total: count,
    page,
    pageSize: ORGANISATIONS_PAGE_SIZE,
  };
}
