import { describe, expect, it } from "vitest";
import { ENTITIES_REFUSED, MAX_ITEMS, parseFeed } from "./parse-feed";
import { ImportError } from "./types";

const FEED_URL = "https://partner.example/rss/yandex.xml";

function refusal(xml: string): string {
  try {
    parseFeed(xml, FEED_URL);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as ImportError).reason;
  }
  throw new Error("the feed was accepted");
}

const YANDEX = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:yandex="http://news.yandex.ru" xmlns:m="http://search.yahoo.com/mrss/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>Партнёр &mdash; новости</title>
    <link>https://partner.example/</link>
    <item>
      <title><![CDATA[<b>Мэрия</b> &laquo;открыла&raquo;   мост]]></title>
      <link>/news/most.html</link>
      <guid isPermaLink="false">most-42</guid>
      <pubDate>Mon, 04 Mar 2024 12:40:00 +0300</pubDate>
      <category>Город</category>
      <category> город </category>
      <dc:subject>Транспорт</dc:subject>
      <author>press@partner.example (Иван Петров)</author>
      <yandex:genre>message</yandex:genre>
      <description>Краткое &lt;b&gt;описание&lt;/b&gt;</description>
      <yandex:full-text>Первый абзац.
Второй абзац.</yandex:full-text>
      <content:encoded><![CDATA[<p>Не этот текст</p>]]></content:encoded>
      <enclosure url="/img/most.jpg" type="image/jpeg" length="1000"/>
    </item>
    <item>
      <title>Второй&nbsp;материал &#8212; с&#x20;фото</title>
      <link>javascript:alert(1)</link>
      <guid>https://partner.example/news/2.html</guid>
      <dc:date>2024-03-04T10:00:00Z</dc:date>
      <dc:creator>Мария Иванова</dc:creator>
      <content:encoded><![CDATA[<p>Текст <img src="/i/inline.jpg" alt="в тексте"></p>]]></content:encoded>
      <m:group>
        <m:content url="https://cdn.example/v.mp4" type="video/mp4"/>
        <m:content url="https://cdn.example/big.jpg" medium="image">
          <m:description>Мост вечером</m:description>
        </m:content>
        <m:credit>Фото: ТАСС</m:credit>
      </m:group>
    </item>
    <item>
      <title>Третий</title>
      <description>Только описание</description>
      <pubDate>вчера</pubDate>
      <media:thumbnail xmlns:media="http://search.yahoo.com/mrss" url="https://cdn.example/t.jpg"/>
    </item>
  </channel>
