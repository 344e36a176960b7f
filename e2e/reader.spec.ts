import { expect, test, type Page } from "@playwright/test";
import { blockByHeading, countWords, minutesAgo, NBSP, readingTime, SEED } from "./helpers";

const ARTICLE = `/news/${SEED.slug}`;

async function canonicalOf(page: Page): Promise<string> {
  return (await page.locator('link[rel="canonical"]').getAttribute("href"))!;
}

test.describe("sharing an article", () => {
  test("links to VK, Telegram, OK and WhatsApp with the canonical URL and the title, encoded", async ({ page }) => {
    await page.goto(ARTICLE);
    const canonical = await canonicalOf(page);
    expect(canonical).toMatch(/^https?:\/\/[^/]+\/news\/lukashenko-kazakhstan-sco$/);
    const share = page.getByRole("region", { name: "Поделиться" });
    const expected: [RegExp, string, string, string | null][] = [
      // accessible name, endpoint, URL parameter, title parameter
      [/^ВКонтакте \(откроется в новом окне\)$/, "https://vk.com/share.php", "url", "title"],
      [/^Telegram \(откроется в новом окне\)$/, "https://t.me/share/url", "url", "text"],
      [/^Одноклассники \(откроется в новом окне\)$/, "https://connect.ok.ru/offer", "url", "title"],
      [/^WhatsApp \(откроется в новом окне\)$/, "https://wa.me/", "text", null],
    ];
    for (const [name, endpoint, urlParam, titleParam] of expected) {
      const link = share.getByRole("link", { name });
      await expect(link).toHaveAttribute("target", "_blank");
      await expect(link).toHaveAttribute("rel", "noopener noreferrer");
      const href = (await link.getAttribute("href"))!;
      const parsed = new URL(href);
      expect(parsed.origin + parsed.pathname).toBe(endpoint);
      // Encoded in the raw attribute (no bare spaces, Cyrillic or '&' inside a value) …
      expect(href).toContain(`${urlParam}=${encodeURIComponent(titleParam ? canonical : `${SEED.title} ${canonical}`)}`);
      expect(href).not.toMatch(/[\s\u0400-\u04FF«»]/);
      // … and decoding gives back exactly the canonical URL and the typeset title.
      if (titleParam) {
        expect(parsed.searchParams.get(urlParam)).toBe(canonical);
        expect(parsed.searchParams.get(titleParam)).toBe(SEED.title);
      } else {
        expect(parsed.searchParams.get(urlParam)).toBe(`${SEED.title} ${canonical}`);
      }
    }
  });

  test("loads nothing from another origin: no widget scripts, no tracking pixels", async ({ page, baseURL }) => {
    const foreign: string[] = [];
    page.on("request", (r) => {
      if (new URL(r.url()).origin !== new URL(baseURL!).origin && !r.url().startsWith("data:")) foreign.push(`${r.resourceType()} ${r.url()}`);
    });
    await page.goto(ARTICLE, { waitUntil: "networkidle" });
    await expect(page.getByRole("region", { name: "Поделиться" })).toBeVisible();
    expect(foreign).toEqual([]);
    const scripts = await page.locator("script[src]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).src));
    for (const src of scripts) expect(new URL(src).origin).toBe(new URL(baseURL!).origin);
  });

  test("without JavaScript, the copy control is a link to the canonical URL", async ({ page, javaScriptEnabled }) => {
    test.skip(javaScriptEnabled, "what readers without JavaScript get");
    await page.goto(ARTICLE);
    const link = page.getByRole("region", { name: "Поделиться" }).getByRole("link", { name: "Ссылка на новость" });
    await expect(link).toHaveAttribute("href", await canonicalOf(page));
    await expect(page.getByRole("button", { name: "Скопировать ссылку" })).toHaveCount(0);
  });

  test("with JavaScript, the copy button puts the canonical URL on the clipboard and says so", async ({ page, context, baseURL, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, "copying needs JavaScript");
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
    await page.goto(ARTICLE);
    const share = page.getByRole("region", { name: "Поделиться" });
    const status = share.locator('[aria-live="polite"]');
    await expect(status).toHaveText("");
    await share.getByRole("button", { name: "Скопировать ссылку" }).click();
    await expect(status).toHaveText("Ссылка скопирована");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await canonicalOf(page));
  });
});

