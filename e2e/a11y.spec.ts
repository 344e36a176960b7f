import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEFAULT_TIME_ZONE } from "../lib/content/validate";
import { SEED } from "./helpers";

/**
 * Every page type; a new one added here gets every check below. `scripted`: also checked with
 * JavaScript on. Our scripts change the same parts of every page (the theme, its toggle and the
 * consent form of the layout: home stands for them) and an article's «copy link» button; the
 * rest of a page is the same DOM with JavaScript on or off, which the no-js run checks on every
 * page. A page's load and its axe runs take 10–15 s in CI, and CI's whole run must stay under
 * 30 minutes.
 */
export const A11Y_PAGES: { name: string; path: string; status?: number; scripted?: true }[] = [
  { name: "home", path: "/", scripted: true },
  { name: "article with a photo", path: `/news/${SEED.slug}`, scripted: true },
  { name: "section", path: "/section/politics" },
  { name: "section, page 2", path: "/section/sport?page=2" },
  { name: "news feed", path: "/news" },
  { name: "search results", path: `/search?q=${encodeURIComponent("Минск")}`, scripted: true },
  { name: "tag", path: `/tag/${encodeURIComponent("ШОС")}` },
  { name: "partner", path: "/source/vestnik-polesya" },
  { name: "partner without articles", path: "/source/e2e-partner-quiet" },
  { name: "article from a partner, also reported by others", path: "/news/e2e-partner-river-port", scripted: true },
  { name: "404", path: "/no-such-page", status: 404, scripted: true },
  { name: "search without results", path: `/search?q=${encodeURIComponent("несуществующееслово")}` },
];

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

async function open(page: Page, path: string, status = 200) {
  const response = await page.goto(path);
  expect(response?.status()).toBe(status);
}

/**
 * axe runs as a script in the page, which a page with JavaScript off cannot do. For the no-js
 * project the page is opened with JavaScript on but served without its scripts (structured data
 * kept): the DOM is then the one readers without JavaScript get.
 */
async function pageFor(browser: Browser, page: Page, javaScriptEnabled: boolean, baseURL: string): Promise<Page> {
  if (javaScriptEnabled) return page;
  // A context of its own (axe opens a second page in it to assemble its results); the project's
  // defaults would turn JavaScript off in it too.
  const context = await browser.newContext({ baseURL, locale: "ru-RU", timezoneId: DEFAULT_TIME_ZONE, javaScriptEnabled: true });
  const scriptless = await context.newPage();
  await scriptless.route("**/*", async (route) => {
    const type = route.request().resourceType();
    if (type === "script") return route.abort();
    if (type !== "document") return route.continue();
    const response = await route.fetch();
    const body = (await response.text()).replace(/<script(?![^>]*application\/ld\+json)[^>]*>[\s\S]*?<\/script>/g, "");
    return route.fulfill({ response, body });
  });
  return scriptless;
}

/**
 * The dark theme changes colours only (app/globals.css: custom properties and `dark:` colour
 * utilities, nothing shown or hidden), so in it a page without our scripts can only fail the
 * rules that read colours; every other rule sees the same DOM as in the light theme. With
 * JavaScript on, the page is loaded again in the dark theme and checked in full, in case a script
 * reads the system's theme.
 */
const COLOUR_RULES = ["color-contrast", "link-in-text-block"];

/** Landmarks, a skip link and one h1 with no skipped heading levels. */
async function checkStructure(page: Page) {
  await expect(page.getByRole("banner")).toHaveCount(1);
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("contentinfo")).toHaveCount(1);
  await expect(page.getByRole("navigation", { name: "Рубрики" }).first()).toBeAttached();
  // Landmarks of one role need distinct names (axe's best-practice landmark-unique, outside the
  // WCAG tags above): the header and the footer both list the sections.
  const navigations = await page.locator("nav").evaluateAll((ns) => ns.map((n) => n.getAttribute("aria-label") ?? ""));
  expect(new Set(navigations).size, navigations.join(" | ")).toBe(navigations.length);
  await expect(page.getByRole("link", { name: "Перейти к содержанию" })).toHaveAttribute("href", "#main");
  await expect(page.locator("main#main")).toHaveCount(1);
  const levels = await page.locator("h1, h2, h3, h4, h5, h6").evaluateAll((hs) => hs.map((h) => Number(h.tagName[1])));
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  expect(levels[0]).toBe(1);
  levels.forEach((level, i) => i > 0 && expect(level, `heading ${i} after h${levels[i - 1]}`).toBeLessThanOrEqual(levels[i - 1]! + 1));
}

