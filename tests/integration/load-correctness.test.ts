/**
 * The short version of the mixed load in `npm run bench` (issue 9), checking only correctness:
 * dashboards, drafts, submissions (each a different organisation) and sign-ins at once on loopback
 * give no 5xx and no connection errors, every write the server acknowledged is stored, and the
 * dashboards' roll-ups still equal a fresh aggregation of the raw values. The rate is the bench's business.
 */
import { describe, expect, it } from "vitest";
import { quarterOf } from "~/modules/reporting/periods";
import { today } from "~/modules/platform/clock.server";
import { boardMember, passwordUsers, submitters } from "../../scripts/lib/bench-fixtures";
import { checkAfterLoad, runMixedLoad } from "../../scripts/lib/mixed-load";
import { useAppServer } from "../helpers/app-server";

const server = useAppServer();

describe("a short mixed load", () => {
  it("answers no 5xx, loses no acknowledged write, and leaves the roll-ups exact", { timeout: 120_000 }, async () => {
    const { owner } = server().db.handles;
    const quarter = quarterOf(today()).key;
    const reader = await boardMember(owner, "cleveland", "load");
    const hartlepool = await owner
      .selectFrom("boroughs")
      .innerJoin("partnerships", "partnerships.id", "boroughs.partnership_id")
      .select("boroughs.id")
      .where("partnerships.slug", "=", "cleveland")
      .where("boroughs.name", "=", "Hartlepool")
      .executeTakeFirstOrThrow();
    const writers = await submitters(owner, { count: 30, quarter });
    const password = "load-test-password-long";
    const emails = await passwordUsers(owner, "cleveland", 2, password);

    const result = await runMixedLoad({
      origin: server().url,
      seconds: 6,
      connections: 6,
      reads: ["/p/cleveland", `/p/cleveland/dashboard/${hartlepool.id}`, "/p/cleveland/returns"],
      readerCookie: reader.cookie,
      submitters: writers,
      quarter,
      logins: emails.map((email) => ({ email, password })),
    });

    expect(result.run.byClass["5xx"]).toBe(0);
    expect(result.run.errors).toBe(0);
    expect(result.refused).toEqual([]);
    expect(result.acknowledged.length).toBeGreaterThan(0);
    expect(result.drafts.length).toBeGreaterThan(0);
    expect(result.signIns).toMatchObject({ refused: 0 });
    expect(result.signIns.ok).toBeGreaterThan(0);
    const after = await checkAfterLoad(server().db.handles, result);
    expect(after).toMatchObject({ missing: 0, halfWritten: 0, drift: 0 });
    expect(after.partnerships).toBe(2);
    expect(server().alive()).toBe(true);
  });
});
