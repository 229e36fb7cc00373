import { describe, expect, it } from "vitest";
import { groupedSecret, isTotpSecret, newTotpSecret, stepOfCode, totpCode, totpUri } from "~/modules/auth/totp.server";
import { formatRecoveryCode, parseSecondFactor } from "~/modules/auth/two-factor.server";

// RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32.
const RFC_KEY = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("time-based codes", () => {
  it("match RFC 6238's SHA-1 test vectors (last 6 of the 8 digits)", () => {
    expect(totpCode(RFC_KEY, Math.floor(59 / 30))).toBe("287082");
    expect(totpCode(RFC_KEY, Math.floor(1111111109 / 30))).toBe("081804");
    expect(totpCode(RFC_KEY, Math.floor(1234567890 / 30))).toBe("005924");
  });

  it("accept one step of drift either side and no more, and say which step a code was for", () => {
    const now = 1234567890_000;
    const step = Math.floor(now / 30_000);
    expect(stepOfCode(RFC_KEY, totpCode(RFC_KEY, step), now)).toBe(step);
    expect(stepOfCode(RFC_KEY, totpCode(RFC_KEY, step - 1), now)).toBe(step - 1);
    expect(stepOfCode(RFC_KEY, totpCode(RFC_KEY, step + 1), now)).toBe(step + 1);
    expect(stepOfCode(RFC_KEY, totpCode(RFC_KEY, step - 2), now)).toBeNull();
    expect(stepOfCode(RFC_KEY, totpCode(RFC_KEY, step + 2), now)).toBeNull();
  });

  it("make a new 160-bit secret every time, and the URI an authenticator app scans", () => {
    const a = newTotpSecret();
    expect(isTotpSecret(a)).toBe(true);
    expect(a).not.toBe(newTotpSecret());
    expect(groupedSecret(a)).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(totpUri("priya@example.org", a)).toBe(`otpauth://totp/Golden%20Thread:priya%40example.org?issuer=Golden+Thread&algorithm=SHA1&secret=${a}&period=30&digits=6`);
  });
});

describe("what is typed in the code box", () => {
  it("takes six digits, or a recovery code in any case with dashes or spaces, and nothing else", () => {
    expect(parseSecondFactor(" 123 456 ")).toEqual({ kind: "totp", code: "123456" });
    expect(parseSecondFactor("ABCD-efgh-2345")).toEqual({ kind: "recovery", code: "abcdefgh2345" });
    expect(parseSecondFactor("abcd efgh 2345")).toEqual({ kind: "recovery", code: "abcdefgh2345" });
    for (const wrong of ["", "12345", "1234567", "abcd-efgh-234", "abcd-efgh-2341", "' or 1=1"]) expect(parseSecondFactor(wrong), wrong).toBeNull();
    expect(formatRecoveryCode("abcdefgh2345")).toBe("abcd-efgh-2345");
  });
});
