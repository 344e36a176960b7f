/**
 * What shared caches (the nginx micro-cache in deploy/nginx, a CDN) may do with pages, feeds and
 * sitemaps. The promise to editors is that a change shows within 5 s: the server notices a file
 * within about a second, and a shared cache may then still hand out a copy for at most s-maxage +
 * stale-while-revalidate seconds (plus up to one second, as nginx counts in whole seconds).
 * Browsers always revalidate (max-age=0).
 */
export const SHARED_MAX_AGE_SECONDS = 1;
export const STALE_WHILE_REVALIDATE_SECONDS = 1;

/** Pages, feeds and sitemaps: the same budget, as all of them list the newest articles. */
export const SHARED_CACHE_CONTROL = `public, max-age=0, s-maxage=${SHARED_MAX_AGE_SECONDS}, stale-while-revalidate=${STALE_WHILE_REVALIDATE_SECONDS}`;
