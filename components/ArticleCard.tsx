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
  return (
    <article className="flex gap-4 border-b border-rule py-4">
      <div className="min-w-0 flex-1">
        <time dateTime={article.date} className="font-sans text-xs font-bold text-accent">
          {timeOnly ? formatTime(article.dateMs, intl, timeZone) : formatFeedTime(article.dateMs, now, intl, timeZone)}
        </time>
        <Heading className="mt-1 font-serif text-xl font-bold leading-snug">
          <Link href={articlePath(article.slug)} className="hover:text-accent">
            {article.title}
          </Link>
        </Heading>
        {article.lead && <p className="mt-1.5 line-clamp-3 font-serif text-base leading-relaxed text-muted">{article.lead}</p>}
      </div>
      {showImage && article.image && (
        <ArticlePhoto image={article.image} sizes="(min-width: 640px) 224px, 128px" className="w-32 shrink-0 self-start sm:w-56" />
      )}
    </article>
  );
}
