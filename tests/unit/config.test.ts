/**
 * The environment has one reader (app/modules/platform/config.server.ts): defaults, every bad value
 * named at once, an empty value as unset, and the README's table listing exactly its variables.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, ConfigError, parseConfig } from "~/modules/platform/config.server";

describe("the environment", () => {
  it("has defaults for a fresh machine", () => {
    const config = parseConfig({});
    expect(config).toMatchObject({ NODE_ENV: "production", PORT: 3000, GT_SEED_DEMO: "1", GT_LIVE_CACHE: "on", GT_REMINDERS_EVERY_MINUTES: 60, ALLOW_INSECURE_HTTP: false });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(parseConfig({ DATABASE_URL: "", PORT: " " }).DATABASE_URL).toBeUndefined();
    expect(parseConfig({ APP_ORIGIN: "https://gt.example.org/some/path" }).APP_ORIGIN).toBe("https://gt.example.org");
  });

  it("names every bad variable at once, with what it was", () => {
    let error: unknown;
    try {
      parseConfig({ PORT: "eighty", APP_ORIGIN: "gt.example.org", DATABASE_URL: "mysql://x", SMTP_URL: "http://mail", GT_LIVE_CACHE: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    for (const name of ["PORT", "APP_ORIGIN", "DATABASE_URL", "SMTP_URL", "GT_LIVE_CACHE"]) expect(problems).toContain(name);
    expect(problems).toContain('"eighty"');
  });

  it("is listed in the README's Configuration table, every variable and no other of the app's", () => {
    const readme = fs.readFileSync(path.resolve("README.md"), "utf8");
    const table = readme.split("## Configuration")[1].split("\n## ")[0];
    const listed = [...table.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    for (const name of CONFIG_VARIABLES) expect(listed, name).toContain(name);
    // Beside the app's: the test runner's own.
    expect(listed.filter((name) => !(CONFIG_VARIABLES as string[]).includes(name)).sort()).toEqual(["CHROMIUM_PATH", "TEST_DATABASE_URL"]);
  });
});
