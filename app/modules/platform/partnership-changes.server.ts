/**
 * Which partnerships' data has changed, so that what is derived from it and kept in memory (the
 * dashboards, the public page: see platform/live-cache.server.ts) is never served after a write.
 *
 * Every partnership has a generation. A transaction of `withPartnership` that wrote anything
 * (PostgreSQL assigned it a transaction id) moves its partnership's generation on once it has
 * committed: in this process at once, before the response is sent, and in every other process by
 * NOTIFY (sent after the commit, so no writer waits on the notification queue's lock). A process
 * whose listening connection drops moves every generation on (it may have missed messages).
 * Cached work is keyed by the generation it started under, so after a write nothing computed before
 * it is found again. With a read replica the generation also carries the primary's WAL position
 * after the write, and a dashboard is computed from the replica only once it has replayed that far.
 * A second counter, the scope-facts generation, moves only with writes to what dashboards read about
 * organisations (organisations, boroughs, pledges, champions: migration 72's triggers say so), so a
 * return submission leaves those cached facts in place. A third, per quarter, moves only with writes
 * to that quarter's returns (migration 73's trigger), so a return for one quarter leaves the other
 * quarters' cached return facts in place. ADR 0017 explains the choice.
 */
import { sql } from "kysely";
import type { Kysely } from "kysely";
import type { Database } from "../../../db/types";
import { databases } from "../../db.server";

type Db = Kysely<Database>;
import { logger } from "./logger.server";

const CHANNEL = "gt_partnership_changed";

interface Generation {
  n: number;
  /** Moves with writes to organisations, boroughs, pledges or champions (not with returns alone). */
  facts: number;
  /** Moves when a write's quarters are not known (every quarter's return facts move). */
  returns: number;
  /** Per quarter: moves with writes to that quarter's returns (their existence, status or first submission). */
  quarters: Map<string, number>;
  /** The primary's WAL insert position after the latest write (only kept with a read replica). */
  lsn: string | null;
}

const state = globalThis as unknown as { __gtGenerations?: { epoch: number; byPartnership: Map<string, Generation>; listening: boolean } };
const generations = () => (state.__gtGenerations ??= { epoch: 0, byPartnership: new Map(), listening: false });

/** The partnership's generation, as a cache key part: it changes with every committed write. */
export function generationOf(partnershipId: string): string {
  const g = generations();
  return `${g.epoch}.${g.byPartnership.get(partnershipId)?.n ?? 0}`;
}

/** The partnership's scope-facts generation: like `generationOf`, but unmoved by writes that touched only returns and figures. */
export function scopeFactsGenerationOf(partnershipId: string): string {
  const g = generations();
  return `${g.epoch}.${g.byPartnership.get(partnershipId)?.facts ?? 0}`;
}

/** The partnership's return facts generation for one quarter: unmoved by writes that touched no return of that quarter. */
export function returnsGenerationOf(partnershipId: string, quarter: string): string {
  const g = generations();
  const p = g.byPartnership.get(partnershipId);
  return `${g.epoch}.${p?.returns ?? 0}.${p?.quarters.get(quarter) ?? 0}`;
}

/** Where the primary's WAL was after the partnership's last write seen here (null: no replica, or none seen). */
export function lastWriteLsn(partnershipId: string): string | null {
  return generations().byPartnership.get(partnershipId)?.lsn ?? null;
}

const LSN = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const QUARTER = /^\d{4}Q[1-4]$/;

/** Which quarters' returns a write touched: "all" when not known. */
export type ReturnQuarters = string[] | "all";

function advance(partnershipId: string, lsn: string | null, scopeFacts: boolean, returnQuarters: ReturnQuarters) {
  const map = generations().byPartnership;
  const previous = map.get(partnershipId);
  const quarters = previous?.quarters ?? new Map<string, number>();
  if (returnQuarters !== "all") for (const q of returnQuarters) quarters.set(q, (quarters.get(q) ?? 0) + 1);
  map.set(partnershipId, {
    n: (previous?.n ?? 0) + 1,
    facts: (previous?.facts ?? 0) + (scopeFacts ? 1 : 0),
    returns: (previous?.returns ?? 0) + (returnQuarters === "all" ? 1 : 0),
    quarters,
    lsn: lsn ?? previous?.lsn ?? null,
  });
}

