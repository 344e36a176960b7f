import { Link } from "./Link";
import type { Article } from "@/lib/content/types";
import { formatFeedTime, formatTime } from "@/lib/format/dates";
import { ArticlePhoto } from "./ArticlePhoto";
import { articlePath } from "@/lib/seo/urls";

/**
 * One article in a list: time, title, lead, and a thumbnail when it has a photo. `timeOnly`: the
 * list is grouped under day headings, which already say the day: the clock alone.
 */
export function ArticleCard({
  article,
  now,
  timeZone,
  intl,
  showImage = true,
  headingLevel = 2,
  timeOnly = false,
}: {
  article: Article;
  now: number;
  timeZone: string;
  intl: string;
  showImage?: boolean;
  headingLevel?: 2 | 3;
  timeOnly?: boolean;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const photo = showImage && article.image;
  // A grid, not a row: on a phone the time and the headline take the card's full width and the
  // thumbnail sits beside the lead only (beside the headline it squeezed it into ~210 px, seven
  // lines for a long one); from `sm` on the thumbnail spans the card's right side as before.
  return (
    // Each text row starts in the first column: auto-placed, a headline went beside the time.
    <article className={`grid border-b border-rule py-4 ${photo ? "grid-cols-[minmax(0,1fr)_auto] gap-x-4 sm:grid-rows-[auto_auto_1fr]" : ""}`}>
      <time dateTime={article.date} className="col-span-2 col-start-1 block font-sans text-xs font-bold text-accent sm:col-span-1">
        {timeOnly ? formatTime(article.dateMs, intl, timeZone) : formatFeedTime(article.dateMs, now, intl, timeZone)}
      </time>
      <Heading className="col-span-2 col-start-1 mt-1 font-serif text-xl font-bold leading-snug sm:col-span-1">
        <Link href={articlePath(article.slug)} className="hover:text-accent">
          {article.title}
        </Link>
      </Heading>
      {article.lead && <p className="col-start-1 mt-1.5 line-clamp-3 font-serif text-base leading-relaxed text-muted">{article.lead}</p>}
      {photo && (
        <ArticlePhoto
          image={photo}
          sizes="(min-width: 640px) 224px, 128px"
          className="col-start-2 row-start-3 mt-2 w-32 self-start sm:row-span-3 sm:row-start-1 sm:mt-0 sm:w-56"
        />
      )}
    </article>
  );
}
