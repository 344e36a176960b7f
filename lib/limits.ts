/** How many items each block and list page shows (the pages described in docs/features.md). */
export const FEED_SIZE = 10;
/**
 * The home page's feed: its sidebar holds the feed alone, beside a main column of some thirty
 * stories, and at 10 items it ended a third of the way down and left ~2,700 px empty on a desktop.
 */
export const HOME_FEED_SIZE = 25;
export const TOP_SIZE = 5;
export const MORE_NEWS_SIZE = 5;
/** «По теме» under an article: at most this many (none: no block). */
export const RELATED_SIZE = 5;
export const LIST_PAGE_SIZE = 20;
export const SECTION_BLOCK_SIZE = 4;
/** Search: results per page. */
export const SEARCH_PAGE_SIZE = 20;