test.describe("reading time", () => {
  const readingOf = (page: Page) => page.locator("article header").getByTestId("reading-time");

  test("matches the article's words at 180 a minute, in the right plural form", async ({ page }) => {
    for (const slug of [SEED.slug, "march-8-world-traditions", "e2e-long-read", "e2e-fresh"]) {
      await page.goto(`/news/${slug}`);
      const words = countWords(`${await page.locator("article header .lead").innerText()}\n${await page.locator(".article-body").innerText()}`);
      await expect(readingOf(page)).toHaveText(readingTime(Math.max(1, Math.round(words / 180))));
    }
  });

  test("says «1 минута», «3 минуты» and «6 минут» чтения", async ({ page }) => {
    await page.goto("/news/e2e-fresh");
    await expect(readingOf(page)).toHaveText("1 минута чтения");
    await page.goto("/news/march-8-world-traditions");
    await expect(readingOf(page)).toHaveText("3 минуты чтения");
    await page.goto("/news/e2e-long-read");
    await expect(readingOf(page)).toHaveText("6 минут чтения");
  });
});

test.describe("relative times in the news feed", () => {
  test("a story from half an hour ago says how many minutes ago, with the exact time in datetime", async ({ page }) => {
    await page.goto("/");
    const item = blockByHeading(page, "Лента новостей").locator("li").filter({ hasText: "Свежая новость" });
    const time = item.locator("time");
    const published = Date.parse((await time.getAttribute("datetime"))!);
    const elapsed = Math.floor((Date.now() - published) / 60_000);
    expect(elapsed).toBeGreaterThanOrEqual(30);
    const text = await time.innerText();
    // Rendered a moment before this check: the same minute or the one before.
    if (elapsed < 60) expect([minutesAgo(elapsed), minutesAgo(elapsed - 1)]).toContain(text);
    else expect(text).toMatch(/^1 час назад$/);
  });

  test("older stories keep their date and time", async ({ page }) => {
    await page.goto("/");
    const times = await blockByHeading(page, "Лента новостей").locator("li time").allInnerTexts();
    expect(times.length).toBe(25); // HOME_FEED_SIZE
    expect(times.filter((t) => / назад$/.test(t)).length).toBeGreaterThanOrEqual(1);
    for (const t of times.filter((t) => !/ назад$|^вчера, /.test(t))) expect(t).toMatch(/^\d{1,2} [а-я]+( \d{4})?, \d{2}:\d{2}$/);
  });
});

test.describe("Russian typography", () => {
  test("the seed article is typeset: «ёлочки», a non-breaking space before the dash and after short words", async ({ page }) => {
    await page.goto(ARTICLE);
    expect(await page.locator("h1").evaluate((h) => h.textContent)).toBe(SEED.title);
    expect(await page.title()).toBe(`${SEED.title} — Свежий выпуск`);
    const quote = (await page.locator(".article-body blockquote").first().textContent())!;
    expect(quote).toContain(`членом ШОС»,${NBSP}— подчеркнул президент Беларуси.`);
    expect(quote).toMatch(/^\s*«Вы\u00A0сегодня/);
    const body = (await page.locator(".article-body").textContent())!;
    expect(body).toContain(`больше 50${NBSP}предприятий`);
    expect(body).not.toContain(" – ");
  });

  test("structured data carries the same typeset headline", async ({ page }) => {
    await page.goto(ARTICLE);
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    const article = blocks.map((b) => JSON.parse(b)).find((d) => d["@type"] === "NewsArticle");
    expect(article.headline).toBe(SEED.title);
  });
});

