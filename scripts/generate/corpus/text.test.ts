import { describe, expect, it } from "vitest";
import { parseFrontMatter } from "../../../lib/content/front-matter";
import { MAX_SLUG_LENGTH, parseDateTime, SLUG_PATTERN, validateArticle } from "../../../lib/content/validate";
import { CORPUS_YEARS, formatMinskDate, generateArticles, generateNewest, past, pluralRu, slugify, transliterate, type CorpusOptions } from "./text";

const SECTIONS = ["politics", "economy", "society", "world", "sport", "culture", "tech"];
const END = Date.parse("2026-01-15T12:00:00+03:00");
const options = (extra: Partial<CorpusOptions> = {}): CorpusOptions => ({
  articles: 300,
  seed: 7,
  end: END,
  sections: SECTIONS,
  images: [
    { src: "media/a.jpg", alt: "Трибуны стадиона", section: "sport" },
    { src: "media/b.jpg", alt: "Зал библиотеки" },
  ],
  ...extra,
});
const all = (o: CorpusOptions) => [...generateArticles(o)];
// Generating thousands of articles takes seconds when the two cores are shared with other work.
const SLOW = 30_000;

describe("generateArticles", () => {
  it(
    "gives the same files for the same seed and different ones for another seed",
    () => {
      const a = all(options());
      const b = all(options());
      const c = all(options({ seed: 8 }));
      expect(b.map((x) => x.text)).toEqual(a.map((x) => x.text));
      expect(c.map((x) => x.text)).not.toEqual(a.map((x) => x.text));
    },
    SLOW,
  );

  it(
    "makes unique slugs and aliases that pass the content contract's slug rule",
    () => {
      const articles = all(options({ articles: 3000 }));
      const names = articles.flatMap((a) => [a.slug, ...a.aliases]);
      expect(new Set(names).size).toBe(names.length);
      // Checked in bulk: thousands of single expectations are slow on a busy machine.
      expect(names.filter((name) => !SLUG_PATTERN.test(name) || name.length > MAX_SLUG_LENGTH)).toEqual([]);
      expect(articles.some((a) => a.aliases.length > 0)).toBe(true);
      const layout = /^articles\/([a-z]+)\/\d{4}\/\d{2}\/([a-z0-9-]+)\.md$/;
      const misplaced = articles.filter((a) => {
        const m = layout.exec(a.path);
        return m?.[1] !== a.section || m[2] !== a.slug;
      });
      expect(misplaced.map((a) => a.path)).toEqual([]);
    },
    SLOW,
  );

  it("covers every section even in a tiny corpus", () => {
    expect(new Set(all(options({ articles: 7 })).map((a) => a.section))).toEqual(new Set(SECTIONS));
  });

  it(
    "dates everything within the three years before the end, in Minsk time, updates after publication",
    () => {
      const articles = all(options({ articles: 2000 }));
      const start = END - CORPUS_YEARS * 365.25 * 24 * 3600 * 1000;
      const wrong = articles.filter(
        (a) =>
          a.dateMs > END ||
          a.dateMs < start - 7 * 3600_000 ||
          !a.text.includes(`date: "${formatMinskDate(a.dateMs)}"`) ||
          (a.updatedMs !== undefined && (a.updatedMs <= a.dateMs || a.updatedMs > END)),
      );
      expect(wrong.map((a) => a.path)).toEqual([]);
      const years = new Set(articles.map((a) => new Date(a.dateMs).getUTCFullYear()));
      expect(years.size).toBeGreaterThanOrEqual(3);
      expect(articles.some((a) => a.updatedMs !== undefined)).toBe(true);
    },
    SLOW,
  );

  it("mixes short notes and long reads, with and without a lead, image, source and top flag", () => {
    const articles = all(options({ articles: 1000 }));
    expect(articles.some((a) => a.blocks <= 3)).toBe(true);
    expect(articles.some((a) => a.blocks >= 20)).toBe(true);
    const share = (re: RegExp) => articles.filter((a) => re.test(a.text)).length / articles.length;
    expect(share(/^lead: /m)).toBeGreaterThan(0.3);
    expect(share(/^lead: /m)).toBeLessThan(0.7);
    expect(share(/^image:/m)).toBeGreaterThan(0.5);
    expect(share(/^image:/m)).toBeLessThan(0.95);
    expect(share(/^source:/m)).toBeGreaterThan(0.1);
    expect(share(/^top: true/m)).toBeGreaterThan(0);
    expect(share(/^top: true/m)).toBeLessThan(0.1);
    expect(share(/^> «/m)).toBeGreaterThan(0.1);
    expect(share(/^## /m)).toBeGreaterThan(0.03);
    expect(share(/^(- |1\. )/m)).toBeGreaterThan(0.01);
    expect(share(/\]\(https:\/\/example\.org\//)).toBeGreaterThan(0.1);
  });

  it(
    "writes front matter that parses and validates against the content contract",
    () => {
      const sections = new Map(SECTIONS.map((slug) => [slug, { slug, name: slug, genitive: slug }]));
      for (const a of all(options({ articles: 500 }))) {
        const fm = parseFrontMatter(a.text);
        expect(fm.ok).toBe(true);
        if (!fm.ok) continue;
        const v = validateArticle(fm.data, { file: a.path, sections, mediaExists: (src) => src === "media/a.jpg" || src === "media/b.jpg" });
        expect(v.ok ? [] : v.problems).toEqual([]);
        expect(typeof parseDateTime(fm.data.date)).toBe("number");
        expect(fm.body.trim().length).toBeGreaterThan(0);
      }
    },
    SLOW,
  );

  it("gives pictures to articles of their own section when it has some", () => {
    for (const a of all(options({ articles: 500 }))) {
      if (a.text.includes("media/a.jpg")) expect(a.section).toBe("sport");
      if (a.section === "sport" && a.text.includes("image:")) expect(a.text).toContain("media/a.jpg");
    }
  });

  it("refuses a section it has no words for", () => {
    expect(() => all(options({ sections: ["weather"] }))).toThrow(/no word bank for section "weather"/);
  });
});

describe("generateNewest", () => {
  it(
    "gives exactly the newest articles of the larger archive, file for file",
    () => {
      const archive = all(options({ articles: 2000 }));
      const newest = [...generateNewest(options({ articles: 150 }), 2000)];
      expect(newest).toHaveLength(150);
      const cutoff = Math.min(...newest.map((a) => a.dateMs));
      expect(archive.filter((a) => a.dateMs > cutoff).every((a) => newest.some((n) => n.slug === a.slug))).toBe(true);
      const bySlug = new Map(archive.map((a) => [a.slug, a]));
      expect(newest.filter((n) => bySlug.get(n.slug)?.text !== n.text || bySlug.get(n.slug)?.path !== n.path)).toEqual([]);
      // So a home page or section page over either lists the same stories.
      const newestOf = (xs: typeof archive, section: string) =>
        xs
          .filter((a) => a.section === section)
          .sort((a, b) => b.dateMs - a.dateMs)
          .slice(0, 5)
          .map((a) => a.slug);
      expect(newestOf(newest, "politics")).toEqual(newestOf(archive, "politics"));
    },
    SLOW,
  );

  it("is the archive itself when it asks for all of it, and refuses a smaller archive", () => {
    expect([...generateNewest(options({ articles: 40 }), 40)].map((a) => a.text)).toEqual(all(options({ articles: 40 })).map((a) => a.text));
    expect(() => [...generateNewest(options({ articles: 40 }), 39)]).toThrow(/archive \(39\)/);
  });
});

describe("text helpers", () => {
  it("transliterates Russian to lowercase Latin joined by single hyphens", () => {
    expect(transliterate("Новая ледовая арена откроется в Жодино")).toBe("novaya-ledovaya-arena-otkroetsya-v-zhodino");
    expect(transliterate("Щучин, Объезд и «Ёлки» — 2024!")).toBe("shchuchin-obezd-i-elki-2024"); // ё as е, as in the importer's table
    expect(transliterate("QR-код")).toBe("qr-kod");
  });

  it("cuts long slugs at a word boundary", () => {
    const slug = slugify("Оплата проезда по QR-коду станет доступна в Новополоцке в начале следующего года после завершения всех работ", 60);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.endsWith("-")).toBe(false);
  });

  it("agrees numbers and past-tense verbs", () => {
    expect(pluralRu(1, "спортсмен", "спортсмена", "спортсменов")).toBe("1 спортсмен");
    expect(pluralRu(3, "спортсмен", "спортсмена", "спортсменов")).toBe("3 спортсмена");
    expect(pluralRu(11, "спортсмен", "спортсмена", "спортсменов")).toBe("11 спортсменов");
    expect(pluralRu(22, "спортсмен", "спортсмена", "спортсменов")).toBe("22 спортсмена");
    expect(pluralRu(12500, "спортсмен", "спортсмена", "спортсменов")).toBe("12\u00a0500 спортсменов");
    expect(past("сообщил", "f")).toBe("сообщила");
    expect(past("сообщил", "n")).toBe("сообщило");
    expect(past("сообщил", "pl")).toBe("сообщили");
  });

  it("formats dates as ISO 8601 in Minsk time", () => {
    expect(formatMinskDate(Date.parse("2024-03-04T09:40:30Z"))).toBe("2024-03-04T12:40:00+03:00");
    expect(formatMinskDate(Date.parse("2023-12-31T22:05:00Z"))).toBe("2024-01-01T01:05:00+03:00");
  });
});
