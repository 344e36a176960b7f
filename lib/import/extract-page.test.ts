import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { extractArticle, MAX_PAGE_CHARS } from "./extract-page";
import { htmlToMarkdown } from "./html-to-markdown";
import { ImportError } from "./types";

const PAGE_URL = "https://vv.example/society/2024/03/04/most.html";
const page = readFileSync(path.join(import.meta.dirname, "fixtures", "partner-page.html"), "utf8");

describe("extractArticle", () => {
  const article = extractArticle(page, PAGE_URL);

  it("keeps the article's paragraphs and subheading", () => {
    expect(article).toBeDefined();
    expect(article!.html).toContain("Движение по новому мосту через Волгу в Самаре запустили в понедельник утром.");
    expect(article!.html).toContain("«Мы ждали этого дня очень долго.");
    expect(article!.html).toContain("Что изменится для водителей");
    expect(article!.html).toContain("до восьмидесяти тысяч автомобилей в сутки.");
  });

  it("leaves out the menu, sidebar, footer, cookie banner, comments, share buttons and scripts", () => {
    const html = article!.html;
    for (const chrome of [
      "Экономика",
      "Популярное",
      "Цены на бензин",
      "Все права защищены",
      "О редакции",
      "файлы cookie",
      "Комментарии",
      "Наконец-то",
      "ВКонтакте",
      "Telegram",
      "Реклама",
      "Поиск по сайту",
      "dataLayer",
      "track()",
      "<script",
      "onclick",
    ]) {
      expect(html, chrome).not.toContain(chrome);
    }
  });

  it("takes the title and the og:image, made absolute; resolves the article's own images", () => {
    expect(article!.title).toBe("В Самаре открыли новый мост через Волгу");
    expect(article!.image).toBe("https://vv.example/media/2024/03/most-og.jpg");
    expect(article!.html).toContain('src="https://vv.example/media/2024/03/most.jpg"');
  });

  it("gives a body the importer can use", () => {
    const { markdown, images } = htmlToMarkdown(article!.html, PAGE_URL);
    expect(images).toEqual([{ url: "https://vv.example/media/2024/03/most.jpg", alt: "Новый мост" }]);
    expect(markdown.split("\n\n")[0]).toBe(
      "Движение по новому мосту через Волгу в Самаре запустили в понедельник утром. Первыми по нему проехали рейсовые автобусы и машины скорой помощи, сообщили в мэрии города.",
    );
    expect(markdown).toContain("## Что изменится для водителей");
  });

  it("finds nothing in a page without an article", () => {
    const teaser = "<html><head><title>Ошибка</title></head><body><nav><a href='/'>Главная</a></nav><p>Страница не найдена.</p></body></html>";
    expect(extractArticle(teaser, PAGE_URL)).toBeUndefined();
    expect(extractArticle("", PAGE_URL)).toBeUndefined();
    expect(extractArticle("просто текст", PAGE_URL)).toBeUndefined();
  });

  it("reads an article given without <html> around it", () => {
    const body = page.slice(page.indexOf('<div class="article__body">'), page.indexOf('<div class="tags">'));
    expect(extractArticle(body, PAGE_URL)?.html).toContain("Строительство продолжалось четыре года.");
  });

  it("has no image when the page offers none that is on the web", () => {
    const noOg = page.replace(/<meta property="og:image"[^>]*>/, '<meta property="og:image" content="javascript:alert(1)">');
    expect(extractArticle(noOg, PAGE_URL)?.image).toBeUndefined();
  });

  it("refuses a page over 5 MB before parsing it", () => {
    const huge = "<p>" + "а".repeat(MAX_PAGE_CHARS) + "</p>";
    expect(() => extractArticle(huge, PAGE_URL)).toThrow(ImportError);
  });
});
