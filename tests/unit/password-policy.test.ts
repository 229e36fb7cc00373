import { describe, expect, it } from "vitest";
import { passwordProblem } from "~/modules/auth/password.server";

describe("choosing a password", () => {
  it("refuses fewer than 10 characters and more than 256", () => {
    expect(passwordProblem("short pw")).toMatch(/at least 10/);
    expect(passwordProblem("x".repeat(257))).toMatch(/256 characters or fewer/);
  });

  it("refuses the commonest passwords whatever their case", () => {
    expect(passwordProblem("Password123")).toMatch(/too common/);
    expect(passwordProblem("QWERTYUIOP")).toMatch(/too common/);
  });

  it("has no composition rules: four lower-case words are fine", () => {
    expect(passwordProblem("harbour lantern biscuit meadow")).toBeNull();
  });

  it("refuses a password made of the email address", () => {
    expect(passwordProblem("priya.shah2026", { email: "priya.shah@cleveland.example" })).toMatch(/email/);
  });
});
