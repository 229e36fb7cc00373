/**
 * The organisation hears about its return: an email to its champions and administrators when the
 * coordinator returns it for changes, accepts it, or reopens its locked quarter. Queued in the
 * same transaction as the decision, so the two are written together or not at all.
 */
import { queueEmail } from "../notify/outbox.server";
import { linkOrigin } from "../platform/origin.server";
import { parseQuarterKey, type Quarter } from "../reporting/periods";
import type { Tx } from "../tenancy/with-partnership.server";
import { longDate } from "./calendar";
import type { ReturnKey } from "./store.server";

export type ReviewNews = { what: "accepted" } | { what: "returned"; reason: string; until: string | null } | { what: "reopened"; until: string; reason: string };

function message(news: ReviewNews, q: Quarter, organisation: string, link: string) {
  const subject = {
    accepted: `${organisation}: your ${q.label} return was accepted`,
    returned: `${organisation}: your ${q.label} return needs changes`,
    reopened: `${organisation}: your ${q.label} return can be changed until ${news.what === "reopened" ? longDate(news.until) : ""}`,
  }[news.what];
  const lines =
    news.what === "accepted"
      ? [`The coordinator accepted your organisation's quarterly return for ${q.label}. Its figures count in the partnership's dashboards. Nothing more is needed.`]
      : news.what === "returned"
        ? [
            `The coordinator returned your organisation's quarterly return for ${q.label} for changes:`,
            "",
            news.reason,
            "",
            news.until ? `Correct it and submit it again by ${longDate(news.until)}: the quarter is reopened for your organisation until then.` : "Correct it and submit it again.",
          ]
        : [
            `The coordinator reopened your organisation's quarterly return for ${q.label}: you can change it until ${longDate(news.until)}.`,
            ...(news.reason ? ["", news.reason] : []),
          ];
  const text = [...lines, "", `Open the return: ${link}`, "", "You are receiving this because you are an RJ champion or organisation administrator in Golden Thread."].join("\n");
  return { subject, text };
}

export async function tellOrganisation(tx: Tx, key: ReturnKey, news: ReviewNews): Promise<number> {
  const quarter = parseQuarterKey(key.quarter)!;
  const partnership = await tx.selectFrom("partnerships").select("slug").where("id", "=", key.partnershipId).executeTakeFirstOrThrow();
  const recipients = await tx
    .selectFrom("organisation_members as om")
    .innerJoin("users as u", "u.id", "om.user_id")
    .innerJoin("organisations as o", (join) => join.onRef("o.partnership_id", "=", "om.partnership_id").onRef("o.id", "=", "om.organisation_id"))
    .select(["o.name as organisation", "u.email"])
    .where("om.partnership_id", "=", key.partnershipId)
    .where("om.organisation_id", "=", key.organisationId)
    .where("om.role", "in", ["champion", "org_admin"])
    .where("u.disabled_at", "is", null)
    .distinct()
    .execute();
  const link = `${linkOrigin()}/p/${partnership.slug}/orgs/${key.organisationId}/returns/${quarter.key}`;
  for (const r of recipients) {
    const { subject, text } = message(news, quarter, r.organisation, link);
    await queueEmail(tx, key.partnershipId, { to: r.email, subject, text, kind: `return:${news.what}` });
  }
  return recipients.length;
}
