import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverPending } from "~/modules/notify/delivery.server";
import { listOutbox, queueEmail, queuePlatformEmail } from "~/modules/notify/outbox.server";
import { asPlatformAdmin, withPartnership } from "~/modules/tenancy/with-partnership.server";
import { useTestDatabase } from "../helpers/database";
import { partnershipId } from "../helpers/fixtures";
import { startSmtpServer } from "../helpers/smtp";
import { reloadConfig } from "~/modules/platform/config.server";

const db = useTestDatabase("demo");

describe("the outbox without a mail server", () => {
  it("keeps each message for the partnership to read, and a repeated reminder is queued once", async () => {
    delete process.env.SMTP_URL;
    reloadConfig();
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    const email = { to: "a@example.org", subject: "Renewal due", text: "Your pledge…", kind: "reminder", dedupeKey: "renewal:org1:60d" };
    const first = await withPartnership(cleveland, null, (tx) => queueEmail(tx, cleveland, email));
    const second = await withPartnership(cleveland, null, (tx) => queueEmail(tx, cleveland, email));
    expect([first, second]).toEqual([true, false]);
    const kept = await withPartnership(cleveland, null, (tx) => listOutbox(tx, { partnershipId: cleveland }));
    expect(kept.filter((m) => m.subject === "Renewal due").map((m) => m.status)).toEqual(["kept"]);
  });

  it("shows a partnership only its own messages, and platform messages only to the platform administrator", async () => {
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    const hampshire = await partnershipId(db().handles.owner, "hampshire");
    await withPartnership(hampshire, null, (tx) => queueEmail(tx, hampshire, { to: "h@example.org", subject: "Hampshire only", text: "…", kind: "test" }));
    const seen = await withPartnership(cleveland, null, (tx) => listOutbox(tx, { partnershipId: hampshire }));
    expect(seen).toEqual([]);

    await withPartnership(cleveland, null, (tx) => queuePlatformEmail(tx, { to: "p@example.org", subject: "Reset your password", text: "…", kind: "password_reset" }));
    const asTenant = await withPartnership(cleveland, null, (tx) => tx.selectFrom("platform_outbox_messages").select("id").execute());
    expect(asTenant).toEqual([]);
    const asAdmin = await asPlatformAdmin("00000000-0000-0000-0000-000000000000", (tx) => tx.selectFrom("platform_outbox_messages").select("subject").execute());
    expect(asAdmin.map((m) => m.subject)).toContain("Reset your password");
  });
});

describe("delivery over SMTP", () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    process.env.SMTP_URL = smtp.url;
    reloadConfig();
  });
  afterAll(async () => {
    delete process.env.SMTP_URL;
    reloadConfig();
    await smtp.close();
  });

  it("sends a queued message to a real SMTP server once, and marks it sent", async () => {
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    await withPartnership(cleveland, null, (tx) =>
      queueEmail(tx, cleveland, { to: "champion@example.org", subject: "Your return is due", text: "Due on 30 October", kind: "reminder" }),
    );
    expect(await deliverPending(cleveland)).toBe(1);
    expect(await deliverPending(cleveland)).toBe(0);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].to).toEqual(["champion@example.org"]);
    expect(smtp.received[0].raw).toContain("Subject: Your return is due");
    const sent = await withPartnership(cleveland, null, (tx) => listOutbox(tx, { partnershipId: cleveland }));
    expect(sent.find((m) => m.subject === "Your return is due")?.status).toBe("sent");
  });

  it("leaves a message pending with the error when the mail server is down, for a later retry", async () => {
    const cleveland = await partnershipId(db().handles.owner, "cleveland");
    process.env.SMTP_URL = "smtp://127.0.0.1:1";
    reloadConfig();
    try {
      await withPartnership(cleveland, null, (tx) => queueEmail(tx, cleveland, { to: "x@example.org", subject: "Retry me", text: "…", kind: "test" }));
      expect(await deliverPending(cleveland)).toBe(0);
      const message = (await withPartnership(cleveland, null, (tx) => listOutbox(tx, { partnershipId: cleveland }))).find((m) => m.subject === "Retry me");
      expect(message?.status).toBe("pending");
      expect(message?.last_error).toBeTruthy();
    } finally {
      process.env.SMTP_URL = smtp.url;
      reloadConfig();
    }
    expect(await deliverPending(cleveland)).toBe(1);
  });
});
