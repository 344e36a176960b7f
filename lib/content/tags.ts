import type { ArticleStore } from "@/lib/store/types";
import { publishedArticles } from "./queries";
import type { Article, ContentIndex } from "./types";

/**
 * Tags as pages. Editors spell one tag in several ways («Могилёв», «Могилев», «могилёв»); readers
 * must find one page for it, under one URL. Spellings that differ only in case, ё/е or spacing are
 * one tag; its URL uses the spelling most articles use, and the other spellings redirect there.
 */

/** What makes two spellings one tag: case, ё/е, Unicode composition and runs of spaces do not count. */
export function tagKey(tag: string): string {
  return tag.normalize("NFC").toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ").trim();
}

/** The tag page's path, percent-encoded (`/tag/%D0%A8%D0%9E%D0%A1`). */
export function tagPath(name: string): string {
  return `/tag/${encodeURIComponent(name)}`;
}

export interface Tag {
  /** The spelling shown and used in the URL. */
  name: string;
  /** Published articles with the tag, newest first. */
  articles: Article[];
}

// Recomputed only when the published list changes (see publishedArticles), like the lists it is made from.
const cache = new WeakMap<readonly Article[], ReadonlyMap<string, Tag>>();

/** Every tag of the published articles, by `tagKey` (the in-heap store's, lib/store/memory.ts). */
export function publishedTags(index: ContentIndex, now: number): ReadonlyMap<string, Tag> {
  const published = publishedArticles(index, now);
  const cached = cache.get(published);
  if (cached) return cached;
  const groups = new Map<string, { articles: Article[]; spellings: Map<string, number> }>();
  for (const a of published) {
    const seen = new Set<string>();
    for (const spelling of a.tags) {
      const key = tagKey(spelling);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { articles: [], spellings: new Map() }));
      group.articles.push(a);
      group.spellings.set(spelling, (group.spellings.get(spelling) ?? 0) + 1);
    }
  }
  const tags = new Map<string, Tag>();
  for (const [key, { articles, spellings }] of groups) tags.set(key, { name: canonicalSpelling(spellings), articles });
  cache.set(published, tags);
  return tags;
}

/** The most used spelling; of equally used ones, the first in code-point order, so the URL does not depend on article order. */
function canonicalSpelling(spellings: Map<string, number>): string {
  let best = "";
  let bestCount = 0;
  for (const [spelling, count] of spellings) {
    if (count > bestCount || (count === bestCount && spelling < best)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}

/** An article's tags as written, each with its tag page when the tag has one. */
export async function tagLinks(store: ArticleStore, tags: string[], now: number): Promise<{ name: string; href?: string }[]> {
  return Promise.all(
    tags.map(async (name) => {
      const tag = await store.tag(name, now);
      return tag ? { name, href: tagPath(tag.name) } : { name };
    }),
  );
}
