import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { Article } from "@/lib/content/types";
import { formatFeedTime } from "@/lib/format/dates";
import { FEED_SIZE } from "@/lib/limits";
import { articlePath, newsPath } from "@/lib/seo/urls";

/**
 * "Лента новостей": the newest articles of all sections, each with its time. `current` is the
 * article being read: its item stays (the list keeps its length) but says it is this page.
 */
export async function NewsFeed({
  articles,
  now,
  timeZone,
  intl,
  current,
}: {
  articles: Article[];
  now: number;
  timeZone: string;
  intl: string;
  current?: string;
}) {
  const t = await getTranslations("feed");
  return (
    <section aria-labelledby="news-feed-title" className="font-sans">
      <h2 id="news-feed-title" className="border-b-2 border-ink pb-1 text-lg font-bold uppercase tracking-wide">
        {t("title")}
      </h2>
      <ol className="divide-y divide-rule">
        {/* Past the usual ten (the home page's longer feed) only where the feed is a column beside
            the page: on a phone it follows the page, and fifteen more items only lengthen it. */}
        {articles.map((a, i) => (
          <li key={a.slug} className={i < FEED_SIZE ? "py-2.5" : "hidden py-2.5 lg:block"}>
            <time dateTime={a.date} className="block text-xs font-bold text-accent">
              {formatFeedTime(a.dateMs, now, intl, timeZone)}
            </time>
            <Link
              href={articlePath(a.slug)}
              aria-current={a.slug === current ? "page" : undefined}
              className="font-serif text-base leading-snug hover:text-accent"
            >
              {a.title}
            </Link>
          </li>
        ))}
      </ol>
      <Link href={newsPath()} className="mt-2 inline-block text-sm font-bold text-accent hover:underline">
        {t("all")} →
      </Link>
    </section>
  );
}
