import { expect, test } from "@playwright/test";
import { SEED } from "./helpers";

/**
 * Pages with the inline scripts (theme, toggle, copy link) and server-rendered relative times.
 * Pages ship without Next's client runtime (lib/server/strip-runtime.mjs), so nothing hydrates
 * today; this keeps it that way safely: should a client component come back, a mismatch, a script
 * blocked by the CSP or any other error logged in the browser fails here.
 */
const PAGES = [
  "/",
  `/news/${SEED.slug}`,
  "/news/e2e-fresh",
  "/news/e2e-partner-river-port",
  "/section/world",
  "/section/sport?page=2",
  "/source/vestnik-polesya",
  "/news",
  "/no-such-page",
];

test.describe("hydration", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "hydration happens only with JavaScript");

  test("no page logs a hydration error, or any error or warning, with a stored theme", async ({ page }) => {
    const messages: string[] = [];
    page.on("console", (m) => {
      // The 404 page's own status is logged by Chromium as a failed resource; that one is expected.
      if (page.url().endsWith("/no-such-page") && /status of 404/.test(m.text()) && m.location().url.endsWith("/no-such-page")) return;
      if (m.type() === "error" || m.type() === "warning") messages.push(`${page.url()} ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => messages.push(`${page.url()} pageerror: ${e.message}`));

    // A stored choice makes <html> differ from the server's markup (the head script sets it).
    await page.goto("/");
    await page.evaluate(() => localStorage.setItem("theme", "dark"));

    for (const path of PAGES) {
      const response = await page.goto(path);
      // The toggle shows the stored choice once its script has run.
      await expect(page.getByRole("button", { name: "Тёмная" })).toHaveAttribute("aria-pressed", "true");
      // Times are rendered once, on the server: the browser shows exactly the server's text.
      // (Read from the response of this very navigation: one render, one instant.)
      const served = [...(await response!.text()).matchAll(/<time[^>]*>([^<]*)<\/time>/g)].map((m) => m[1]!.replace(/&nbsp;/g, "\u00A0"));
      expect(await page.locator("time").allTextContents()).toEqual(served);
    }
    expect(messages.filter((m) => /hydrat|did not match|mismatch|#418|#423|#425/i.test(m))).toEqual([]);
    expect(messages).toEqual([]);
  });
});
