import { describe, expect, it } from "vitest";
import { testSections } from "./test-helpers";
import { isSafeMediaPath, parseDateTime, validateArticle, validateSections, validateSite } from "./validate";

const ctx = {
  file: "articles/politics/minsk-news.md",
  sections: new Map(testSections.map((s) => [s.slug, s])),
  mediaExists: (src: string) => src === "media/photo.jpg",
};
const valid = { title: "Заголовок", date: "2024-03-04T12:40:00+03:00", section: "politics" };

function problemsOf(data: Record<string, unknown>, file = ctx.file) {
  const r = validateArticle(data, { ...ctx, file });
  return r.ok ? [] : r.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
}

describe("validateArticle: partners (source.id and also)", () => {
  const url = "https://example.org/news/1";

  it("keeps a partner's id beside the source's name and URL", () => {
    const r = validateArticle({ ...valid, source: { id: "vestnik-polesya", name: "Вестник Полесья", url } }, ctx);
    expect(r.ok && r.fields.source).toEqual({ id: "vestnik-polesya", name: "Вестник Полесья", url });
    const plain = validateArticle({ ...valid, source: { name: "БелТА" } }, ctx);
    expect(plain.ok && plain.fields.source).toEqual({ name: "БелТА" });
  });

  it("refuses an id that is not a slug, naming source.id", () => {
    expect(problemsOf({ ...valid, source: { id: "Vestnik Polesya", name: "Вестник Полесья" } })).toEqual([
      'articles/politics/minsk-news.md: source.id: "Vestnik Polesya" must be lowercase Latin letters and digits joined by single hyphens, at most 120 characters',
    ]);
    expect(problemsOf({ ...valid, source: { id: 7, name: "Вестник" } })).toEqual(["articles/politics/minsk-news.md: source.id: must be a string, got number 7"]);
  });

  it("reads also as a list of {name, url} in the file's order", () => {
    const also = [{ name: "Гродненские ведомости", url: "https://example.com/a" }, { name: "Витебский курьер", url: "http://example.net/b" }];
    const r = validateArticle({ ...valid, also }, ctx);
    expect(r).toMatchObject({ ok: true, problems: [], fields: { also } });
  });

  it("names each bad entry of also by its place", () => {
    expect(problemsOf({ ...valid, also: [{ name: "А", url }, { name: "Б" }, { name: "В", url: "javascript:alert(1)" }, "Г", { url }] })).toEqual([
      "articles/politics/minsk-news.md: also[1].url: is required",
      'articles/politics/minsk-news.md: also[2].url: must be an absolute http(s) URL, got "javascript:alert(1)"',
      'articles/politics/minsk-news.md: also[3]: must be a mapping with name and url, got string "Г"',
      "articles/politics/minsk-news.md: also[4].name: is required",
    ]);
    expect(problemsOf({ ...valid, also: "БелТА" })).toEqual(['articles/politics/minsk-news.md: also: must be a list of {name, url}, got string "БелТА"']);
  });

  it("keeps the first 20 of a longer also and says so, without refusing the article", () => {
    const also = Array.from({ length: 23 }, (_, i) => ({ name: `Партнёр ${i}`, url: `https://example.org/${i}` }));
    const r = validateArticle({ ...valid, also }, ctx);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.fields.also).toEqual(also.slice(0, 20));
    expect(r.problems).toEqual([{ file: ctx.file, field: "also", message: "has 23 entries; the first 20 are shown" }]);
  });
});

