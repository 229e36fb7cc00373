/**
 * One-time tokens for links sent by email (invitations, password resets). The link carries 160
 * random bits; the database keeps only their SHA-256, so a copy of the tables opens nothing.
 * See docs/decisions/0012-one-time-links.md.
 */
import { createHash, randomBytes } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

export function newToken(): { token: string; hash: string } {
  const token = encodeBase32LowerCaseNoPadding(randomBytes(20));
  return { token, hash: tokenHash(token) };
}

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as it appears in a link: 32 base32 characters. Anything else is not worth a query. */
export function looksLikeToken(value: string | undefined): value is string {
  return typeof value === "string" && /^[a-z2-7]{32}$/.test(value);
}
