/** How many items each block and list page shows (the pages described in docs/features.md). */
export const FEED_SIZE = 10;
export const TOP_SIZE = 5;
export const MORE_NEWS_SIZE = 5;
/** «По теме» under an article: at most this many (none: no block). */
export const RELATED_SIZE = 5;
export const LIST_PAGE_SIZE = 20;
export const SECTION_BLOCK_SIZE = 4;
/** Search: results per page. */
export const SEARCH_PAGE_SIZE = 20;
