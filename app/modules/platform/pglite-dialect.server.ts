/**
 * A Kysely dialect over embedded PostgreSQL (PGlite). PGlite is one session, so connections are
 * taken one at a time behind a mutex, as Kysely's own SQLite driver does. `role` switches the
 * session role on acquire, so the app runs as the RLS-bound app role while migrations run as owner
 * on the same instance.
 */
import type { PGlite } from "@electric-sql/pglite";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from "kysely";

class Mutex {
  #queue: Array<() => void> = [];
  #locked = false;
  async lock() {
    if (!this.#locked) {
      this.#locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.#queue.push(resolve));
  }
  unlock() {
    const next = this.#queue.shift();
    if (next) next();
    else this.#locked = false;
  }
}

/** The mutex and the session's current role belong to the PGlite instance, shared by every dialect on it. */
const sessionState = new WeakMap<PGlite, { mutex: Mutex; role: string | null }>();

class PGliteConnection implements DatabaseConnection {
  constructor(readonly pg: PGlite) {}
  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiled.sql, compiled.parameters as unknown[], { rowMode: "object" });
    const affected = result.affectedRows;
    return {
      rows: result.rows,
      numAffectedRows: result.command && result.command !== "SELECT" && affected !== undefined ? BigInt(affected) : undefined,
    };
  }
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("PGlite does not stream query results");
  }
}

class PGliteDriver implements Driver {
  #pg: PGlite | undefined;
  constructor(
    readonly open: () => Promise<PGlite>,
    readonly role: string | null,
  ) {}
  async init() {
    this.#pg = await this.open();
    if (!sessionState.has(this.#pg)) sessionState.set(this.#pg, { mutex: new Mutex(), role: null });
  }
  async acquireConnection() {
    const pg = this.#pg!;
    const state = sessionState.get(pg)!;
    await state.mutex.lock();
    try {
      if (state.role !== this.role) {
        await pg.query(this.role ? `set role "${this.role}"` : "reset role");
        state.role = this.role;
      }
    } catch (error) {
      state.mutex.unlock();
      throw error;
    }
    return new PGliteConnection(pg);
  }
  async beginTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw("begin"));
  }
  async commitTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(c: DatabaseConnection) {
    await c.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection() {
    sessionState.get(this.#pg!)!.mutex.unlock();
  }
  async destroy() {}
}

export class PGliteDialect implements Dialect {
  constructor(
    readonly open: () => Promise<PGlite>,
    readonly options: { role: string | null },
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    return new PGliteDriver(this.open, this.options.role);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
}
