import { expect, test, type Locator, type Page } from "@playwright/test";
import { SEED } from "./helpers";

/*
 * Issue 19's layout, measured as a reader sees it: boxes at a phone's (390 px), a tablet's (820 px)
 * and a desktop's (1366 px) width. Each test names the width it checks.
 */

const PHONE = { width: 390, height: 844 };
const TABLET = { width: 820, height: 1180 };
const DESKTOP = { width: 1366, height: 900 };
const ARTICLE = `/news/${SEED.slug}`;

/** The header's section menu (the footer has a list of sections too). */
const menuOf = (page: Page) => page.getByRole("banner").getByRole("navigation", { name: "Рубрики" });
const box = async (locator: Locator) => (await locator.boundingBox())!;

test.describe("cards on a phone", () => {
  test.use({ viewport: PHONE });

  for (const path of ["/", "/section/politics", "/tag/%D0%A8%D0%9E%D0%A1", "/news"]) {
    test(`keep a headline beside a thumbnail at the card's full width on ${decodeURIComponent(path)}`, async ({ page }) => {
      await page.goto(path);
      const cards = page
        .locator("main article")
        .filter({ has: page.locator("img") })
        .filter({ has: page.locator("h2 a, h3 a") });
      const n = await cards.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) {
        const card = cards.nth(i);
        const heading = card.locator("h2, h3").first();
        const [c, h] = [await box(card), await box(heading)];
        // Beside the thumbnail the seed story's headline had ~210 of 358 px: seven lines.
        expect(h.width, await heading.innerText()).toBeGreaterThanOrEqual(c.width * 0.9);
      }
    });
  }
});

test("on a desktop every card's time and headline start at its left edge, with a thumbnail or without", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  await page.goto("/news");
  const offsets = await page
    .locator("main article")
    .evaluateAll((cards) =>
      cards.map((c) =>
        [c.querySelector("time"), c.querySelector("h2, h3")].map((e) => Math.round(e!.getBoundingClientRect().left - c.getBoundingClientRect().left)),
      ),
    );
  expect(offsets.length).toBeGreaterThan(10);
  // Auto-placed in the card's grid, a headline without a thumbnail went beside its time.
  expect(offsets.flat().filter((x) => x !== 0)).toEqual([]);
});

test.describe("where the reader is", () => {
  test("the article being read is marked, not an unmarked link to itself, in the feed and the top news", async ({ page }) => {
    // The newest story: always in the sidebar's feed.
    await page.goto("/news");
    const href = (await page.locator("main article h3 a").first().getAttribute("href"))!;
    await page.goto(href);
    const feed = page.locator("aside section[aria-labelledby=news-feed-title]");
    await expect(feed.locator(`a[href="${href}"]`)).toHaveAttribute("aria-current", "page");
    // Only the page itself: every other link in the sidebar is plain.
    const marked = await page.locator("aside a[aria-current]").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(new Set(marked)).toEqual(new Set([href]));
  });

  test("the seed story is marked in «ТОП-новости» and its section in the menu", async ({ page }) => {
    await page.goto(ARTICLE);
    const top = page.locator("aside section[aria-labelledby=top-news-title]");
    // The seed story is one of the demo's top stories.
    await expect(top.locator(`a[href="${ARTICLE}"]`)).toHaveAttribute("aria-current", "page");
    const menu = menuOf(page);
    await expect(menu.getByRole("link", { name: "Политика", exact: true })).toHaveAttribute("aria-current", "true");
    await expect(menu.locator("a[aria-current]")).toHaveCount(1);
    // A style, not only an attribute: the marked item is underlined, the others are not.
    const decoration = (name: string) => menu.getByRole("link", { name, exact: true }).evaluate((a) => getComputedStyle(a).textDecorationLine);
    expect(await decoration("Политика")).toBe("underline");
    expect(await decoration("Спорт")).toBe("none");
  });

  test("the menu marks the section page and the feed as the current page", async ({ page }) => {
    const menu = menuOf(page);
    await page.goto("/section/sport");
    await expect(menu.getByRole("link", { name: "Спорт", exact: true })).toHaveAttribute("aria-current", "page");
    await page.goto("/section/sport?page=2");
    await expect(menu.getByRole("link", { name: "Спорт", exact: true })).toHaveAttribute("aria-current", "true");
    await page.goto("/news");
    await expect(menu.getByRole("link", { name: "Все новости" })).toHaveAttribute("aria-current", "page");
    await expect(menu.locator("a[aria-current]")).toHaveCount(1);
    await page.goto("/");
    await expect(menu.locator("a[aria-current]")).toHaveCount(0);
  });
});