/** axe's violations, as lines; passes and the rest are not collected (they cost most of a run). */
async function violationsOf(page: Page, rules?: string[]): Promise<string[]> {
  const builder = new AxeBuilder({ page }).options({ resultTypes: ["violations"] });
  const { violations } = await (rules ? builder.withRules(rules) : builder.withTags(WCAG_TAGS)).analyze();
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

for (const { name, path, status, scripted } of A11Y_PAGES) {
  test(`the ${name} has landmarks, a skip link, one h1 with no skipped heading levels, and no WCAG 2.2 AA violations for axe in either theme`, async ({
    browser,
    page: own,
    javaScriptEnabled,
    baseURL,
  }) => {
    test.skip(javaScriptEnabled && !scripted, "no script of ours changes this page's own part: the no-js run checks it");
    // One page load for every check of the page: each load and axe run takes seconds in CI.
    // axe checks every node's colours; long lists take a while on a busy machine.
    test.setTimeout(90_000);
    const page = await pageFor(browser, own, javaScriptEnabled, baseURL!);
    try {
      await page.emulateMedia({ colorScheme: "light" });
      await open(page, path, status);
      if (!javaScriptEnabled) expect(await page.evaluate(() => document.documentElement.hasAttribute("data-js"))).toBe(false);
      await checkStructure(page);
      expect(await violationsOf(page), "light theme").toEqual([]);
      await page.emulateMedia({ colorScheme: "dark" });
      if (javaScriptEnabled) await open(page, path, status);
      // The page really is dark now: its background follows the system's theme.
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("dark");
      expect(await violationsOf(page, javaScriptEnabled ? undefined : COLOUR_RULES), "dark theme").toEqual([]);
    } finally {
      if (page !== own) await page.context().close();
    }
  });
}

test("axe finds no violations in the dark theme chosen on the toggle over a light system", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "the toggle needs JavaScript");
  await page.emulateMedia({ colorScheme: "light" });
  await open(page, `/news/${SEED.slug}`);
  await page.getByRole("button", { name: "Тёмная" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("keyboard only: skip link, an article from the home page, and back", async ({ page, javaScriptEnabled }) => {
  test.skip(!javaScriptEnabled, "Playwright's keyboard drives the page through its scripts");
  await page.goto("/");

  // The first Tab reaches the skip link, which becomes visible, and Enter moves focus to <main>.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Перейти к содержанию" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();

  // The next Tab is inside the content: the main story's headline, with a visible focus ring.
  await page.keyboard.press("Tab");
  const link = page.locator(":focus");
  await expect(link).toHaveAttribute("href", /^\/news\/[a-z0-9-]+$/);
  expect(await link.evaluate((el) => el.closest("main") !== null)).toBe(true);
  expect(await link.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
  const href = (await link.getAttribute("href"))!;
  const title = await link.innerText();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(href);
  await expect(page.locator("h1")).toHaveText(title);

  // Back with the keyboard: skip link, then the first link in the content is the breadcrumb home.
  await page.keyboard.press("Tab");
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  const home = page.getByRole("navigation", { name: "Навигационная цепочка" }).getByRole("link", { name: "Главная" });
  await expect(home).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/$/);

  // And with the browser's Back: the article again, focus on nothing hidden, and Tab still works.
  // (The skip link added #main to the article's history entry.)
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`${href}(#main)?$`));
  const active = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el === null || el === document.body ? "body" : el.checkVisibility() ? "visible" : "hidden";
  });
  expect(["body", "visible"]).toContain(active);
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => (document.activeElement as HTMLElement).checkVisibility())).toBe(true);
});
