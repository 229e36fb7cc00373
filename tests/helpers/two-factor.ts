/**
 * Codes for two-factor sign-in in tests: the demo accounts' published secret, or a secret a test
 * enrolled itself. The same RFC 6238 code an authenticator app would show now.
 */
import { DEMO_TOTP_SECRET } from "../../db/seed/accounts";
import { totpCode, totpStep } from "~/modules/auth/totp.server";

export { DEMO_TOTP_SECRET };

export function codeFor(secret: string = DEMO_TOTP_SECRET, offsetSteps = 0): string {
  return totpCode(secret.replace(/\s/g, ""), totpStep() + offsetSteps);
}
