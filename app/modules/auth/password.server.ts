/**
 * Passwords: argon2id at OWASP's recommended minimum cost (m=19 MiB, t=2, p=1), 10–256 characters,
 * no composition rules, the commonest passwords refused (NIST SP 800-63B §5.1.1.2).
 */
import { hash, verify } from "@node-rs/argon2";
import { COMMON_PASSWORDS } from "./common-passwords";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

/** `algorithm: 2` is Argon2id (the package's enum is a const enum, which isolated modules cannot import). */
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash || password.length > PASSWORD_MAX) return false;
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing in particular, verified when the account does not exist so timing tells nothing. */
let decoyHash: Promise<string> | undefined;
export async function spendVerificationTime(password: string) {
  decoyHash ??= hashPassword("decoy-password-for-timing");
  await verifyPassword(await decoyHash, password);
}

/** Why a new password is refused, in words that say how to fix it; null when it is fine. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN) return `Enter a password of at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `Enter a password of ${PASSWORD_MAX} characters or fewer`;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return "This password is too common. Choose something harder to guess, such as three or four random words";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if ((local && local.length >= 4 && lower.includes(local)) || (context.email && lower === context.email.toLowerCase())) {
    return "Your password must not contain your email address";
  }
  return null;
}
