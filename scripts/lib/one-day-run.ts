/**
 * A test run happens on one UK day. Tests and the demo they read are laid out from "today", and the
 * template demo is seeded minutes before the last test reads it: a run that crossed midnight would
 * have a demo from one day checked against another. So a run started in the last hour before UK
 * midnight runs as of an hour before that midnight, on one clock shared by every process it starts
 * (GT_CLOCK_OFFSET_MS, see clock.server.ts). Imported first, before anything reads the clock.
 */
import { ukDate, ukInstant } from "../../app/modules/platform/dates";
import { addDays } from "../../app/modules/reporting/periods";

const MARGIN_MS = 60 * 60_000;

if (!process.env.GT_CLOCK && !process.env.GT_CLOCK_OFFSET_MS) {
  // eslint-disable-next-line no-restricted-syntax -- this runs before the clock exists, to set it
  const machine = Date.now();
  const midnight = ukInstant(addDays(ukDate(new Date(machine)), 1)).getTime();
  if (midnight - machine < MARGIN_MS) {
    process.env.GT_CLOCK_OFFSET_MS = String(midnight - MARGIN_MS - machine);
    console.log(`Less than an hour to midnight in the UK: the tests run as of ${new Date(midnight - MARGIN_MS).toISOString()}, so the whole run is on one day.`);
  }
}
