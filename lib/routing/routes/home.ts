import { latest, sectionBlocks, topNews, type SectionBlock } from "@/lib/content/queries";
import type { Article, ContentIndex } from "@/lib/content/types";
import { FEED_SIZE, SECTION_BLOCK_SIZE, TOP_SIZE } from "@/lib/limits";

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

/** `/`: the front page always exists (on an empty site it has no stories). Slices of the published view: cheap. */
export function resolveHome(index: ContentIndex, now: number): ResolvedHome {
  const tops = topNews(index, now, TOP_SIZE + 1);
  const feed = latest(index, now, FEED_SIZE);
  const main = tops[0] ?? feed[0];
  return { ...(main ? { main } : {}), top: tops.filter((a) => a !== main).slice(0, TOP_SIZE), feed, blocks: sectionBlocks(index, now, SECTION_BLOCK_SIZE) };
}
