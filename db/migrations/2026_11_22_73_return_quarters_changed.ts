/**
 * A transaction that changes what dashboards read about returns (which organisation's return for
 * which quarter exists, its status, when it was first submitted) says for which quarters: a row
 * trigger on quarterly_returns adds the quarter to the transaction-local
 * `app.return_quarters_changed` (" 2026Q3 2026Q2", or "*" after a truncate). withPartnership reads
 * it with the write check it already makes, so a return submitted for one quarter leaves the
 * partnership's cached return facts of the other quarters in place (dashboards/facts.server.ts,
 * ADR 0017). A draft save that changes only values or narrative moves no quarter: the values reach
 * dashboards through the roll-ups, which the partnership's generation covers. A trigger, not a list
 * in code, for the same reason as migration 72: a write path added later is noticed by itself.
 */
import { sql, type Kysely } from "kysely";
import { run } from "./sql-helpers";

export async function up(db: Kysely<any>): Promise<void> {
  await run(db, [
    sql`create function note_return_quarters_changed() returns trigger language plpgsql set search_path = public as $$
    declare
      noted text := coalesce(current_setting('app.return_quarters_changed', true), '');
    begin
      if tg_op = 'TRUNCATE' then
        perform set_config('app.return_quarters_changed', '*', true);
        return null;
      end if;
      if noted = '*' then
        return null;
      end if;
      if tg_op <> 'INSERT' and strpos(noted, ' ' || old.quarter) = 0 then
        noted := noted || ' ' || old.quarter;
      end if;
      if tg_op <> 'DELETE' and strpos(noted, ' ' || new.quarter) = 0 then
        noted := noted || ' ' || new.quarter;
      end if;
      perform set_config('app.return_quarters_changed', noted, true);
      return null;
    end $$`,
    sql`create trigger quarterly_returns_quarters_added after insert or delete on quarterly_returns for each row execute function note_return_quarters_changed()`,
    sql`create trigger quarterly_returns_quarters_changed after update on quarterly_returns for each row
      when (old.status is distinct from new.status or old.first_submitted_at is distinct from new.first_submitted_at
        or old.quarter is distinct from new.quarter or old.organisation_id is distinct from new.organisation_id)
      execute function note_return_quarters_changed()`,
    sql`create trigger quarterly_returns_quarters_truncated after truncate on quarterly_returns for each statement execute function note_return_quarters_changed()`,
  ]);
}
