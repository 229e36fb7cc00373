/**
 * Uploading a CSV to a plan: checked and written in one transaction, so a file goes in whole or
 * not at all; a plan changed by someone else mid-upload is reported, not half-applied.
 */
import { withPartnership } from "../tenancy/with-partnership.server";
import { importActions } from "./action-csv.server";
import { ImportConflict, type CsvProblem } from "./plan-csv.server";
import { importUpdates } from "./update-csv.server";

export type UploadKind = "actions" | "updates";

/** `ignored`: the file's columns the upload does not take, skipped. */
export type UploadOutcome = { ok: true; notice: string; ignored: string[] } | { ok: false; problems: CsvProblem[]; ignored: string[] };

export async function uploadPlanCsv(input: {
  partnershipId: string;
  userId: string;
  planId: string;
  financialYear: number;
  today: string;
  kind: UploadKind;
  text: string;
}): Promise<UploadOutcome> {
  try {
    return await withPartnership(input.partnershipId, input.userId, async (tx) => {
      if (input.kind === "actions") {
        const result = await importActions(tx, input);
        if (!result.ok) return result;
        return { ok: true as const, notice: `Actions uploaded: ${result.added} added, ${result.changed} changed, ${result.unchanged} unchanged`, ignored: result.ignored };
      }
      const result = await importUpdates(tx, input);
      if (!result.ok) return result;
      return { ok: true as const, notice: `Updates uploaded: ${result.recorded} recorded, ${result.unchanged} unchanged`, ignored: result.ignored };
    });
  } catch (error) {
    if (!(error instanceof ImportConflict)) throw error;
    return {
      ok: false,
      problems: [{ row: 1, column: null, columnLabel: null, message: "Someone changed the plan while the file was being checked, so nothing was saved. Upload the file again." }],
      ignored: [],
    };
  }
}
