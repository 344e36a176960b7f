import { describe, expect, it } from "vitest";
import { renderBody } from "./markdown";
import { bindBreaks, typesetDisplay, typesetRuns, typesetText } from "./typography";

const NBSP = "\u00A0";
/** Non-breaking spaces made visible, so a failing expectation shows where they are. */
const v = (s: string) => s.replace(/\u00A0/g, "⍽").replace(/\u202F/g, "⌄");

describe("lines never break inside a hyphenated word or a number range", () => {
  const shown = (s: string) => s.replace(/\u2011/g, "‑̲").replace(/\u2060/g, "⁀");
  it("binds the hyphen of a hyphenated word", () => {
    expect(shown(bindBreaks("где-то из-за Ростов-на-Дону COVID-19"))).toBe("где‑̲то из‑̲за\u00A0Ростов‑̲на‑̲Дону COVID‑̲19");
    expect(typesetText("Кто-то пришёл из-за дождя")).toBe("Кто\u2011то пришёл из\u2011за\u00A0дождя");
  });

  it("keeps number ranges whole, and leaves dates, URLs and addresses as written", () => {
    expect(shown(bindBreaks("в 1909–1911 годах, 10—12 °C"))).toBe("в 1909–⁀1911 годах, 10—⁀12 °C");
    expect(typesetText("в 1909-1911 годах")).toMatch(/1909–\u20601911/);
    for (const text of ["2024-03-04", "https://example.org/a-b", "news-desk@example.org", "site-name.by", "Минск - столица"])
      expect(bindBreaks(text)).toBe(text);
  });

  it("typesets runs shown apart as one sentence, and the interface's texts from memory", () => {
    expect(typesetRuns(["Встреча в ", "Минске", " и на выставке"])).toEqual(["Встреча в\u00A0", "Минске", " и\u00A0на\u00A0выставке"]);
    expect(typesetRuns([])).toEqual([]);
    expect(typesetDisplay("Материалы из-за рубежа")).toBe("Материалы из\u2011за\u00A0рубежа");
    expect(typesetDisplay("Материалы из-за рубежа")).toBe(typesetDisplay("Материалы из-за рубежа"));
  });
});

describe("typesetText", () => {
  it("sets «ёлочки» outside and „лапки“ inside", () => {
    expect(typesetText('Он назвал "Дворец "Республики"" лучшим')).toBe("Он\u00A0назвал «Дворец „Республики“» лучшим");
  });

  it("turns a spaced hyphen into an em dash bound to the word before it", () => {
    expect(v(typesetText("Минск - столица"))).toBe("Минск⍽— столица");
    expect(v(typesetText("«Цитата», – сказал он."))).toBe("«Цитата»,⍽— сказал⍽он.");
  });

  it("binds short prepositions and conjunctions to the next word", () => {
    expect(v(typesetText("Встреча в Минске и на выставке"))).toBe("Встреча в⍽Минске и⍽на⍽выставке");
  });

  it("keeps digit groups and a number's noun together", () => {
    expect(v(typesetText("Пришли 12 000 человек"))).toBe("Пришли 12⌄000⍽человек");
    expect(typesetText("Бюджет 1500000 рублей")).toMatch(/^Бюджет 1\u202F500\u202F000\u00A0рублей$/);
  });

  it("leaves a URL in the text as written", () => {
    const url = "https://example.org/news/a-b-c?x=1&y=2";
    expect(typesetText(`Подробности - на ${url} и в газете`)).toBe(`Подробности${NBSP}— на${NBSP}${url} и${NBSP}в${NBSP}газете`);
  });

  it("treats angle brackets and ampersands as text, not markup", () => {
    expect(v(typesetText('AT&T и "<тег>" и &nbsp;'))).toBe("AT&T и⍽«<тег>» и⍽&nbsp;");
    expect(v(typesetText("a < b"))).toBe("a⍽< b");
  });

  it("does not reformat what the author wrote", () => {
    expect(typesetText("Версия 1.5 вышла 2024-03-04")).toBe("Версия 1.5 вышла 2024-03-04");
    expect(typesetText("Пришёл а потом ушёл")).not.toContain(",");
    expect(typesetText("Функция f(x) и g(y)")).toBe("Функция f(x) и\u00A0g(y)");
  });

  it("is stable when run twice", () => {
    const once = typesetText('Он сказал: "Это "хороший" день" - и ушёл в 10 часов.');
    expect(typesetText(once)).toBe(once);
  });
});

describe("typography in article bodies", () => {
  const html = (md: string) => renderBody(md, { takeLead: false }).html;

  it("typesets paragraphs, headings, list items and quotes", () => {
    expect(v(html('## Итоги - в "цифрах"'))).toBe("<h2>Итоги⍽— в⍽«цифрах»</h2>");
    expect(v(html("- во вторник\n- в среду"))).toBe("<ul>\n<li>во⍽вторник</li>\n<li>в⍽среду</li>\n</ul>");
  });

  it("pairs quotes across inline markup", () => {
    expect(html('"Слово *в курсиве* и **жирное**" - сказал он')).toBe(
      `<p>«Слово <em>в${NBSP}курсиве</em> и${NBSP}<strong>жирное</strong>»${NBSP}— сказал он</p>`,
    );
  });

  it("leaves inline code and code blocks untouched", () => {
    expect(html('Запустите `echo "a - b"` в "консоли"')).toBe(`<p>Запустите <code>echo "a - b"</code> в${NBSP}«консоли»</p>`);
    expect(html('```\nx = "a" - b в с\n```')).toBe('<pre><code>x = "a" - b в с\n</code></pre>');
  });

  it("never touches link URLs or other attribute values", () => {
    const out = html('[Сайт "Новости" - тут](https://example.org/a-b?q="x"&y=1 "Заголовок - ссылки") и ![Фото "в" зале](https://example.org/p.jpg)');
    expect(out).toContain('href="https://example.org/a-b?q=%22x%22&#x26;y=1"');
    expect(out).toContain('title="Заголовок - ссылки"');
    expect(out).toContain('alt="Фото &#x22;в&#x22; зале"');
    expect(out).toContain(`>Сайт «Новости»${NBSP}— тут</a>`);
  });

  it("leaves a bare URL in the text as written", () => {
    expect(html("Читайте на https://example.org/a-b-c - там всё")).toContain(">https://example.org/a-b-c</a>");
  });

  it("gives the HTML and the plain text the same typesetting", () => {
    const r = renderBody('Первый абзац - "вводный".\n\nВторой в `коде "x"` абзац.', { takeLead: false });
    expect(v(r.html)).toContain("<p>Первый абзац⍽— «вводный».</p>");
    expect(v(r.text)).toBe('Первый абзац⍽— «вводный».\n\nВторой в⍽коде "x" абзац.');
  });
});
