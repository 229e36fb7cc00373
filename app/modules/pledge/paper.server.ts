/**
 * A pledge signed on paper: the coordinator records it on the organisation's behalf — the version
 * on the form, who signed it and when, the commitments ticked. It is written as any signature is
 * (recordSignature), so the organisation reads as signed and dashboards count it; the history and
 * the audit trail say it was recorded by the coordinator from a paper form.
 */
import { z } from "zod";
import { dateField, withDates } from "../platform/date-input";
import { formatDate, ukDate } from "../platform/dates";
import { text } from "../platform/form.server";
import type { Tx } from "../tenancy/with-partnership.server";
import { commitmentsInRange, recordSignature } from "./signing.server";
import { findVersion } from "./versions.server";

const CHOOSE_VERSION = "Choose the version of the pledge on the paper form";
const CHOOSE_COMMITMENTS = "Select the commitments ticked on the paper form";

export const paperSignatureSchema = (today: string) =>
  withDates(
    ["signedOn"],
    z.object({
      versionId: z.string({ required_error: CHOOSE_VERSION }).uuid(CHOOSE_VERSION),
      signatoryName: text("the signatory's name"),
      signatoryTitle: text("the signatory's job title"),
      signedOn: dateField("the date it was signed", { today, when: "past" }),
      commitments: z
        .union([z.string(), z.array(z.string())], { required_error: CHOOSE_COMMITMENTS })
        .transform((v) => (Array.isArray(v) ? v : [v]).map(Number))
        .refine((v) => v.length > 0 && v.every(Number.isInteger), CHOOSE_COMMITMENTS),
    }),
  );

export type PaperSignature = z.infer<ReturnType<typeof paperSignatureSchema>>;

export type PaperResult = { ok: true; signatureId: string; renewal: boolean } | { ok: false; errors: Partial<Record<keyof PaperSignature, string>> };

/** Checks the form against the pledge's history (the rules hold here, not only in the page), then records it. */
export async function recordPaperSignature(
  tx: Tx,
  scope: { partnershipId: string; organisationId: string; userId: string; today: string; input: PaperSignature },
): Promise<PaperResult> {
  const { input } = scope;
  const version = await findVersion(tx, { partnershipId: scope.partnershipId, versionId: input.versionId });
  if (!version || version.state !== "published" || !version.publishedAt) return { ok: false, errors: { versionId: CHOOSE_VERSION } };
  const published = ukDate(version.publishedAt);
  if (input.signedOn > scope.today) return { ok: false, errors: { signedOn: "The date it was signed must be today or in the past" } };
  if (input.signedOn < published) {
    return { ok: false, errors: { signedOn: `Version ${version.version} was published on ${formatDate(published)}: the date it was signed must be on or after that` } };
  }
  if (!commitmentsInRange(input.commitments, version)) return { ok: false, errors: { commitments: CHOOSE_COMMITMENTS } };
  const recorded = await recordSignature(tx, {
    partnershipId: scope.partnershipId,
    organisationId: scope.organisationId,
    userId: scope.userId,
    source: "paper",
    signature: {
      versionId: version.id,
      signedOn: input.signedOn,
      signatoryName: input.signatoryName,
      signatoryTitle: input.signatoryTitle,
      commitments: input.commitments,
      activity: {},
    },
  });
  return { ok: true, ...recorded };
}
