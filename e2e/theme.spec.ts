import { expect, test, type Page } from "@playwright/test";
import { SEED } from "./helpers";

const ARTICLE = `/news/${SEED.slug}`;
const LIGHT_PAPER = "rgb(253, 252, 249)";
const DARK_PAPER = "rgb(19, 20, 23)";

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const toggle = (page: Page) => page.getByRole("group", { name: "Тема оформления" });

test("with no choice made, the page follows the system's light or dark setting", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(ARTICLE);
  expect(await background(page)).toBe(DARK_PAPER);
  expect(await page.locator("h1").evaluate((h) => getComputedStyle(h).color)).toBe("rgb(232, 230, 225)");
  await page.emulateMedia({ colorScheme: "light" });
  expect(await background(page)).toBe(LIGHT_PAPER);
});

test("the server's HTML is the same for every reader: no theme in it", async ({ request }) => {
  const html = await (await request.get(ARTICLE, { headers: { cookie: "theme=dark" } })).text();
  expect(html).not.toMatch(/<html[^>]*data-theme/);
  // The script that applies the stored theme is inline, in <head>, allowed by its hash (no nonce).
  expect(html).toMatch(
    /<head>(?:(?!<\/head>).)*<script>\(function\([\w,]*\)\{var \w+=\w+\.documentElement;[^<]*\}\)\(document,window,"data-js","theme","data-theme"\)<\/script>/s,
  );
});

test("without JavaScript the toggle is hidden", async ({ page, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, "what readers without JavaScript get");
  await page.goto(ARTICLE);
  await expect(toggle(page)).toBeHidden();
});

test.describe("the theme toggle", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "the toggle needs JavaScript");

  test("a chosen dark theme survives a reload and is applied before the page is shown", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(ARTICLE);
    await expect(toggle(page).getByRole("button", { name: "Как в системе" })).toHaveAttribute("aria-pressed", "true");
    await toggle(page).getByRole("button", { name: "Тёмная" }).click();
    await expect(toggle(page).getByRole("button", { name: "Тёмная" })).toHaveAttribute("aria-pressed", "true");
    expect(await background(page)).toBe(DARK_PAPER);

    const response = await page.reload({ waitUntil: "domcontentloaded" });
    // The HTML itself is the light, shared one …
    expect(await response!.text()).not.toMatch(/<html[^>]*data-theme/);
    // … and by the time the document is parsed, the script in <head> has made it dark.
    expect(await page.evaluate(() => [document.documentElement.getAttribute("data-theme"), getComputedStyle(document.body).backgroundColor])).toEqual([
      "dark",
      DARK_PAPER,
    ]);
    await expect(toggle(page).getByRole("button", { name: "Тёмная" })).toHaveAttribute("aria-pressed", "true");
    await expect(toggle(page).getByRole("button", { name: "Светлая" })).toHaveAttribute("aria-pressed", "false");
  });

  test("light wins over a dark system, and «Как в системе» hands it back", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    expect(await background(page)).toBe(DARK_PAPER);
    await toggle(page).getByRole("button", { name: "Светлая" }).click();
    expect(await background(page)).toBe(LIGHT_PAPER);
    await page.goto("/section/politics", { waitUntil: "domcontentloaded" });
    expect(await background(page)).toBe(LIGHT_PAPER);

    await toggle(page).getByRole("button", { name: "Как в системе" }).click();
    expect(await background(page)).toBe(DARK_PAPER);
    await page.reload({ waitUntil: "domcontentloaded" });
    expect(await page.evaluate(() => [document.documentElement.hasAttribute("data-theme"), localStorage.getItem("theme")])).toEqual([false, null]);
    expect(await background(page)).toBe(DARK_PAPER);
  });
});
