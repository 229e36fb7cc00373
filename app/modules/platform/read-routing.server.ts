/**
 * Reads from a streaming replica (DATABASE_READ_URL) without losing read-your-writes: after a
 * person's write, a short-lived cookie carries the primary's WAL position; their reads go to the
 * replica only once it has replayed that far, and to the primary until then.
 */
import { sql } from "kysely";
import { databases } from "../../db.server";
import { withPartnership, type Db, type Tx } from "../tenancy/with-partnership.server";
import { originConfig } from "./origin.server";
import { lastWriteLsn } from "./partnership-changes.server";

const COOKIE = "gt_written_at";
const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;

const hasReplica = () => databases().read !== databases().app;

function writtenAt(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, value] = part.trim().split("=");
    if (name === COOKIE && value && LSN.test(value)) return value;
  }
  return null;
}

/**
 * After a successful write: remember where the primary's WAL is, for this person's next reads.
 * The insert position, not the write position: with asynchronous commit the latter can lag the commit.
 */
export async function rememberWrite(request: Request, headers: Headers) {
  if (!hasReplica() || request.method === "GET" || request.method === "HEAD") return;
  const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(databases().app);
  const secure = originConfig().secureCookies ? "; Secure" : "";
  headers.append("Set-Cookie", `${COOKIE}=${rows[0].lsn}; Path=/; HttpOnly; SameSite=Lax; Max-Age=120${secure}`);
}

/**
 * The database a read for this request should use: the replica once it has replayed this person's
 * last write and `after` (the partnership's last write this process has heard of), else the primary.
 */
export async function readDatabase(request: Request, after: string | null = null): Promise<Db> {
  const { app, read } = databases();
  if (read === app) return app;
  const positions = [writtenAt(request), after].filter((lsn): lsn is string => lsn !== null && LSN.test(lsn));
  if (positions.length === 0) return read;
  try {
    const { rows } = await sql<{ caught_up: boolean }>`select coalesce(pg_last_wal_replay_lsn() >= all(${positions}::pg_lsn[]), false) as caught_up`.execute(read);
    return rows[0].caught_up ? read : app;
  } catch {
    return app;
  }
}

/** withPartnership for dashboard reads: the replica when it has this person's writes, else the primary. */
export async function readPartnership<T>(request: Request, partnershipId: string, userId: string | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  return withPartnership(partnershipId, userId, work, { db: await readDatabase(request, lastWriteLsn(partnershipId)) });
}
