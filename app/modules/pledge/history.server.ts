/**
 * An organisation's pledge as people read it: every signature and withdrawal, newest first, and
 * the certificate of the signature in force.
 */
import type { Tx } from "../tenancy/with-partnership.server";
import { isCurrent } from "./status";
import { organisationPledges } from "./status.server";

type Scope = { partnershipId: string; organisationId: string };

export interface HistoryEntry {
  kind: "signature" | "withdrawal";
  id: string;
  on: string;
  validUntil: string | null;
  version: number | null;
  signatory: string | null;
  reason: string | null;
  renewal: boolean;
  recordedBy: string | null;
  /** A signature recorded by the coordinator (recordedBy, on recordedAt) from a paper form. */
  fromPaper: boolean;
  commitments: number[];
  activity: Record<string, string>;
  recordedAt: Date;
}

export async function pledgeHistory(tx: Tx, { partnershipId, organisationId }: Scope): Promise<HistoryEntry[]> {
  const [signatures, withdrawals] = await Promise.all([
    tx
      .selectFrom("pledge_signatures as s")
      .innerJoin("pledge_versions as v", (j) => j.onRef("v.partnership_id", "=", "s.partnership_id").onRef("v.id", "=", "s.pledge_version_id"))
      .leftJoin("users as u", "u.id", "s.submitted_by")
      .select([
        "s.id",
        "s.signed_on",
        "s.expires_on",
        "v.version",
        "s.signatory_name",
        "s.signatory_title",
        "s.renews_signature_id",
        "u.name as submitted_by_name",
        "s.commitments",
        "s.activity",
        "s.created_at",
        "s.source",
      ])
      .where("s.partnership_id", "=", partnershipId)
      .where("s.organisation_id", "=", organisationId)
      .execute(),
    tx
      .selectFrom("pledge_withdrawals as w")
      .leftJoin("users as u", "u.id", "w.recorded_by")
      .select(["w.id", "w.withdrawn_on", "w.reason", "u.name as recorded_by_name", "w.created_at"])
      .where("w.partnership_id", "=", partnershipId)
      .where("w.organisation_id", "=", organisationId)
      .execute(),
  ]);
  const entries: HistoryEntry[] = [
    ...signatures.map((s) => ({
      kind: "signature" as const,
      id: s.id,
      on: s.signed_on,
      validUntil: s.expires_on,
      version: s.version,
      signatory: `${s.signatory_name}, ${s.signatory_title}`,
      reason: null,
      renewal: Boolean(s.renews_signature_id),
      recordedBy: s.submitted_by_name,
      fromPaper: s.source === "paper",
      commitments: s.commitments,
      activity: s.activity,
      recordedAt: s.created_at,
    })),
    ...withdrawals.map((w) => ({
      kind: "withdrawal" as const,
      id: w.id,
      on: w.withdrawn_on,
      validUntil: null,
      version: null,
      signatory: null,
      reason: w.reason,
      renewal: false,
      recordedBy: w.recorded_by_name,
      fromPaper: false,
      commitments: [],
      activity: {},
      recordedAt: w.created_at,
    })),
  ];
  return entries.sort((a, b) => (a.on === b.on ? b.recordedAt.getTime() - a.recordedAt.getTime() : a.on < b.on ? 1 : -1));
}

export interface Certificate {
  organisation: string;
  borough: string | null;
  partnership: string;
  pledgeTitle: string;
  version: number;
  signedOn: string;
  validUntil: string;
  signatory: string;
  signatoryTitle: string;
  /** The commitments taken on, with their numbers in the pledge. */
  commitments: Array<{ number: number; text: string }>;
}

/** The certificate of the signature in force on `on`, or null when the pledge is not current. */
export async function currentCertificate(tx: Tx, { partnershipId, organisationId, on }: Scope & { on: string }): Promise<Certificate | null> {
  const pledges = await organisationPledges(tx, { partnershipId, on, organisationIds: [organisationId] });
  const pledge = pledges.get(organisationId);
  if (!pledge || !isCurrent(pledge.status) || !pledge.signature) return null;
  const row = await tx
    .selectFrom("pledge_signatures as s")
    .innerJoin("pledge_versions as v", (j) => j.onRef("v.partnership_id", "=", "s.partnership_id").onRef("v.id", "=", "s.pledge_version_id"))
    .innerJoin("organisations as o", (j) => j.onRef("o.partnership_id", "=", "s.partnership_id").onRef("o.id", "=", "s.organisation_id"))
    .innerJoin("partnerships as p", "p.id", "s.partnership_id")
    .leftJoin("boroughs as b", (j) => j.onRef("b.partnership_id", "=", "o.partnership_id").onRef("b.id", "=", "o.borough_id"))
    .select([
      "o.name as organisation",
      "b.name as borough",
      "p.name as partnership",
      "v.title",
      "v.version",
      "v.commitments",
      "s.signed_on",
      "s.expires_on",
      "s.signatory_name",
      "s.signatory_title",
      "s.commitments as signed",
    ])
    .where("s.partnership_id", "=", partnershipId)
    .where("s.id", "=", pledge.signature.id)
    .executeTakeFirst();
  if (!row) return null;
  return {
    organisation: row.organisation,
    borough: row.borough,
    partnership: row.partnership,
    pledgeTitle: row.title,
    version: row.version ?? 0,
    signedOn: row.signed_on,
    validUntil: row.expires_on,
    signatory: row.signatory_name,
    signatoryTitle: row.signatory_title,
    commitments: row.signed.filter((n) => row.commitments[n - 1]).map((n) => ({ number: n, text: row.commitments[n - 1] })),
  };
}
