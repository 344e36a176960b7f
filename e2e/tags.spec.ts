import { expect, test } from "@playwright/test";
import { datetimes, isSortedNewestFirst, SEED } from "./helpers";

// Fixtures: the 21 airship stories of e2e/prepare-content.mjs carry «Воздухоплавание» (one of them
// spelt «ВОЗДУХОПЛАВАНИЕ»); e2e-search-forms.md carries «Ксилофон».
const AIR = "/tag/%D0%92%D0%BE%D0%B7%D0%B4%D1%83%D1%85%D0%BE%D0%BF%D0%BB%D0%B0%D0%B2%D0%B0%D0%BD%D0%B8%D0%B5";
const cards = (page: import("@playwright/test").Page) => page.locator("main article");

test("a tag page lists the tag's articles newest first, 20 a page, with a count", async ({ page }) => {
  const res = await page.goto(AIR);
  expect(res?.status()).toBe(200);
  await expect(page.locator("h1")).toHaveText("Воздухоплавание");
  await expect(page).toHaveTitle("Новости по тегу «Воздухоплавание» — Свежий выпуск");
  await expect(page.getByTestId("tag-count")).toHaveText("21 новость");
  await expect(cards(page)).toHaveCount(20);
  await expect(cards(page).first()).toContainText("Рейс дирижабля номер 21");
  expect(isSortedNewestFirst(await datetimes(page.locator("main > div > div").first()))).toBe(true);

  const next = page.getByRole("navigation", { name: "Страницы" }).getByRole("link", { name: /Вперёд/ });
  await expect(next).toHaveAttribute("href", `${AIR}?page=2`);
  await next.click();
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page)).toContainText("Рейс дирижабля номер 1");
  await expect(page).toHaveTitle("Новости по тегу «Воздухоплавание» — страница 2 — Свежий выпуск");
});

test("a Cyrillic tag URL works, with canonical, breadcrumbs and a collection in structured data", async ({ page }) => {
  const res = await page.goto("/tag/%D0%A8%D0%9E%D0%A1");
  expect(res?.status()).toBe(200);
  await expect(page.locator("h1")).toHaveText("ШОС");
  await expect(cards(page).getByRole("link", { name: SEED.title })).toHaveAttribute("href", `/news/${SEED.slug}`);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", /\/tag\/%D0%A8%D0%9E%D0%A1$/);
  const data = (await page.locator('script[type="application/ld+json"]').allTextContents()).map((t) => JSON.parse(t));
  const collection = data.find((d) => d["@type"] === "CollectionPage");
  expect(collection).toMatchObject({ name: "ШОС", url: expect.stringMatching(/\/tag\/%D0%A8%D0%9E%D0%A1$/) });
  expect(collection.breadcrumb.itemListElement.map((i: { name: string }) => i.name)).toEqual(["Главная", "ШОС"]);
});

test("other spellings of a tag redirect permanently to its one URL", async ({ request }) => {
  for (const variant of ["/tag/%D1%88%D0%BE%D1%81", "/TAG/%D0%A8%D0%9E%D0%A1"]) {
    const res = await request.get(variant, { maxRedirects: 0 });
    expect(res.status(), variant).toBe(308);
    expect(res.headers().location).toMatch(/\/tag\/%D0%A8%D0%9E%D0%A1$/);
  }
  // «Могилёв» spelt with е, and the upper-case spelling one airship story uses.
  const mogilev = await request.get(`/tag/${encodeURIComponent("могилев")}`, { maxRedirects: 0 });
  expect(mogilev.headers().location).toMatch(new RegExp(`/tag/${encodeURIComponent("Могилёв")}$`));
  const upper = await request.get(`/tag/${encodeURIComponent("ВОЗДУХОПЛАВАНИЕ")}`, { maxRedirects: 0 });
  expect(upper.headers().location).toMatch(new RegExp(`${AIR}$`));
});

test("unknown tags, tags of unpublished articles and pages past the end get the 404 page", async ({ page }) => {
  for (const bad of ["/tag/nope", `${AIR}?page=3`, `${AIR}?page=0`, "/tag/%FF", "/tag/", "/tag/%D0%A8%D0%9E%D0%A1/x"]) {
    const res = await page.goto(bad);
    expect(res?.status(), bad).toBe(404);
    await expect(page.locator("h1")).toHaveText("Страница не найдена");
  }
});

test("an article's tags link to their pages", async ({ page }) => {
  await page.goto("/news/e2e-search-forms");
  const tags = page.getByRole("list", { name: "Теги" });
  await expect(tags.getByRole("link")).toHaveText(["Ксилофон", "Гастроли"]);
  await tags.getByRole("link", { name: "Ксилофон" }).click();
  await expect(page).toHaveURL(/\/tag\/%D0%9A%D1%81%D0%B8%D0%BB%D0%BE%D1%84%D0%BE%D0%BD$/);
  await expect(page.locator("h1")).toHaveText("Ксилофон");
  await expect(page.getByTestId("tag-count")).toHaveText("1 новость");
  await expect(cards(page).getByRole("link", { name: "Ксилофонисты завершили гастроли" })).toBeVisible();
});

test("tags with markup in them are shown as text and have working pages", async ({ page }) => {
  await page.goto("/news/e2e-feed-escaping");
  const tags = page.getByRole("list", { name: "Теги" });
  await expect(tags.getByRole("link")).toHaveText(["A&B", "<тег>"]);
  await tags.getByRole("link", { name: "<тег>" }).click();
  await expect(page.locator("h1")).toHaveText("<тег>");
  await expect(page).toHaveURL(/\/tag\/%3C%D1%82%D0%B5%D0%B3%3E$/);
});
