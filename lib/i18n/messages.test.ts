import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import messages from "@/messages/ru.json";

const t = createTranslator({ locale: "ru", messages });

describe("Russian messages", () => {
  it("counts news with the right plural form", () => {
    const count = (n: number) => t("section.count", { count: n });
    expect([1, 3, 5, 11, 12, 21, 22, 25, 101, 111].map(count)).toEqual([
      "1 новость",
      "3 новости",
      "5 новостей",
      "11 новостей",
      "12 новостей",
      "21 новость",
      "22 новости",
      "25 новостей",
      "101 новость",
      "111 новостей",
    ]);
  });

  it("counts search results with the right verb and noun forms", () => {
    const found = (n: number) => t("search.count", { count: n });
    expect([1, 2, 5, 11, 21, 22, 25, 101].map(found)).toEqual([
      "Найдена 1 новость",
      "Найдено 2 новости",
      "Найдено 5 новостей",
      "Найдено 11 новостей",
      "Найдено 21 новость",
      "Найдено 22 новости",
      "Найдено 25 новостей",
      "Найдено 101 новость",
    ]);
    expect(t("tag.count", { count: 3 })).toBe("3 новости");
  });

  it("says how long an article takes to read with the right plural form", () => {
    const time = (n: number) => t("article.readingTime", { minutes: n });
    expect([1, 2, 3, 5, 11, 21, 22, 25].map(time)).toEqual([
      "1 минута чтения",
      "2 минуты чтения",
      "3 минуты чтения",
      "5 минут чтения",
      "11 минут чтения",
      "21 минута чтения",
      "22 минуты чтения",
      "25 минут чтения",
    ]);
  });

  it("fills the article blocks' headings", () => {
    expect(t("article.moreNews", { genitive: "политики" })).toBe("Другие новости политики");
    expect(t("top.title", { genitive: "Беларуси" })).toBe("ТОП-новости Беларуси");
    expect(t("article.source", { name: "Mir24.TV Belarus" })).toBe("Источник материала: Mir24.TV Belarus");
    expect(t("article.photo", { credit: "БелТА" })).toBe("Фото: БелТА");
  });

  it("has no Cyrillic letters lookalikes mixed into Latin words and no empty strings", () => {
    const walk = (o: unknown): string[] => (typeof o === "string" ? [o] : Object.values(o as object).flatMap(walk));
    for (const s of walk(messages)) {
      expect(s.trim()).not.toBe("");
      expect(s).not.toMatch(/[a-z][а-яё]|[а-яё][a-z]/i);
    }
  });
});
