/**
 * `npm run db:seed`: loads the demo partnerships, organisations, accounts and figures.
 * `-- --replace` removes an earlier demo first (only demo partnerships and demo accounts).
 */
import { loadDemo } from "../app/modules/platform/prepare.server";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seed/accounts";
import { withCliDatabase } from "./lib/cli-database";

const replace = process.argv.includes("--replace");
const result = await withCliDatabase(() => loadDemo({ replace }), { requireMigrated: false });
if (!result.loaded) {
  console.log(`The database ${result.reason}. Run \`npm run db:seed -- --replace\` to load it afresh.`);
} else {
  console.log(`Demo data loaded. Accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`);
}
