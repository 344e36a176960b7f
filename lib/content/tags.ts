import type { ArticleStore } from "@/lib/store/types";

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

/** An article's tags as written, each with its tag page when the tag has one. */
export async function tagLinks(store: ArticleStore, tags: string[], now: number): Promise<{ name: string; href?: string }[]> {
  return Promise.all(
    tags.map(async (name) => {
      const tag = await store.tag(name, now);
      return tag ? { name, href: tagPath(tag.name) } : { name };
    }),
  );
}
