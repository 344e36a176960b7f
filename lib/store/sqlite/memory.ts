import type { Article, Section, SiteConfig, SourceInfo } from "@/lib/content/types";
import { searchFields } from "@/lib/store/search-text";
import { SqliteStore } from "./reader";
import { createSchema, openDatabase } from "./schema";
import { SqliteWriter } from "./writer";

/**
 * A store in memory (SQLite's `:memory:`) made from articles directly: the real SQL, for tests
 * and tools that have articles rather than a content folder. `bodies` gives each article's body
 * Markdown for the search (none by default).
 */
export function storeFromArticles(
  articles: Article[],
  {
    site,
    sections,
    sources = [],
    bodies = {},
    searchWindow,
  }: { site: SiteConfig; sections: Section[]; sources?: SourceInfo[]; bodies?: Record<string, string>; searchWindow?: number },
): SqliteStore {
  const db = openDatabase(":memory:", { mustExist: true });
  createSchema(db);
  const writer = new SqliteWriter(db, site.timeZone);
  writer.setCatalog({ site, sections, sources }, []);
  writer.apply(
    articles.map((article) => ({
      path: article.file,
      stamp: "test",
      article,
      problems: [],
      search: searchFields(article, bodies[article.slug] ?? "", article.leadFromBody),
    })),
  );
  return new SqliteStore(db, searchWindow);
}
