/**
 * Debian's Chromium driven by playwright-core, and axe-core for WCAG 2.2 AA checks.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { DEMO_PASSWORD } from "./http-client";
import { codeFor } from "./two-factor";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--disable-dev-shm-usage",
    ],
  });
}

/** One browser for the test file. */
export function useBrowser() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("The browser starts in beforeAll");
    return browser;
  };
}

export async function newPage(browser: Browser, baseURL: string, options: { javaScript?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: options.javaScript ?? true, reducedMotion: "reduce" });
  const page = await context.newPage();
  return { context, page };
}

/**
 * Signs in through the pages, with the code step for an account that has two-factor sign-in (the
 * demo's published secret unless `secret` names the one a test enrolled).
 */
export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD, options: { secret?: string } = {}) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== "/login"), page.getByRole("button", { name: "Sign in" }).click()]);
  // With JavaScript the address changes before the new page renders: wait for the form to go.
  await page.locator("#f-password").waitFor({ state: "detached" });
  if (new URL(page.url()).pathname === "/login/code") {
    await page.getByLabel("Code", { exact: true }).fill(codeFor(options.secret));
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith("/login")), page.getByRole("button", { name: "Continue" }).click()]);
    await page.locator("#f-code").waitFor({ state: "detached" });
  }
}

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** Runs axe on the page as it is now; returns violations in a readable form. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluate() is not subject to the page's CSP, so axe can be injected without loosening it.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    async (tags) =>
      (
        await (window as unknown as { axe: { run: (ctx: unknown, options: unknown) => Promise<{ violations: unknown[] }> } }).axe.run(document, {
          runOnly: { type: "tag", values: tags },
        })
      ).violations,
    WCAG_TAGS,
  )) as AxeViolation[];
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function expectAccessible(page: Page) {
  expect(await axeViolations(page), `axe violations on ${page.url()}`).toEqual([]);
}
