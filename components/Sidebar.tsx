import type { PageContext } from "@/lib/page-context";
import { latest, topNews } from "@/lib/content/queries";
import { NewsFeed } from "./NewsFeed";
import { TopNews } from "./TopNews";
import { FEED_SIZE, TOP_SIZE } from "@/lib/limits";

/** The right-hand column of every content page: the news feed and the top news. */
export function Sidebar({ ctx, showTop = true }: { ctx: PageContext; showTop?: boolean }) {
  const { index, now, timeZone, intl } = ctx;
  return (
    <aside className="flex flex-col gap-10 print:hidden">
      <NewsFeed articles={latest(index, now, FEED_SIZE)} now={now} timeZone={timeZone} intl={intl} />
      {showTop && <TopNews articles={topNews(index, now, TOP_SIZE)} editionGenitive={index.site.edition.genitive} />}
    </aside>
  );
}
