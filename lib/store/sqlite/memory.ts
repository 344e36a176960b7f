import type Database from "better-sqlite3";
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
export function storeFromArticles(articles: Article[], options: ArticlesOptions): SqliteStore {
  return new SqliteStore(databaseFromArticles(articles, options), options.searchWindow);
}

export interface ArticlesOptions {
  site: SiteConfig;
  sections: Section[];
  sources?: SourceInfo[];
  bodies?: Record<string, string>;
  searchWindow?: number;
}

/** The index database (in memory) storeFromArticles reads: what the PostgreSQL tests mirror. */
export function databaseFromArticles(articles: Article[], { site, sections, sources = [], bodies = {} }: ArticlesOptions): Database.Database {
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
  return db;
}