</rss>`;

describe("parseFeed: RSS 2.0 and Yandex News", () => {
  const feed = parseFeed(YANDEX, FEED_URL);
  const [first, second, third] = feed.items;

  it("reads the channel and every item", () => {
    expect(feed.kind).toBe("rss");
    expect(feed.title).toBe("Партнёр — новости");
    expect(feed.items).toHaveLength(3);
  });

  it("reads a Yandex item: full-text before content:encoded, enclosure, categories, author", () => {
    expect(first).toEqual({
      guid: "most-42",
      link: "https://partner.example/news/most.html",
      title: "Мэрия «открыла» мост",
      published: "2024-03-04T12:40:00+03:00",
      categories: ["Город", "Транспорт"],
      summary: "Краткое <b>описание</b>",
      full: "Первый абзац.\nВторой абзац.",
      image: { url: "https://partner.example/img/most.jpg" },
      author: "Иван Петров",
    });
  });

  it("reads Media RSS groups with credit and description, dc:date, dc:creator; drops a javascript: link", () => {
    // Non-breaking spaces are whitespace like any other: the site's typesetter places its own.
    expect(second!.title).toBe("Второй материал — с фото");
    expect(second!.link).toBe("https://partner.example/news/2.html"); // from the permalink guid
    expect(second!.guid).toBe("https://partner.example/news/2.html");
    expect(second!.published).toBe("2024-03-04T10:00:00Z");
    expect(second!.author).toBe("Мария Иванова");
    expect(second!.image).toEqual({ url: "https://cdn.example/big.jpg", credit: "Фото: ТАСС", alt: "Мост вечером" });
  });

  it("falls back to a hash for the guid and reads media:thumbnail (namespace spelt without slash)", () => {
    expect(third!.guid).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(third!.published).toBeUndefined();
    expect(third!.link).toBeUndefined();
    expect(third!.image).toEqual({ url: "https://cdn.example/t.jpg" });
    expect(third!.summary).toBe("Только описание");
  });

  it("takes the first <img> of the text when the feed names no photo", () => {
    const xml = `<rss><channel><item><title>x</title><link>https://p.example/a</link><description><![CDATA[<p>Текст <img alt='Подпись' src="/i/a.jpg?x=1&amp;y=2"></p>]]></description></item></channel></rss>`;
    expect(parseFeed(xml, FEED_URL).items[0]!.image).toEqual({ url: "https://partner.example/i/a.jpg?x=1&y=2", alt: "Подпись" });
  });

  it("reads extensions by namespace URI, not by prefix", () => {
    const xml = `<rss xmlns:ya="http://news.yandex.ru" xmlns:media="urn:not-media"><channel><item><title>x</title>
      <ya:full-text>Полный текст</ya:full-text><media:content url="https://c.example/a.jpg" medium="image"/></item></channel></rss>`;
    const [it0] = parseFeed(xml, FEED_URL).items;
    expect(it0!.full).toBe("Полный текст");
    expect(it0!.image).toBeUndefined();
  });

  it("tolerates the usual prefixes left undeclared", () => {
    const xml = `<rss><channel><item><title>x</title><yandex:full-text>Текст</yandex:full-text></item></channel></rss>`;
    expect(parseFeed(xml, FEED_URL).items[0]!.full).toBe("Текст");
  });

  it("uses the link as guid, and hashes of title and date stay stable", () => {
    const xml = (extra: string) => `<rss><channel><item><title>Без guid</title>${extra}<pubDate>Mon, 04 Mar 2024 12:40:00 GMT</pubDate></item></channel></rss>`;
    expect(parseFeed(xml("<link>https://p.example/a</link>"), FEED_URL).items[0]!.guid).toBe("https://p.example/a");
    const a = parseFeed(xml(""), FEED_URL).items[0]!.guid;
    expect(parseFeed(xml(""), FEED_URL).items[0]!.guid).toBe(a);
    expect(parseFeed(xml("").replace("Без guid", "Другой"), FEED_URL).items[0]!.guid).not.toBe(a);
  });

  it("reads RSS 1.0 (RDF)", () => {
    const xml = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://p.example/"><title>RDF</title></channel>
      <item rdf:about="https://p.example/1"><title>Один</title><link>https://p.example/1</link><dc:date>2024-03-04T12:40:00+03:00</dc:date></item></rdf:RDF>`;
    const feed = parseFeed(xml, FEED_URL);
    expect(feed.title).toBe("RDF");
    expect(feed.items[0]).toMatchObject({ title: "Один", link: "https://p.example/1", published: "2024-03-04T12:40:00+03:00" });
  });
});

