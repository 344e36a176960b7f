import type { PageContext } from "@/lib/page-context";
import { NewsFeed } from "./NewsFeed";
import { TopNews } from "./TopNews";
import { FEED_SIZE, TOP_SIZE } from "@/lib/limits";

/**
 * The right-hand column of every content page: the news feed and the top news. The column runs
 * the main column's whole height (a grid item), and on a desktop tall enough to show it whole the
 * last block stays in view while the reader scrolls (STICKY_LAST): without it, under a long
 * article the column ended after the feed and left the rest of the page empty. `current` is the
 * slug of the article being read, marked in both lists with aria-current.
 */
export async function Sidebar({ ctx, showTop = true, current }: { ctx: PageContext; showTop?: boolean; current?: string }) {
  const { store, catalog, now, timeZone, intl } = ctx;
  const [feed, top] = await Promise.all([
    store.list({}, now, { offset: 0, limit: FEED_SIZE }),
    showTop ? store.list({ top: true }, now, { offset: 0, limit: TOP_SIZE }) : [],
  ]);
  return (
    <aside className="flex flex-col gap-10 print:hidden">
      <NewsFeed articles={feed} now={now} timeZone={timeZone} intl={intl} current={current} />
      {showTop && (
        <div className={STICKY_LAST}>
          <TopNews articles={top} editionGenitive={catalog.site.edition.genitive} current={current} />
        </div>
      )}
    </aside>
  );
}

/**
 * A sidebar's last block follows the reader down the page on a desktop (`lg`, where the sidebar is
 * a column) whose window is tall enough to show it whole: a sticky block taller than the window
 * would hide its own end.
 */
export const STICKY_LAST = "lg:[@media(min-height:40rem)]:sticky lg:[@media(min-height:40rem)]:top-4";
