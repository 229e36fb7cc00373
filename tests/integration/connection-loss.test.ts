/**
 * A connection lost while the app holds it between two queries of a transaction (e.g. while it
 * hashes a password) must fail that transaction, not the process: pg emits an 'error' event on the
 * checked-out client, which would crash Node if nothing listened.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { adminQuery } from "../../scripts/lib/test-templates";
import { useTestDatabase } from "../helpers/database";

const db = useTestDatabase("empty");

describe("losing a connection mid-transaction", () => {
  it("rejects the transaction and leaves the process and the pool working", async () => {
    const { app } = db().handles;
    const work = app.transaction().execute(async (tx) => {
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(tx);
      await adminQuery(db().serverUrl, `select pg_terminate_backend(${Number(rows[0].pid)})`);
      // Idle in the transaction while the server hangs up: the client gets an 'error' event now.
      await new Promise((r) => setTimeout(r, 300));
      await sql`select 1`.execute(tx);
    });
    await expect(work).rejects.toThrow();
    const { rows } = await sql<{ ok: number }>`select 1 as ok`.execute(app);
    expect(rows[0].ok).toBe(1);
  });
});
