import { describe, expect, it } from "vitest";
import { renderBody } from "@/lib/content/markdown";
import { markdownShapeProblem } from "@/lib/content/markdown-limits";
import { boundNesting, htmlToMarkdown, htmlToText } from "./html-to-markdown";

const BASE = "https://partner.example/news/2024/03/story.html";

/** Markdown → the HTML the site shows, which must hold no raw partner markup. */
function shown(markdown: string): string {
  return renderBody(markdown, { takeLead: false }).html;
}

function convert(html: string) {
  const result = htmlToMarkdown(html, BASE);
  expect(markdownShapeProblem(result.markdown)).toBeUndefined();
  expect(result.markdown).not.toMatch(/javascript:/i);
  return result;
}

describe("htmlToMarkdown: what is removed", () => {
  it("removes scripts, styles, iframes, handlers and javascript: links", () => {
    const { markdown } = convert(
      [
        '<p onclick="alert(1)">Текст <a href="javascript:alert(1)">ссылка</a> и <a href=" JaVa\tScRiPt:alert(2)">вторая</a>.</p>',
        "<script>alert('скрипт')</script><style>p { color: red }</style>",
        '<iframe src="https://evil.example">внутри фрейма</iframe>',
        '<object data="x.swf">объект</object><form><input value="поле"></form>',
        "<nav>Меню</nav><aside>Популярное</aside><footer>Подвал</footer><header>Шапка</header>",
        "<svg><script>alert(3)</script></svg><noscript>нет скрипта</noscript>",
      ].join(""),
    );
    expect(markdown).toBe("Текст ссылка и вторая.");
    const html = shown(markdown);
    expect(html).not.toMatch(/<script|onclick|<iframe|<style|alert/i);
  });

  it("keeps javascript: as words only, never as the string itself", () => {
    const { markdown } = convert(
      '<p>Ссылки вида javascript:alert(1) опасны; <code>javascript:void(0)</code>.</p><p><a href="https://a.example/?next=javascript:x">тут</a></p>',
    );
    const html = shown(markdown);
    expect(html).toContain("Ссылки вида javascript:alert(1) опасны");
    expect(html).toContain("https://a.example/?next=javascript%3Ax");
  });

  it("lists images in order, resolved, and leaves them out of the body", () => {
    const { markdown, images } = convert(
      '<p>Начало <img src="/img/a.jpg" alt=" Фото  один "></p><img data-src="b.jpg" src="data:image/gif;base64,R0lGOD"><img src="javascript:alert(1)"><img src="https://cdn.example/c.png"><img src="/img/a.jpg"><img srcset="/s.jpg 1x, /l.jpg 2x">',
    );
    expect(images).toEqual([
      { url: "https://partner.example/img/a.jpg", alt: "Фото один" },
      { url: "https://partner.example/news/2024/03/b.jpg" },
      { url: "https://cdn.example/c.png" },
      { url: "https://partner.example/s.jpg" },
    ]);
    expect(markdown).toBe("Начало");
  });
});

describe("htmlToMarkdown: what survives", () => {
  it("keeps paragraphs, bold, italic, links, lists, quotes and headings (h1 → h2)", () => {
    const { markdown } = convert(
      [
        "<h1>Главное</h1>",
        '<p>Первый <b>жирный</b> и <i>курсив</i>, сло<em>во</em> и <a href="/other">ссылка</a>, <a href="mailto:a@b.ru">почта</a>.</p>',
        "<p></p><p>&nbsp;</p>",
        "<ul><li>один</li><li>два</li></ul><ol><li>первый</li><li>второй</li></ol>",
        "<blockquote><p>«Цитата»</p></blockquote>",
        "<h3>Подзаголовок</h3>",
      ].join(""),
    );
    expect(markdown).not.toMatch(/\n\n\n/);
    const html = shown(markdown);
    expect(html).toContain("<h2>Главное</h2>");
    expect(html).toContain("<strong>жирный</strong>");
    expect(html).toContain("<em>курсив</em>");
    expect(html).toContain("сло<em>во</em>");
    expect(html).toContain('<a href="https://partner.example/other" rel="noopener noreferrer">ссылка</a>');
    expect(html).toContain('<a href="mailto:a@b.ru">почта</a>');
    expect(html).toContain("<li>один</li>");
    expect(html).toMatch(/<ol>\n<li>первый<\/li>/);
    expect(html).toMatch(/<blockquote>\n<p>«Цитата»<\/p>\n<\/blockquote>/);
    expect(html).toContain("<h3>Подзаголовок</h3>");
    expect(html).not.toMatch(/<p>\s*<\/p>/);
  });

  it("keeps tables as GFM tables", () => {
    const { markdown } = convert(
      "<table><thead><tr><th>Город</th><th>Температура</th></tr></thead><tbody><tr><td>Москва</td><td>−5</td></tr><tr><td>Сочи</td><td>+12</td></tr></tbody></table>",
    );
    expect(markdown).toMatch(/^\| Город/);
    const html = shown(markdown);
    expect(html).toContain("<th>Город</th>");
    expect(html).toContain("<td>Сочи</td>");
  });

  it("keeps partner text that looks like Markdown literal", () => {
    const { markdown } = convert(
      "<p>*не курсив* и _не курсив_</p><p># не заголовок</p><p>1. не список</p><p>- не пункт</p><p>&lt;b&gt;не тег&lt;/b&gt; [не ссылка](https://x.example)</p><p>&gt; не цитата</p>",
    );
    // The site's typesetting adds non-breaking spaces and turns a hyphen into a dash: that is
    // rendering, not Markdown, so spaces are compared loosely.
    const html = shown(markdown).replace(/\u00A0/g, " ");
    expect(html).toContain("<p>*не курсив* и _не курсив_</p>");
    expect(html).toContain("<p># не заголовок</p>");
    expect(html).toContain("<p>1. не список</p>");
    expect(html).toMatch(/<p>[-—] не пункт<\/p>/);
    expect(html).toContain("&#x3C;b>не тег&#x3C;/b>");
    expect(html).toContain("[не ссылка](");
    expect(html).toContain("<p>> не цитата</p>");
    expect(html).not.toMatch(/<em>|<h\d>|<ol>|<ul>|<blockquote>|<b>/);
  });

  it("turns plain text lines (Yandex full-text) into paragraphs, entities decoded", () => {
    const { markdown } = convert("Первый абзац &mdash; с тире.\nВторой абзац.\r\n\r\n   Третий &laquo;абзац&raquo;.  ");
    expect(markdown).toBe("Первый абзац — с тире.\n\nВторой абзац.\n\nТретий «абзац».");
  });

  it("splits loose text at blank lines and doubled <br>", () => {
    const { markdown } = convert("Первый абзац.<br><br>Второй <b>абзац</b>.<br>\n<br>Третий.\n\nЧетвёртый.<div>Блок.</div>");
    expect(markdown).toBe("Первый абзац.\n\nВторой **абзац**.\n\nТретий.\n\nЧетвёртый.\n\nБлок.");
  });

  it("renders with no raw HTML at all", () => {
    const { markdown } = convert(
      '<div class="x"><span style="color:red">Текст</span> <u>подчёркнутый</u> <font color="red">шрифт</font><!-- комментарий --></div><p>Ещё <sup>2</sup></p>',
    );
    expect(markdown).not.toMatch(/<[a-z!/]/i);
    expect(shown(markdown)).not.toMatch(/<span|<u>|<font|<!--|style=/);
  });
});

