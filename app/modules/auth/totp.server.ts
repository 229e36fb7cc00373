/**
 * Time-based one-time codes (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps) as every
 * authenticator app makes them, through @oslojs/otp. Pure functions of a base32 secret and the clock.
 */
import { randomBytes } from "node:crypto";
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import { encode } from "uqr";
import { epochMs } from "../platform/clock.server";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step either side: a phone clock a little out, or a code typed just as it changed. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_ISSUER = "Golden Thread";

const SECRET = /^[A-Z2-7]{32}$/;

export const isTotpSecret = (value: unknown): value is string => typeof value === "string" && SECRET.test(value);

/** 160 random bits, base32: RFC 4226's recommended key length. */
export function newTotpSecret(): string {
  return encodeBase32UpperCaseNoPadding(randomBytes(20));
}

export function totpStep(now = epochMs()): number {
  return Math.floor(now / (TOTP_PERIOD_SECONDS * 1000));
}

export function totpCode(secret: string, step = totpStep()): string {
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), TOTP_DIGITS);
}

/** The time step a code belongs to, within the allowed drift; null when it matches none. */
export function stepOfCode(secret: string, code: string, now = epochMs()): number | null {
  const key = decodeBase32IgnorePadding(secret);
  const step = totpStep(now);
  for (let s = step - TOTP_DRIFT_STEPS; s <= step + TOTP_DRIFT_STEPS; s++) {
    if (verifyHOTP(key, BigInt(s), TOTP_DIGITS, code)) return s;
  }
  return null;
}

/** What an authenticator app scans: otpauth://totp/Golden%20Thread:name@example.org?secret=… */
export function totpUri(accountName: string, secret: string): string {
  return createTOTPKeyURI(TOTP_ISSUER, accountName, decodeBase32IgnorePadding(secret), TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** A QR code as one SVG path (one square per dark module), drawn by the page without any script. */
export function qrCodePath(text: string): { size: number; path: string } {
  const qr = encode(text, { ecc: "M", border: 4 });
  const squares: string[] = [];
  qr.data.forEach((row, y) => row.forEach((dark, x) => dark && squares.push(`M${x} ${y}h1v1h-1z`)));
  return { size: qr.size, path: squares.join("") };
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}