describe("validateArticle", () => {
  it("accepts the minimal article and fills defaults", () => {
    const r = validateArticle(valid, ctx);
    expect(r).toEqual({
      ok: true,
      problems: [],
      fields: { slug: "minsk-news", title: "Заголовок", date: valid.date, dateMs: Date.parse(valid.date), section: "politics", tags: [], also: [], top: false, urgent: false, draft: false, aliases: [] },
    });
  });

  it("names the file and each missing required field", () => {
    expect(problemsOf({})).toEqual([
      "articles/politics/minsk-news.md: title: is required",
      "articles/politics/minsk-news.md: date: is required",
      "articles/politics/minsk-news.md: section: is required",
    ]);
  });

  it("rejects ill-typed fields with what was found", () => {
    expect(problemsOf({ ...valid, title: 42, top: "yes", urgent: 1, tags: "a, b" })).toEqual([
      "articles/politics/minsk-news.md: title: must be a string, got number 42",
      'articles/politics/minsk-news.md: tags: must be a list of strings, got string "a, b"',
      'articles/politics/minsk-news.md: top: must be true or false, got string "yes"',
      "articles/politics/minsk-news.md: urgent: must be true or false, got number 1",
    ]);
  });

  it("requires an offset on dates, because a bare local time is ambiguous", () => {
    expect(problemsOf({ ...valid, date: "2024-03-04T12:40:00" })[0]).toMatch(/date: must be an ISO 8601 date-time with an offset/);
    expect(problemsOf({ ...valid, date: "2024-03-04" })[0]).toMatch(/date: must be an ISO 8601/);
    expect(problemsOf({ ...valid, date: "2024-02-30T12:00:00Z" })).toEqual([]); // Date.parse rolls over; still an instant
    expect(problemsOf({ ...valid, date: "2024-13-45T99:00:00Z" })[0]).toMatch(/date: is not a real date-time/);
    expect(problemsOf({ ...valid, updated: "вчера" })[0]).toMatch(/updated: must be an ISO 8601/);
  });

  it("rejects an unknown section and lists the known ones", () => {
    expect(problemsOf({ ...valid, section: "weather" })).toEqual([
      'articles/politics/minsk-news.md: section: unknown section "weather" (known: politics, sport)',
    ]);
  });

  it("checks slugs from the field and from the file name", () => {
    expect(problemsOf({ ...valid, slug: "Bad_Slug" })[0]).toMatch(/slug: "Bad_Slug" \(must be lowercase/);
    expect(problemsOf(valid, "articles/Новость.md")[0]).toMatch(/slug: "Новость" \(taken from the file name, must be/);
    expect(problemsOf({ ...valid, slug: "a".repeat(121) })[0]).toMatch(/slug: is longer than 120/);
    const r = validateArticle({ ...valid, slug: "custom-slug-2" }, ctx);
    expect(r.ok && r.fields.slug).toBe("custom-slug-2");
  });

  it("accepts image from media/ or https and refuses anything else", () => {
    const ok = validateArticle({ ...valid, image: { src: "media/photo.jpg", alt: "Фото", credit: "БелТА" } }, ctx);
    expect(ok.ok && ok.fields.image).toEqual({ src: "media/photo.jpg", alt: "Фото", credit: "БелТА" });
    expect(problemsOf({ ...valid, image: { src: "media/missing.jpg", alt: "x" } })).toEqual([
      "articles/politics/minsk-news.md: image.src: file not found: media/missing.jpg",
    ]);
    expect(problemsOf({ ...valid, image: { src: "media/../../etc/passwd", alt: "x" } })[0]).toMatch(/image.src: must be media\/<path>/);
    expect(problemsOf({ ...valid, image: { src: "http://example.org/a.jpg", alt: "x" } })[0]).toMatch(/image.src: must be media/);
    expect(problemsOf({ ...valid, image: { src: "media/photo.jpg" } })).toEqual(["articles/politics/minsk-news.md: image.alt: is required"]);
    expect(problemsOf({ ...valid, image: { src: "https://example.org/a.jpg", alt: "x" } })).toEqual([]);
  });

  it("checks source name and URL", () => {
    expect(problemsOf({ ...valid, source: { url: "https://example.org" } })).toEqual(["articles/politics/minsk-news.md: source.name: is required"]);
    expect(problemsOf({ ...valid, source: { name: "ТАСС", url: "javascript:alert(1)" } })[0]).toMatch(/source.url: must be an absolute http\(s\) URL/);
    expect(problemsOf({ ...valid, source: "ТАСС" })[0]).toMatch(/source: must be a mapping/);
  });

  it("trims and de-duplicates tags, accepting numbers as text", () => {
    const r = validateArticle({ ...valid, tags: ["ШОС", " ШОС ", 2024] }, ctx);
    expect(r.ok && r.fields.tags).toEqual(["ШОС", "2024"]);
  });
});

describe("aliases", () => {
  it("accepts old slugs and names a bad one", () => {
    const r = validateArticle({ ...valid, aliases: ["old-name", "old-name", "minsk-news"] }, ctx);
    expect(r.ok && r.fields.aliases).toEqual(["old-name"]);
    expect(problemsOf({ ...valid, aliases: ["Old Name"] })[0]).toMatch(/aliases\[0\]: must be a slug/);
    expect(problemsOf({ ...valid, aliases: "old" })[0]).toMatch(/aliases: must be a list/);
  });
});

describe("parseDateTime", () => {
  it("parses offsets and Z", () => {
    expect(parseDateTime("2024-03-04T23:30:00Z")).toBe(Date.UTC(2024, 2, 4, 23, 30));
    expect(parseDateTime("2024-03-05T02:30:00+03:00")).toBe(Date.UTC(2024, 2, 4, 23, 30));
  });
});

describe("isSafeMediaPath", () => {
  it("refuses parent segments, backslashes and NUL", () => {
    expect(isSafeMediaPath("media/a/b.jpg")).toBe(true);
    for (const bad of ["media/../x", "media//x", "media/a\\b", "media/a\0", "/media/a.jpg", "content/media/a.jpg"]) {
      expect(isSafeMediaPath(bad)).toBe(false);
    }
  });
});

describe("validateSite and validateSections", () => {
  it("defaults the time zone to Europe/Minsk and rejects unknown zones", () => {
    const base = { name: "Вестник", description: "", edition: { name: "Беларусь", genitive: "Беларуси" } };
    expect(validateSite(base).site?.timeZone).toBe("Europe/Minsk");
    expect(validateSite({ ...base, timeZone: "Mars/Olympus" }).problems).toEqual([
      { file: "site.json", field: "timeZone", message: 'unknown IANA time zone "Mars/Olympus"' },
    ]);
    expect(validateSite({ name: "x" }).problems).toEqual([{ file: "site.json", field: "edition", message: "is required" }]);
  });

  it("reads the editorial details and the urgent banner's hours, naming each bad field", () => {
    const base = { name: "Вестник", description: "", edition: { name: "Беларусь", genitive: "Беларуси" } };
    const good = validateSite({
      ...base,
      urgentHours: 3,
      editorial: { name: "Редакция «Вестника»", editor: "И. Иванов", email: "news@example.org", phone: "+375 (17) 000-00-00", ageMark: "18+" },
    });
    expect(good.problems).toEqual([]);
    expect(good.site?.urgentHours).toBe(3);
    expect(good.site?.editorial).toEqual({ name: "Редакция «Вестника»", editor: "И. Иванов", email: "news@example.org", phone: "+375 (17) 000-00-00", ageMark: "18+" });
    expect(validateSite(base).site).not.toHaveProperty("editorial");

    const bad = validateSite({ ...base, urgentHours: "6", editorial: { email: "news", phone: "call us", ageMark: "21+", fax: "1", editor: 5 } });
    expect(bad.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`)).toEqual([
      "site.json: editorial.fax: unknown field; known: name, editor, address, email, phone, registration, ageMark",
      "site.json: editorial.editor: must be a string, got number 5",
      'site.json: editorial.email: must be an e-mail address, got "news"',
      'site.json: editorial.phone: must be a phone number (digits, spaces, +, -, brackets), got "call us"',
      'site.json: editorial.ageMark: must be one of 0+, 6+, 12+, 16+, 18+, got "21+"',
      'site.json: urgentHours: must be a number of hours above 0 and at most 48, got string "6"',
    ]);
    // The site still works: the bad details are left out.
    expect(bad.site?.name).toBe("Вестник");
    expect(bad.site?.editorial).toBeUndefined();
    expect(validateSite({ ...base, editorial: "Редакция" }).problems[0]?.field).toBe("editorial");
  });

  it("keeps the good sections and reports the bad ones", () => {
    const r = validateSections([{ slug: "politics", name: "Политика", genitive: "политики" }, { slug: "Bad", name: "x", genitive: "y" }, { slug: "politics", name: "a", genitive: "b" }]);
    expect(r.sections.map((s) => s.slug)).toEqual(["politics"]);
    expect(r.problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      '[1].slug: "Bad" must be lowercase Latin letters and digits joined by single hyphens',
      '[2].slug: duplicate section "politics"',
    ]);
    expect(validateSections({}).problems[0]?.message).toMatch(/must be a JSON array/);
  });
});
