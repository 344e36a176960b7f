import { sectionBlocks, type SectionBlock } from "@/lib/content/queries";
import type { Article } from "@/lib/content/types";
import { FEED_SIZE, SECTION_BLOCK_SIZE, TOP_SIZE } from "@/lib/limits";
import type { ArticleStore } from "@/lib/store/types";

export interface ResolvedHome {
  /** The lead story: the newest top story, or without one the newest article; none on an empty site. */
  main?: Article;
  /** The other top stories. */
  top: Article[];
  /** The news feed beside them. */
  feed: Article[];
  /** Each non-empty section's newest articles, in the order of sections.json. */
  blocks: SectionBlock[];
}

/** `/`: the front page always exists (on an empty site it has no stories). The first few of short lists: cheap. */
export async function resolveHome(store: ArticleStore, now: number): Promise<ResolvedHome> {
  const [tops, feed, blocks] = await Promise.all([
    store.list({ top: true }, now, { offset: 0, limit: TOP_SIZE + 1 }),
    store.list({}, now, { offset: 0, limit: FEED_SIZE }),
    sectionBlocks(store, now, SECTION_BLOCK_SIZE),
  ]);
  const main = tops[0] ?? feed[0];
  return { ...(main ? { main } : {}), top: tops.filter((a) => a.slug !== main?.slug).slice(0, TOP_SIZE), feed, blocks };
}
