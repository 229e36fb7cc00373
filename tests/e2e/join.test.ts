/**
 * An organisation asks to join from Cleveland's public page (with JavaScript off, as any visitor
 * may browse), and the coordinator approves it; every page passes axe.
 */
import { describe, expect, it } from "vitest";
import { useAppServer } from "../helpers/app-server";
import { expectAccessible, newPage, signInAs, useBrowser } from "../helpers/browser";

const server = useAppServer({ template: "demo" });
const browser = useBrowser();

describe("asking to join from the public page", () => {
  it("reaches the coordinator, who approves it", async () => {
    const visitor = await newPage(browser(), server().url, { javaScript: false });
    const checker = await newPage(browser(), server().url);
    const coordinator = await newPage(browser(), server().url);
    try {
      await visitor.page.goto("/public/cleveland");
      await visitor.page.getByRole("link", { name: "Ask to join" }).click();
      await checker.page.goto("/public/cleveland/join");
      await expectAccessible(checker.page);
      await visitor.page.getByRole("button", { name: "Send request" }).click();
      await visitor.page.getByRole("heading", { name: "There is a problem" }).waitFor();
      await visitor.page.getByLabel("Your organisation's name").fill("Stockton Street Pastors");
      await visitor.page.getByLabel("Sector").selectOption({ label: "Faith" });
      await visitor.page.getByLabel("Where it works").selectOption({ label: "Stockton-on-Tees" });
      await visitor.page.getByLabel("Your name").fill("Grace Adeyemi");
      await visitor.page.getByLabel("Your email address").fill("grace@streetpastors.example");
      await visitor.page.getByRole("button", { name: "Send request" }).click();
      await visitor.page.getByRole("heading", { name: "Request sent" }).waitFor();

      await signInAs(coordinator.page, "coordinator@cleveland.demo.test");
      await coordinator.page.goto("/p/cleveland/join-requests");
      await coordinator.page.getByRole("heading", { name: "Stockton Street Pastors" }).waitFor();
      await expectAccessible(coordinator.page);
      await coordinator.page.getByRole("button", { name: "Approve and invite Grace Adeyemi" }).click();
      await coordinator.page.getByText("Stockton Street Pastors added as a prospect").waitFor();
      expect(await coordinator.page.getByRole("link", { name: "Stockton Street Pastors" }).count()).toBe(1);
    } finally {
      await Promise.all([visitor.context.close(), checker.context.close(), coordinator.context.close()]);
    }
  });
});