describe("parseFeed: Atom 1.0", () => {
  const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example/ru/">
  <title type="html">Блог &lt;i&gt;партнёра&lt;/i&gt;</title>
  <author><name>Редакция</name></author>
  <entry>
    <id>tag:blog.example,2024:1</id>
    <title type="html">&lt;b&gt;Жирный&lt;/b&gt; заголовок</title>
    <link rel="alternate" type="text/html" href="posts/1"/>
    <link rel="enclosure" type="image/jpeg" href="/img/1.jpg"/>
    <link rel="self" href="https://blog.example/api/1"/>
    <published>2024-03-04T12:40:00.250+03:00</published>
    <updated>2024-03-05T08:00:00Z</updated>
    <category term="politics" label="Политика"/>
    <category term="Политика"/>
    <summary>Текст с &lt;тегом&gt; как текст</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Абзац <a href="x">ссылка</a> &amp; <br/>строка</p></div></content>
  </entry>
  <entry xml:base="https://other.example/base/">
    <id>urn:uuid:2</id>
    <title>Текст &lt;b&gt; не тег</title>
    <link href="page"/>
    <updated>2024-03-06T08:00:00Z</updated>
    <author><name>Автор Записи</name></author>
    <content type="html">&lt;p&gt;HTML-тело&lt;/p&gt;</content>
  </entry>
</feed>`;
  const feed = parseFeed(ATOM, "https://blog.example/feed.atom");
  const [first, second] = feed.items;

  it("reads the feed and its entries", () => {
    expect(feed.kind).toBe("atom");
    expect(feed.title).toBe("Блог партнёра");
    expect(first).toEqual({
      guid: "tag:blog.example,2024:1",
      link: "https://blog.example/ru/posts/1",
      title: "Жирный заголовок",
      published: "2024-03-04T12:40:00+03:00",
      updated: "2024-03-05T08:00:00Z",
      categories: ["politics", "Политика"],
      summary: "Текст с &lt;тегом&gt; как текст",
      full: '<p>Абзац <a href="x">ссылка</a> &amp; <br>строка</p>',
      image: { url: "https://blog.example/img/1.jpg" },
      author: "Редакция",
    });
  });

  it("resolves against the entry's xml:base, takes updated as published when alone, keeps text titles literal", () => {
    expect(second!.link).toBe("https://other.example/base/page");
    expect(second!.published).toBe("2024-03-06T08:00:00Z");
    expect(second!.updated).toBeUndefined();
    expect(second!.title).toBe("Текст <b> не тег");
    expect(second!.full).toBe("<p>HTML-тело</p>");
    expect(second!.author).toBe("Автор Записи");
  });
});

describe("parseFeed: bounds", () => {
  it("keeps at most 1000 items", () => {
    const items = Array.from({ length: 1200 }, (_, i) => `<item><title>${i}</title><guid>g${i}</guid></item>`).join("");
    const feed = parseFeed(`<rss><channel>${items}</channel></rss>`, FEED_URL);
    expect(feed.items).toHaveLength(MAX_ITEMS);
    expect(feed.items[999]!.guid).toBe("g999");
  });

  it("bounds titles, categories, texts and guids", () => {
    const cats = Array.from({ length: 60 }, (_, i) => `<category>к${i}</category>`).join("");
    const xml = `<rss><channel><item><title>${"Д".repeat(600)}</title><guid>${"g".repeat(600)}</guid>${cats}<category>${"х".repeat(300)}</category>
      <description>${"а".repeat(1_100_000)}</description></item></channel></rss>`;
    const [it0] = parseFeed(xml, FEED_URL).items;
    expect(it0!.title).toHaveLength(500);
    expect(it0!.categories).toHaveLength(50);
    expect(it0!.summary).toHaveLength(1 << 20);
    expect(it0!.guid).toMatch(/^sha1:/);
    const long = parseFeed(`<rss><channel><item><title>x</title><category>${"х".repeat(300)}</category></item></channel></rss>`, FEED_URL);
    expect(long.items[0]!.categories[0]).toHaveLength(200);
  });
});

describe("parseFeed: hostile XML", () => {
  it("refuses external entities (XXE)", () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&x;</title></item></channel></rss>`;
    expect(refusal(xml)).toBe(ENTITIES_REFUSED);
  });

  it("refuses billion laughs and a quadratic blowup quickly", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`).join("")}]><rss>&lol9;</rss>`;
    const big = "a".repeat(100_000);
    const quadratic = `<!DOCTYPE rss [<!ENTITY a "${big}">]><rss><channel><title>${"&a;".repeat(100_000)}</title></channel></rss>`;
    for (const xml of [laughs, quadratic]) {
      const t = performance.now();
      expect(refusal(xml)).toBe(ENTITIES_REFUSED);
      expect(performance.now() - t).toBeLessThan(500);
    }
  });

  it("tolerates a DOCTYPE that declares nothing, and decodes common HTML entities", () => {
    const xml = `<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss><channel><item><title>&laquo;Да&raquo;&nbsp;&mdash; &hellip; &ndash; &copy; &eacute;</title></item></channel></rss>`;
    expect(parseFeed(xml, FEED_URL).items[0]!.title).toBe("«Да» — … – © é");
    expect(parseFeed("<!DOCTYPE rss><rss><channel/></rss>", FEED_URL).items).toEqual([]);
  });

  it("treats an unknown entity as broken XML, not as something to look up", () => {
    expect(refusal("<rss><channel><title>&foo;</title></channel></rss>")).toMatch(/^broken XML at line 1, column \d+: undefined entity/);
    expect(refusal("<rss><channel><title>&constructor;</title></channel></rss>")).toMatch(/^broken XML/);
  });

  it("refuses deep nesting with a reason", () => {
    const xml = `<rss><channel><item><description>${"<x>".repeat(10_000)}${"</x>".repeat(10_000)}</description></item></channel></rss>`;
    expect(refusal(xml)).toMatch(/nests elements more than 64 deep/);
  });

  it("names the line and column of broken XML", () => {
    const xml = `<?xml version="1.0"?>\n<rss>\n<channel>\n<title>a</titl>\n</channel></rss>`;
    expect(refusal(xml)).toMatch(/^broken XML at line 4, column \d+: unexpected close tag/);
    expect(refusal(`\uFEFF\n\n<rss><channel></rss>`)).toMatch(/^broken XML at line 3, column \d+: /);
  });

  it("refuses text after the root and truncated documents as broken XML", () => {
    expect(refusal("<rss><channel/></rss>trailing")).toMatch(/^broken XML .*text data outside of root node/);
    expect(refusal("<rss><channel/></rss><rss/>")).toMatch(/^broken XML/);
    expect(refusal(YANDEX.slice(0, YANDEX.length / 2))).toMatch(/^broken XML/);
    expect(refusal("")).toMatch(/^broken XML/);
  });

  it("refuses well-formed documents that are not feeds", () => {
    expect(refusal("<html><body><p>Страница</p></body></html>")).toBe("not a feed: the document's root element is <html>");
    expect(refusal('<svg:svg xmlns:svg="http://www.w3.org/2000/svg"/>')).toBe("not a feed: the document's root element is <svg:svg>");
  });
});
