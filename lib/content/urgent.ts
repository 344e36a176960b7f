import type { Article } from "./types";

/*
 * «Срочно»: an article with `urgent: true` shows a banner on every page from its publication until
 * site.json's `urgentHours` have passed. The banner is part of the page's HTML (no script): it is
 * decided when the page is rendered, from the newest published articles and the render's instant,
 * so it comes with the first published page and goes with the first one rendered after its expiry.
 */

/** The banner looks among this many of the newest published articles (a cached list per index version). */
export const URGENT_SCAN = 50;
const HOUR_MS = 3_600_000;

export interface UrgentNotice {
  article: Article;
  /** When the banner stops showing (epoch ms). */
  expiresMs: number;
}

/** The newest urgent article still within its hours at `now`, if any. `newest`: published, newest first. */
export function urgentNotice(newest: readonly Article[], now: number, hours: number): UrgentNotice | undefined {
  for (const article of newest) {
    if (!article.urgent || article.dateMs > now) continue;
    const expiresMs = article.dateMs + hours * HOUR_MS;
    if (now < expiresMs) return { article, expiresMs };
  }
  return undefined;
}