test.describe("breadcrumbs", () => {
  const trailOf = async (page: Page) => {
    const nav = page.getByRole("navigation", { name: "Навигационная цепочка" });
    return nav.locator("ol > li").evaluateAll((lis) =>
      lis.map((li) => {
        const a = li.querySelector("a");
        return [li.textContent!.replace(/^›/, "").trim(), a ? a.getAttribute("href") : null, li.querySelector('[aria-current="page"]') !== null] as const;
      }),
    );
  };
  const ldTrail = async (page: Page) => {
    const blocks = await page.locator('script[type="application/ld+json"]').allTextContents();
    const data = blocks.map((b) => JSON.parse(b));
    const list = data.find((d) => d["@type"] === "BreadcrumbList") ?? data.find((d) => d.breadcrumb)?.breadcrumb;
    return (list.itemListElement as { name: string; item: string }[]).map((i) => [i.name, new URL(i.item).pathname]);
  };

  test("an article shows home › section, its structured data's trail up to the article (the h1 names it)", async ({ page }) => {
    await page.goto(ARTICLE);
    expect(await trailOf(page)).toEqual([
      ["Главная", "/", false],
      ["Политика", "/section/politics", false],
    ]);
    expect(await ldTrail(page)).toEqual([
      ["Главная", "/"],
      ["Политика", "/section/politics"],
      [SEED.title, ARTICLE],
    ]);
  });

  test("a section's first page is the current step; on page 2 it links back", async ({ page }) => {
    await page.goto("/section/sport");
    expect(await trailOf(page)).toEqual([
      ["Главная", "/", false],
      ["Спорт", null, true],
    ]);
    expect(await ldTrail(page)).toEqual([
      ["Главная", "/"],
      ["Спорт", "/section/sport"],
    ]);
    await page.goto("/section/sport?page=2");
    expect(await trailOf(page)).toEqual([
      ["Главная", "/", false],
      ["Спорт", "/section/sport", false],
    ]);
  });

  test("a tag page shows home › tag, as its structured data does", async ({ page }) => {
    const path = `/tag/${encodeURIComponent("ШОС")}`;
    await page.goto(path);
    expect(await trailOf(page)).toEqual([
      ["Главная", "/", false],
      ["ШОС", null, true],
    ]);
    expect(await ldTrail(page)).toEqual([
      ["Главная", "/"],
      ["ШОС", path],
    ]);
  });
});

test.describe("printing an article", () => {
  test("leaves the article and hides navigation, sidebars, sharing and the footer", async ({ page }) => {
    await page.goto(ARTICLE);
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    await expect(page.locator("h1")).toBeVisible();
    await expect(page.locator(".article-body")).toBeVisible();
    for (const hidden of [
      page.getByRole("navigation", { name: "Рубрики" }).first(),
      page.getByRole("navigation", { name: "Навигационная цепочка" }),
      page.getByRole("region", { name: "Поделиться" }),
      page.getByRole("navigation", { name: "Соседние новости рубрики" }),
      page.locator("aside"),
      page.locator("footer").last(),
      page.getByRole("link", { name: "Перейти к содержанию" }),
    ]) {
      await expect(hidden).toBeHidden();
    }
    // Dark serif type on white, whatever the screen theme, and the source's address in print.
    const style = await page.locator("body").evaluate((b) => {
      const s = getComputedStyle(b);
      return { color: s.color, background: getComputedStyle(document.documentElement).backgroundColor, font: s.fontFamily };
    });
    expect(style.color).toBe("rgb(0, 0, 0)");
    expect(style.background).toBe("rgb(255, 255, 255)");
    expect(style.font).toMatch(/serif/i);
    const after = await page.getByRole("link", { name: "(оригинал новости)" }).evaluate((a) => getComputedStyle(a, "::after").content);
    expect(after).toContain("https://mir24.tv/news/16588420");
  });
});
