import { sectionBlocks, type SectionBlock } from "@/lib/content/queries";
import type { Article } from "@/lib/content/types";
import { HOME_FEED_SIZE, SECTION_BLOCK_SIZE, TOP_SIZE } from "@/lib/limits";
import type { ArticleStore } from "@/lib/store/types";

export interface ResolvedHome {
  /** The lead story: the newest top story, or without one the newest article; none on an empty site. */
  main?: Article;
  /** The other top stories. */
  top: Article[];
  /** The news feed beside them. */
  feed: Article[];
  /**
   * Each section's newest articles that the main and top stories above have not shown (the main
   * column names each story once), in the order of sections.json; a section left with none is skipped.
   */
  blocks: SectionBlock[];
}

/** `/`: the front page always exists (on an empty site it has no stories). The first few of short lists: cheap. */
export async function resolveHome(store: ArticleStore, now: number): Promise<ResolvedHome> {
  const [tops, feed, candidates] = await Promise.all([
    store.list({ top: true }, now, { offset: 0, limit: TOP_SIZE + 1 }),
    store.list({}, now, { offset: 0, limit: HOME_FEED_SIZE }),
    // Enough per section to fill a block when every story above belongs to it.
    sectionBlocks(store, now, SECTION_BLOCK_SIZE + TOP_SIZE + 1),
  ]);
  const main = tops[0] ?? feed[0];
  const top = tops.filter((a) => a.slug !== main?.slug).slice(0, TOP_SIZE);
  const shown = new Set([main, ...top].flatMap((a) => (a ? [a.slug] : [])));
  const blocks = candidates
    .map(({ section, articles }) => ({ section, articles: articles.filter((a) => !shown.has(a.slug)).slice(0, SECTION_BLOCK_SIZE) }))
    .filter((b) => b.articles.length > 0);
  return { ...(main ? { main } : {}), top, feed, blocks };
}