describe("htmlToMarkdown: hostile shapes", () => {
  it("handles 10,000 nested divs quickly and keeps the text", () => {
    const html = "<div>".repeat(10_000) + "глубоко" + "</div>".repeat(10_000) + "<p>после</p>";
    const t = performance.now();
    const { markdown } = convert(html);
    expect(performance.now() - t).toBeLessThan(1000);
    expect(markdown).toContain("глубоко");
    expect(markdown).toContain("после");
  });

  it("handles 10,000 nested <b> (closed and unclosed) quickly", () => {
    for (const html of ["<b>".repeat(10_000) + "жирно" + "</b>".repeat(10_000), "<p>" + "<b>".repeat(10_000) + "жирно</p><p>дальше</p>"]) {
      const t = performance.now();
      const { markdown } = convert(html);
      expect(performance.now() - t).toBeLessThan(1000);
      expect(markdown).toContain("жирно");
    }
  });

  it("handles 10,000 nested lists and quotes within the shape bounds", () => {
    for (const html of ["<ul><li>".repeat(10_000) + "пункт", "<blockquote>".repeat(10_000) + "цитата"]) {
      const { markdown } = convert(html);
      expect(markdown).toMatch(/пункт|цитата/);
    }
  });

  it("stays fast on stray end tags and on formatting the parser reopens in every paragraph", () => {
    const formatting = Array.from({ length: 5000 }, (_, i) => `<b id=b${i}>`).join("");
    for (const html of [
      "<b>".repeat(100_000) + "</i>".repeat(100_000),
      formatting + "</p><p>x".repeat(20_000),
      "<b><div>".repeat(5000) + "</b>x".repeat(5000),
    ]) {
      const t = performance.now();
      convert(html);
      expect(performance.now() - t).toBeLessThan(3000);
    }
  });

  it("falls back to plain paragraphs when the Markdown would break a shape bound", () => {
    const { markdown } = convert(`<p>${"<em>a</em> ".repeat(500)}</p><p>${"!".repeat(100)} конец</p>`);
    expect(markdown).toContain("конец");
    expect(shown(markdown)).not.toContain("<em>");
  });

  it("drops only tags nested past the cap from the source", () => {
    expect(boundNesting("<div><div><div>x</div></div></div>", 2)).toBe("<div><div>x</div></div>");
    expect(boundNesting("<ul><li>a<li>b<li>c</ul>", 2)).toBe("<ul><li>a<li>b<li>c</ul>");
    expect(boundNesting('<p title="a>b"><br><img src=x><script>"<div><div>"</script>y</p>', 1)).toBe('<p title="a>b"><br><img src=x>y</p>');
    expect(boundNesting("<div><script>a</script><div><script>b</script></div></div>", 2)).toBe("<div><script>a</script><div></div></div>");
  });
});

describe("htmlToText", () => {
  it("gives plain text with entities decoded and whitespace collapsed", () => {
    expect(htmlToText("  <b>Заголовок</b>&nbsp;&mdash;   новости\n<script>x()</script><p>абзац</p>AT&amp;T &lt;i&gt;")).toBe(
      "Заголовок — новости абзац AT&T <i>",
    );
    expect(htmlToText("<![CDATA[x]]>Просто текст")).toBe("Просто текст");
  });
});