/**
 * The NOTIFY payload: `partnership [lsn|-] [returns|facts] [quarters]`. Without `returns` the scope
 * facts moved too; quarters are comma-separated, `-` for none, and absent or `*` for every quarter —
 * so an older sender's shorter message is read the safe way.
 */
const RETURNS_ONLY = "returns";
const MOST_QUARTERS_NAMED = 48;

function quartersOfPayload(token: string | undefined): ReturnQuarters {
  if (token === undefined || token === "*") return "all";
  if (token === "-") return [];
  const quarters = token.split(",");
  return quarters.every((q) => QUARTER.test(q)) ? quarters : "all";
}

function quartersForPayload(quarters: ReturnQuarters): string {
  if (quarters === "all" || quarters.length > MOST_QUARTERS_NAMED) return "*";
  return quarters.length ? quarters.join(",") : "-";
}

/**
 * After a committed write that touched the partnership: this process's caches now, every other
 * process's by NOTIFY. Never throws: the write has happened; a failed notification is logged.
 */
export async function partnershipChanged(
  partnershipId: string,
  via?: Db,
  { scopeFacts = true, returnQuarters = "all" }: { scopeFacts?: boolean; returnQuarters?: ReturnQuarters } = {},
): Promise<void> {
  const db = via ?? databases().app;
  let lsn: string | null = null;
  try {
    if (!via && databases().read !== db) {
      const { rows } = await sql<{ lsn: string }>`select pg_current_wal_insert_lsn()::text as lsn`.execute(db);
      lsn = rows[0].lsn;
    }
  } catch (error) {
    logger.warn({ err: (error as Error).message, partnershipId }, "could not read the WAL position after a write");
  }
  advance(partnershipId, lsn, scopeFacts, returnQuarters);
  const payload = `${partnershipId} ${lsn ?? "-"} ${scopeFacts ? "facts" : RETURNS_ONLY} ${quartersForPayload(returnQuarters)}`;
  // NOTIFY gives its statement a transaction id, so its commit would wait for the disk, holding
  // PostgreSQL's one lock on the notification queue meanwhile: every writer's notification in turn,
  // an fsync each. It carries no data (a listener that loses it with a crash sees its connection drop
  // and starts afresh), so it commits without waiting (synchronous_commit off, for this statement's
  // transaction only).
  await sql`select set_config('synchronous_commit', 'off', true), pg_notify(${CHANNEL}, ${payload})`
    .execute(db)
    .catch((error: Error) => logger.warn({ err: error.message, partnershipId }, "could not announce a change to other processes"));
}

/** Every generation moves on: after a gap in hearing other processes, or a change outside any one partnership. */
export function everythingChanged() {
  generations().epoch++;
}

/** For commands that change data in bulk (demo reload, roll-up rebuild, restore): every process starts afresh. */
export async function announceEverythingChanged(db: Db): Promise<void> {
  everythingChanged();
  await sql`select pg_notify(${CHANNEL}, '*')`.execute(db).catch((error: Error) => logger.warn({ err: error.message }, "could not announce a change to other processes"));
}

/** Starts hearing other processes' changes (once per process; nothing to hear on embedded PGlite). */
export function listenForChanges() {
  const g = generations();
  if (g.listening) return;
  g.listening = true;
  databases().listen(
    CHANNEL,
    (payload) => {
      if (payload === "*") return everythingChanged();
      const [partnershipId, lsn, kind, quarters] = payload.split(" ");
      if (UUID.test(partnershipId)) advance(partnershipId, lsn && LSN.test(lsn) ? lsn : null, kind !== RETURNS_ONLY, quartersOfPayload(quarters));
    },
    everythingChanged,
  );
}