test("the home page's main column names each story once", async ({ page }) => {
  await page.goto("/");
  const column = page.locator("main .grid > div").first();
  // One link per story: the main story's headline, each top card's, each section block's item.
  const hrefs = await column
    .locator("#main-story a, section[aria-labelledby=top-title] article h3 a, section[aria-labelledby^=section-] li a")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  expect(hrefs.length).toBeGreaterThan(20);
  expect(hrefs.filter((h, i) => hrefs.indexOf(h) !== i)).toEqual([]);
});

test.describe("the section menu", () => {
  for (const viewport of [TABLET, DESKTOP]) {
    test(`stays on one line at ${viewport.width} px`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto("/");
      const tops = await menuOf(page)
        .locator("li")
        .evaluateAll((lis) => lis.map((li) => Math.round(li.getBoundingClientRect().top)));
      expect(tops.length).toBe(8);
      expect(new Set(tops).size).toBe(1);
    });
  }

  test("on a phone keeps «Все новости» in view and shows that more sections follow", async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto("/");
    const menu = menuOf(page);
    const all = menu.getByRole("link", { name: "Все новости" });
    const b = await box(all);
    expect(b.x).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width).toBeLessThanOrEqual(PHONE.width);
    // Nothing covers it: the point at its centre is the link itself.
    expect(await all.evaluate((a, [x, y]) => a.contains(document.elementFromPoint(x!, y!)), [b.x + b.width / 2, b.y + b.height / 2])).toBe(true);
    // The sections scroll under it, fading out (a gradient on its left edge).
    const fade = await all.evaluate((a) => getComputedStyle(a.parentElement!, "::before").backgroundImage);
    expect(fade).toContain("gradient");
  });
});

test.describe("an article's measure", () => {
  const charactersPerLine = (page: Page) =>
    page.locator(".article-body p").evaluateAll((ps) => {
      // The longest paragraph, line by line: each character's line is its box's top.
      const p = ps.reduce((a, b) => ((b.textContent ?? "").length > (a.textContent ?? "").length ? b : a));
      const text = p.firstChild as Text;
      const perLine = new Map<number, number>();
      const range = document.createRange();
      for (let i = 0; i < text.length; i++) {
        range.setStart(text, i);
        range.setEnd(text, i + 1);
        const top = Math.round(range.getBoundingClientRect().top);
        perLine.set(top, (perLine.get(top) ?? 0) + 1);
      }
      return Math.max(...perLine.values());
    });

  for (const viewport of [TABLET, DESKTOP]) {
    test(`stays within ~75 characters a line at ${viewport.width} px`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(ARTICLE);
      // ~100 on a tablet before; 60–75 is the aim, with a little room for the fallback font.
      const n = await charactersPerLine(page);
      expect(n).toBeLessThanOrEqual(78);
      expect(n).toBeGreaterThanOrEqual(50);
    });
  }
});

