import type { Article, ContentIndex, Section, SiteConfig, SourceInfo } from "./types";
import type { ArticleStore } from "@/lib/store/types";
import { DEFAULT_TIME_ZONE } from "./validate";

/** Small builders for tests of the pure functions; not used by the site. */
export const testSite: SiteConfig = {
  name: "Тестовый вестник",
  description: "",
  edition: { name: "Беларусь", genitive: "Беларуси" },
  timeZone: DEFAULT_TIME_ZONE,
};

export const testSections: Section[] = [
  { slug: "politics", name: "Политика", genitive: "политики" },
  { slug: "sport", name: "Спорт", genitive: "спорта" },
];

export function makeArticle(slug: string, date: string, extra: Partial<Article> = {}): Article {
  return {
    slug,
    file: `articles/${slug}.md`,
    title: `Заголовок ${slug}`,
    date,
    dateMs: Date.parse(date),
    section: "politics",
    rubric: "Политика",
    lead: "",
    tags: [],
    also: [],
    top: false,
    draft: false,
    aliases: [],
    wordCount: 0,
    leadFromBody: false,
    ...extra,
  };
}

export function makeIndex(articles: Article[], sources: SourceInfo[] = []): ContentIndex {
  const sorted = [...articles].sort((a, b) => b.dateMs - a.dateMs || (a.slug < b.slug ? -1 : 1));
  return {
    site: testSite,
    sections: testSections,
    sectionBySlug: new Map(testSections.map((s) => [s.slug, s])),
    articles: sorted,
    bySlug: new Map(sorted.map((a) => [a.slug, a])),
    byAlias: new Map(sorted.flatMap((a) => a.aliases.map((alias) => [alias, a] as const))),
    media: new Map(),
    sources,
    sourceById: new Map(sources.map((s) => [s.id, s])),
    problems: [],
  };
}

/**
 * A store over `articles` (with sources.json's `sources`) for tests of readers. Tests use only
 * the ArticleStore interface: which store this builds may change (the in-heap one for now).
 */
/** A store of these articles: the real SQLite store, in memory (titles, leads and tags are searchable). */
export async function makeStore(articles: Article[], sources: SourceInfo[] = []): Promise<ArticleStore> {
  const { storeFromArticles } = await import("@/lib/store/sqlite/memory");
  return storeFromArticles(articles, { site: testSite, sections: testSections, sources });
}
