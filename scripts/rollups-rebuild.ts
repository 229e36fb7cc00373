/**
 * `npm run rollups:rebuild`: rebuilds every partnership's dashboard roll-ups from the raw return
 * values, one partnership per transaction (safe while the app runs: submissions wait for it, then
 * apply on top). `-- --partnership SLUG` rebuilds one; `-- --check` only reports drift and exits 1 if any.
 */
import { rebuildMetricRollups, rollupDrift } from "../app/modules/rollups/rebuild.server";
import { listPartnerships } from "../app/modules/tenancy/partnerships.server";
import { asUser, withPartnership } from "../app/modules/tenancy/with-partnership.server";
import { withCliDatabase } from "./lib/cli-database";

const at = process.argv.indexOf("--partnership");
const only = at > 0 ? process.argv[at + 1] : null;
const check = process.argv.includes("--check");
const NOBODY = "00000000-0000-0000-0000-000000000000";

const drifted = await withCliDatabase(async () => {
  const partnerships = (await asUser(NOBODY, (tx) => listPartnerships(tx))).filter((p) => !only || p.slug === only);
  if (only && partnerships.length === 0) throw new Error(`No partnership with the slug ${only}`);
  let drift = 0;
  for (const p of partnerships) {
    const started = performance.now();
    if (check) {
      const rows = await withPartnership(p.id, null, (tx) => rollupDrift(tx, { partnershipId: p.id }));
      drift += rows.length;
      console.log(`${p.slug}: ${rows.length ? `${rows.length} roll-up row(s) differ from the raw values` : "roll-ups match the raw values"}`);
      for (const row of rows.slice(0, 20))
        console.log(`  ${row.quarter} metric ${row.metric_id} borough ${row.borough_key} ${row.sector}: kept ${row.kept ?? "none"}, fresh ${row.fresh ?? "none"}`);
    } else {
      const { rows } = await withPartnership(p.id, null, (tx) => rebuildMetricRollups(tx, { partnershipId: p.id }));
      console.log(`${p.slug}: ${rows} roll-up rows rebuilt in ${performance.now() - started} ms`);
    }
  }
  return drift;
});
if (drifted) process.exit(1);
