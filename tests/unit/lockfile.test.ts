import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { missingOptionalEntries } from "../../scripts/fix-lockfile";

describe("package-lock.json", () => {
  it("has an entry for every optional dependency, so `npm ci` accepts it (run scripts/fix-lockfile.ts after npm install)", () => {
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    expect(missingOptionalEntries(lock.packages)).toEqual([]);
  });
});
