/**
 * The mixed load of issue 9: dashboards, return drafts and submissions (each a different
 * organisation), and password sign-ins, interleaved, for a fixed time at fixed connections on
 * loopback. Records which writes the server acknowledged, so `checkAfterLoad` can prove each is
 * there and that the dashboards' roll-ups still equal a fresh aggregation of the raw values.
 * `npm run bench` runs it for a minute and reports the rate held; a short run is in `npm test`.
 */
import type { DatabaseHandles } from "../../app/db.server";
import { rollupDrift } from "../../app/modules/rollups/rebuild.server";
import { withPartnership } from "../../app/modules/tenancy/with-partnership.server";
import type { Submitter } from "./bench-fixtures";
import { returnFormBody } from "./bench-fixtures";
import { DEFAULT_METRICS } from "../../db/metric-defaults";
import { measure, type Measured, type PreparedRequest } from "./cannon";

export interface MixedLoadOptions {
  origin: string;
  seconds: number;
  connections: number;
  /** Dashboard paths, read as `readerCookie`. */
  reads: string[];
  readerCookie: string;
  /** Organisation admins, each used for one write. */
  submitters: Submitter[];
  quarter: string;
  logins: Array<{ email: string; password: string }>;
}

export interface MixedLoadResult {
  run: Measured;
  /** Every organisation a write was sent for, acknowledged or not. */
  attempted: Submitter[];
  acknowledged: Submitter[];
  drafts: Submitter[];
  /** Writes the server refused with a 4xx, or redirected anywhere but back to the return (none expected). */
  refused: Array<{ submitter: Submitter; status: number; location?: string }>;
  signIns: { ok: number; refused: number };
  /** The quarter every write was for. */
  quarter: string;
}

/** Of every 20 requests: 11 dashboard reads, 4 drafts, 4 submissions, 1 sign-in. */
const PATTERN = "RRWRSRRWSRRSRWRSRLWR";

export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadResult> {
  const attempted: Submitter[] = [];
  const acknowledged: Submitter[] = [];
  const drafts: Submitter[] = [];
  const refused: MixedLoadResult["refused"] = [];
  const signIns = { ok: 0, refused: 0 };
  let step = 0;
  let writer = 0;
  let reader = 0;
  let login = 0;
  const form = { "content-type": "application/x-www-form-urlencoded", origin: options.origin };

  const readRequest = (): PreparedRequest => ({ path: options.reads[reader++ % options.reads.length], headers: { cookie: options.readerCookie } });

  const next = (): PreparedRequest => {
    const kind = PATTERN[step++ % PATTERN.length];
    if (kind === "L" && options.logins.length) {
      const account = options.logins[login++ % options.logins.length];
      return {
        method: "POST",
        path: "/login",
        headers: form,
        body: new URLSearchParams({ email: account.email, password: account.password }).toString(),
        onStatus: (status) => (status === 302 || status === 303 ? signIns.ok++ : signIns.refused++),
      };
    }
    if ((kind === "S" || kind === "W") && writer < options.submitters.length) {
      const submitter = options.submitters[writer++];
      attempted.push(submitter);
      const intent = kind === "S" ? "submit" : "save";
      const returns = `/p/${submitter.slug}/orgs/${submitter.organisationId}/returns`;
      // What the person sees as "saved" or "submitted": the redirect back to the return (a draft) or
      // to their returns (a submission), with its notice. A redirect anywhere else (to sign in, say)
      // is not an acknowledgement.
      const acknowledgedAt = intent === "submit" ? returns : `${returns}/${options.quarter}`;
      return {
        method: "POST",
        path: `${returns}/${options.quarter}`,
        headers: { ...form, cookie: submitter.cookie },
        body: returnFormBody({ intent, seed: writer }),
        onStatus: (status, headers) => {
          const location = headers.location ?? headers.Location;
          if ((status === 302 || status === 303) && location?.split("?")[0] === acknowledgedAt) (intent === "submit" ? acknowledged : drafts).push(submitter);
          else if (status < 500) refused.push({ submitter, status, location });
        },
      };
    }
    return readRequest();
  };

  const run = await measure({ label: "mixed load", origin: options.origin, connections: options.connections, duration: options.seconds, next });
  return { run, attempted, acknowledged, drafts, refused, signIns, quarter: options.quarter };
}

/** The writes of a load: which organisations were sent a return, and which the server acknowledged. */
export type WritesOf = Pick<MixedLoadResult, "attempted" | "acknowledged" | "drafts" | "quarter">;

/**
 * Every acknowledged submission and draft is stored as that quarter's return (an organisation has a
 * return for each of many quarters: the check must not take another quarter's row for this one);
 * no write is half there (a return of an organisation written to carries every value and the
 * highlights the form sent, or there is no return); and the roll-ups of every partnership touched
 * equal a fresh aggregation.
 */
export async function checkAfterLoad(handles: DatabaseHandles, result: WritesOf) {
  const owner = handles.owner;
  const expect = [...result.acknowledged.map((s) => ({ s, statuses: ["submitted"] })), ...result.drafts.map((s) => ({ s, statuses: ["draft"] }))];
  let missing = 0;
  const partnerships = new Map<string, string>();
  for (let i = 0; i < expect.length; i += 2000) {
    const batch = expect.slice(i, i + 2000);
    const rows = await owner
      .selectFrom("quarterly_returns")
      .innerJoin("partnerships", "partnerships.id", "quarterly_returns.partnership_id")
      .select(["quarterly_returns.organisation_id", "quarterly_returns.status", "quarterly_returns.partnership_id", "quarterly_returns.quarter"])
      .where(
        "quarterly_returns.organisation_id",
        "in",
        batch.map((e) => e.s.organisationId),
      )
      .where("quarterly_returns.quarter", "=", result.quarter)
      .execute();
    const found = new Map(rows.map((r) => [r.organisation_id, r]));
    for (const { s, statuses } of batch) {
      const row = found.get(s.organisationId);
      if (!row || !statuses.includes(row.status)) missing++;
      if (row) partnerships.set(row.partnership_id, row.partnership_id);
    }
  }
  let halfWritten = 0;
  for (let i = 0; i < result.attempted.length; i += 2000) {
    const ids = result.attempted.slice(i, i + 2000).map((s) => s.organisationId);
    const rows = await owner
      .selectFrom("quarterly_returns as r")
      .leftJoin("return_values as v", (join) =>
        join.onRef("v.partnership_id", "=", "r.partnership_id").onRef("v.organisation_id", "=", "r.organisation_id").onRef("v.quarter", "=", "r.quarter"),
      )
      .select(["r.partnership_id", "r.highlights", (eb) => eb.fn.count<number>("v.metric_id").as("values")])
      .where("r.organisation_id", "in", ids)
      .where("r.quarter", "=", result.quarter)
      .groupBy(["r.partnership_id", "r.organisation_id", "r.highlights"])
      .execute();
    for (const row of rows) {
      if (Number(row.values) !== DEFAULT_METRICS.length || !row.highlights?.startsWith("Benchmark return")) halfWritten++;
      partnerships.set(row.partnership_id, row.partnership_id);
    }
  }
  let drift = 0;
  for (const partnershipId of partnerships.keys()) {
    drift += (await withPartnership(partnershipId, null, (tx) => rollupDrift(tx, { partnershipId }), { db: handles.app })).length;
  }
  return { missing, halfWritten, drift, partnerships: partnerships.size };
}
