import type { PageContext } from "@/lib/page-context";
import { NewsFeed } from "./NewsFeed";
import { TopNews } from "./TopNews";
import { FEED_SIZE, TOP_SIZE } from "@/lib/limits";

/** The right-hand column of every content page: the news feed and the top news. */
export async function Sidebar({ ctx, showTop = true }: { ctx: PageContext; showTop?: boolean }) {
  const { store, catalog, now, timeZone, intl } = ctx;
  const [feed, top] = await Promise.all([
    store.list({}, now, { offset: 0, limit: FEED_SIZE }),
    showTop ? store.list({ top: true }, now, { offset: 0, limit: TOP_SIZE }) : [],
  ]);
  return (
    <aside className="flex flex-col gap-10 print:hidden">
      <NewsFeed articles={feed} now={now} timeZone={timeZone} intl={intl} />
      {showTop && <TopNews articles={top} editionGenitive={catalog.site.edition.genitive} />}
    </aside>
  );
}