test("a first visit, set in the fallback font, lays out an article's text as a later one does", async ({ browser, baseURL }) => {
  for (const path of [ARTICLE, "/news/harvest-plans-2024"]) {
    const heights: number[] = [];
    let lineHeight = 0;
    for (const first of [true, false]) {
      const context = await browser.newContext({ baseURL: baseURL!, viewport: PHONE });
      const page = await context.newPage();
      // A first visit whose fonts do not arrive in time: font-display optional keeps the fallback.
      if (first) await page.route(/\.woff2(\?|$)/, (route) => route.abort());
      await page.goto(path);
      if (!first) {
        // A later visit: the fonts are in the cache, so the page starts in PT Serif.
        await page.evaluate(() => document.fonts.ready);
        await page.goto(path);
        await page.evaluate(() => document.fonts.ready);
        expect(await page.evaluate(() => [...document.fonts].some((f) => f.status === "loaded" && f.family.includes("serifCyrillic")))).toBe(true);
      }
      // The lead and the body: the bulk of the page (a headline may break a line differently where
      // one face fits a line within a pixel and the other does not; app/globals.css).
      heights.push((await box(page.locator(".lead"))).height + (await box(page.locator(".article-body"))).height);
      lineHeight = await page
        .locator(".article-body p")
        .first()
        .evaluate((p) => parseFloat(getComputedStyle(p).lineHeight));
      await context.close();
    }
    // The seed story's body ran 129 px shorter at 390 px before the fallback was metric-matched:
    // four lines. One line is allowed: a line that fits within a pixel in one face and not the
    // other breaks differently, as a headline may. Measured over the seven demo articles with
    // quotations at 360, 390 and 412 px, 3 of 21 quotation sets differed by one line, italic or
    // upright alike (1 December); none by more.
    expect(Math.abs(heights[0]! - heights[1]!), path).toBeLessThanOrEqual(lineHeight + 4);
  }
});

test("the article's breadcrumb stops at its section instead of repeating the headline", async ({ page }) => {
  await page.goto(ARTICLE);
  const trail = page.getByRole("navigation", { name: "Навигационная цепочка" });
  await expect(trail).not.toContainText(SEED.title.slice(0, 20));
  await expect(trail.getByRole("link")).toHaveText(["Главная", "Политика"]);
});

test.describe("touch targets", () => {
  test("tags, breadcrumb links and the theme buttons are at least 24 px high; the theme choice has a visible label", async ({ page, javaScriptEnabled }) => {
    await page.setViewportSize(PHONE);
    await page.goto(ARTICLE);
    const targets = [
      page.getByRole("list", { name: "Теги" }).getByRole("link"),
      page.getByRole("navigation", { name: "Навигационная цепочка" }).getByRole("link"),
    ];
    // The theme buttons show only with JavaScript (they need it to work).
    const theme = page.getByRole("group", { name: "Тема оформления" });
    if (javaScriptEnabled) {
      targets.push(theme.getByRole("button"));
      await expect(theme.getByText("Тема", { exact: true })).toBeVisible();
    }
    for (const target of targets) {
      const n = await target.count();
      expect(n).toBeGreaterThan(0);
      for (let i = 0; i < n; i++) expect((await box(target.nth(i))).height, await target.nth(i).innerText()).toBeGreaterThanOrEqual(24);
    }
  });
});

test("the sidebar's last block stays in view down a long page on a desktop", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  for (const [path, block] of [
    ["/", "section[aria-labelledby=partners-title]"],
    ["/news", "section[aria-labelledby=top-news-title]"],
    [ARTICLE, "section[aria-labelledby=top-news-title]"],
  ] as const) {
    await page.goto(path);
    const column = await box(page.locator("main .grid > div").first());
    // Scrolled to the end of the main column: before, the sidebar had ended up to ~2,700 px above.
    await page.evaluate((y) => window.scrollTo(0, y), column.y + column.height - DESKTOP.height);
    const b = await page.locator(block).evaluate((e) => e.getBoundingClientRect().toJSON() as DOMRect);
    expect(b.top, path).toBeGreaterThanOrEqual(0);
    expect(b.bottom, path).toBeLessThanOrEqual(DESKTOP.height);
  }
});

test("the 404 page's footer reaches the bottom of a desktop window", async ({ page }) => {
  await page.setViewportSize(DESKTOP);
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  const footer = await box(page.locator("footer"));
  expect(footer.y + footer.height).toBeGreaterThanOrEqual(DESKTOP.height - 1);
});

test("print: no search form or tags; the article's own address is printed", async ({ page }) => {
  await page.goto(ARTICLE);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("search").first()).toBeHidden();
  await expect(page.getByRole("list", { name: "Теги" })).toBeHidden();
  const address = page.getByTestId("print-address");
  await expect(address).toBeVisible();
  await expect(address).toContainText(ARTICLE);
  await page.emulateMedia({ media: "screen" });
  await expect(address).toBeHidden();
});
