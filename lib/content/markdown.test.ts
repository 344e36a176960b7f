import { describe, expect, it } from "vitest";
import { countMarkdownWords, firstParagraphOf, parsedFirstParagraph, passageTextOf, plainTextOf, renderBody } from "./markdown";

describe("renderBody", () => {
  it("renders paragraphs, emphasis, links, lists, blockquotes and subheadings", () => {
    const md = [
      "Первый *абзац* и **главное**, [ссылка](https://example.org/a).",
      "",
      "## Подзаголовок",
      "",
      "- один",
      "- два",
      "",
      "1. первый",
      "",
      "> «Цитата», – сказал он.",
    ].join("\n");
    const { html } = renderBody(md, { takeLead: false });
    expect(html).toContain("<p>Первый <em>абзац</em> и\u00A0<strong>главное</strong>, <a href=\"https://example.org/a\" rel=\"noopener noreferrer\">ссылка</a>.</p>");
    expect(html).toContain("<h2>Подзаголовок</h2>");
    expect(html).toContain("<ul>\n<li>один</li>\n<li>два</li>\n</ul>");
    expect(html).toContain("<ol>\n<li>первый</li>\n</ol>");
    expect(html).toContain("<blockquote>\n<p>«Цитата»,\u00A0— сказал\u00A0он.</p>\n</blockquote>");
  });

  it("takes the first paragraph out as the lead when asked", () => {
    const r = renderBody("Первый абзац\nв две строки.\n\nВторой абзац.", { takeLead: true });
    expect(r.html).toBe("<p>Второй абзац.</p>");
    expect(r.text).toBe("Второй абзац.");
    expect(renderBody("Первый.\n\nВторой.", { takeLead: false }).html).toContain("<p>Первый.</p>");
  });

  it("keeps the page's h1 unique by demoting body h1 to h2", () => {
    expect(renderBody("# Заголовок", { takeLead: false }).html).toBe("<h2>Заголовок</h2>");
  });

  it("drops raw HTML, scripts, event handlers and javascript: links", () => {
    const md = [
      "<script>alert(1)</script>",
      "",
      '<img src=x onerror="alert(1)">',
      "",
      "[клик](javascript:alert(1)) и [почта](mailto:news@example.org)",
      "",
      "<iframe src=\"https://evil.example\"></iframe>",
    ].join("\n");
    const { html } = renderBody(md, { takeLead: false });
    expect(html).not.toMatch(/<script|onerror|javascript:|<iframe|<img/i);
    expect(html).toContain('<a href="mailto:news@example.org">почта</a>');
    expect(html).toContain("<a>клик</a>");
  });
});

describe("firstParagraphOf", () => {
  it("reads only the first block, as the full render would take it", () => {
    expect(firstParagraphOf("\nПервый *абзац*\nпродолжение.\n\nВторой.")).toBe("Первый абзац продолжение.");
    expect(firstParagraphOf("## Заголовок\n\nАбзац.")).toBeUndefined();
    expect(firstParagraphOf("> Цитата\n\nАбзац.")).toBeUndefined();
    expect(firstParagraphOf("")).toBeUndefined();
  });

  // Plain prose skips the parser (isPlainProse): whichever way a block goes, the answer must be
  // the parser's. Each of these either is plain or holds something only the parser reads.
  it("gives the parser's answer for plain prose and for every near miss", () => {
    const blocks = [
      "В Борисове провели ночь музеев, сообщила филармония. Это не первый проект.",
      "Стоимость билета — 29 рублей.\nПрограмма рассчитана на 2 дня (с 1 по 3 марта).",
      "«Мы рады», — сказал он. 100% мест заняты; 5+3=8, а не 7! Вопрос: кто? Сайт: www.example.org",
      "Строка с переносом\n  продолжение с отступом",
      "Первая строка  \nжёсткий перенос",
      "    код с отступом",
      "- пункт списка",
      "+ пункт",
      "1. первый пункт",
      "2024 год",
      "2024. Год",
      "Заголовок\n===",
      "Заголовок\n---",
      "+5 градусов",
      "-5 градусов",
      "Почта a@b.ru и http://example.org/x_y",
      "Текст &amp; ещё",
      "Текст \\*звёздочки\\*",
      "Таблица | колонка",
      "#хэштег",
      "Табуляция\tвнутри",
      "Возврат каретки\r\nстрока",
      "\u00a0неразрывный пробел впереди",
      "Смайлик 🙂 и ё: ёлка.",
    ];
    for (const block of blocks) expect([block, firstParagraphOf(block)]).toEqual([block, parsedFirstParagraph(block)]);
  });
});

describe("countMarkdownWords", () => {
  it("counts words, not URLs, image sources or marks", () => {
    expect(countMarkdownWords("Слово [ссылка](https://a.b/c-d-e) **жирное** — пол-литра, 2024 год.\n\n![фото](media/x.jpg)")).toBe(6);
  });
});


describe("plainTextOf (search passages without rendering)", () => {
  it("keeps the words a reader reads and drops the marks, link targets and HTML", () => {
    const md = "## Итоги сезона\n\nКоманда **выиграла** [кубок](https://example.org/cup) в _Минске_.\n\n> Цитата тренера\n\n- первый пункт\n1. второй &amp; третий\n\n<span>тег</span> `код`";
    expect(plainTextOf(md)).toBe("Итоги сезона. Команда выиграла кубок в Минске. Цитата тренера. первый пункт второй третий. тег код.");
  });

  it("never runs a heading into the paragraph after it", () => {
    expect(plainTextOf("### Подзаголовок\n\nТекст абзаца.")).toBe("Подзаголовок. Текст абзаца.");
    expect(plainTextOf("Вопрос?\n\nОтвет.")).toBe("Вопрос? Ответ.");
    // No blank line after the heading: still its own block.
    expect(plainTextOf("## Подзаголовок\nТекст абзаца.")).toBe("Подзаголовок. Текст абзаца.");
    // A rendered body's text gives the same passage.
    expect(passageTextOf(renderBody("## Подзаголовок\n\nТекст абзаца.", { takeLead: false }).text)).toBe("Подзаголовок. Текст абзаца.");
  });

  it("renders the same words as the page for a plain paragraph", () => {
    const md = "Первый абзац, с запятой.\n\nВторой — с тире.";
    expect(plainTextOf(md)).toBe(renderBody(md, { takeLead: false }).text.replace(/\s+/g, " ").trim());
  });
});
