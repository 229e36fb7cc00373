/**
 * Delivery over SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example.org:587). Without it, messages
 * are kept in the outbox for a coordinator to read. Delivery runs after the transaction that queued
 * a message commits, and again from `npm run jobs:reminders` for anything still pending.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { now } from "../platform/clock.server";
import { logger } from "../platform/logger.server";
import { config } from "../platform/config.server";
import { inTransaction, setScope } from "../tenancy/with-partnership.server";

const MAX_ATTEMPTS = 5;

export function mailConfigured() {
  return Boolean(config().SMTP_URL);
}

let transport: { url: string; transporter: Transporter } | undefined;
function mailer(): Transporter {
  const url = config().SMTP_URL!;
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

const fromAddress = () => config().MAIL_FROM ?? "Golden Thread <no-reply@golden-thread.invalid>";

interface Pending {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  attempts: number;
}

async function send(message: Pending): Promise<string | null> {
  try {
    await mailer().sendMail({ from: fromAddress(), to: message.to_address, subject: message.subject, text: message.body_text });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Sends a partnership's pending messages; returns how many went. Safe to run concurrently. */
export async function deliverPending(partnershipId: string, limit = 50): Promise<number> {
  if (!mailConfigured()) return 0;
  return inTransaction(async (tx) => {
    await setScope(tx, { partnershipId });
    // SKIP LOCKED: two processes delivering at once each take different messages.
    const pending = await tx
      .selectFrom("outbox_messages")
      .select(["id", "to_address", "subject", "body_text", "attempts"])
      .where("partnership_id", "=", partnershipId)
      .where("status", "=", "pending")
      .orderBy("created_at")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    let sent = 0;
    for (const message of pending) {
      const error = await send(message);
      const attempts = message.attempts + 1;
      await tx
        .updateTable("outbox_messages")
        .set(
          error
            ? { attempts, last_error: error.slice(0, 500), status: attempts >= MAX_ATTEMPTS ? "failed" : "pending" }
            : { attempts, status: "sent", sent_at: now(), last_error: null },
        )
        .where("partnership_id", "=", partnershipId)
        .where("id", "=", message.id)
        .execute();
      if (error) logger.warn({ partnershipId, messageId: message.id, error }, "email not delivered");
      else sent++;
    }
    return sent;
  });
}

export async function deliverPlatformPending(limit = 50): Promise<number> {
  if (!mailConfigured()) return 0;
  return inTransaction(async (tx) => {
    await setScope(tx, { platformAdmin: true });
    const pending = await tx
      .selectFrom("platform_outbox_messages")
      .select(["id", "to_address", "subject", "body_text", "attempts"])
      .where("status", "=", "pending")
      .orderBy("created_at")
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    let sent = 0;
    for (const message of pending) {
      const error = await send(message);
      const attempts = message.attempts + 1;
      await tx
        .updateTable("platform_outbox_messages")
        .set(
          error
            ? { attempts, last_error: error.slice(0, 500), status: attempts >= MAX_ATTEMPTS ? "failed" : "pending" }
            : { attempts, status: "sent", sent_at: now(), last_error: null },
        )
        .where("id", "=", message.id)
        .execute();
      if (!error) sent++;
    }
    return sent;
  });
}

/** Delivery after a request: never fails the request; what does not go now goes with the next job run. */
export function deliverSoon(partnershipId: string | null) {
  if (!mailConfigured()) return;
  const work = partnershipId ? deliverPending(partnershipId) : deliverPlatformPending();
  work.catch((error) => logger.warn({ err: error, partnershipId }, "email delivery failed; will retry"));
}
