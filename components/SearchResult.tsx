import type { Article } from "@/lib/content/types";
import { formatNumericDate } from "@/lib/format/dates";
import type { Segment } from "@/lib/search/highlight";
import { articlePath } from "@/lib/seo/urls";
import { Highlighted } from "./Highlighted";
import { Link } from "./Link";
import { TagList, type TagItem } from "./TagList";

/** One search result: date and section, the title and a passage with the searched-for words marked, the tags. */
export function SearchResult({
  article,
  sectionName,
  title,
  passage,
  tags,
  timeZone,
  intl,
}: {
  article: Article;
  sectionName: string;
  title: Segment[];
  passage: Segment[];
  tags: TagItem[];
  timeZone: string;
  intl: string;
}) {
  return (
    <article className="border-b border-rule py-4">
      <p className="font-sans text-xs text-muted">
        <time dateTime={article.date} className="font-bold text-accent">
          {formatNumericDate(article.dateMs, intl, timeZone)}
        </time>
        <span aria-hidden="true"> · </span>
        {sectionName}
      </p>
      <h2 className="mt-1 font-serif text-xl font-bold leading-snug">
        <Link href={articlePath(article.slug)} className="hover:text-accent">
          <Highlighted segments={title} />
        </Link>
      </h2>
      {passage.length > 0 && (
        <p className="mt-1.5 font-serif text-[1.02rem] leading-relaxed text-muted" data-testid="search-snippet">
          <Highlighted segments={passage} />
        </p>
      )}
      <TagList tags={tags} className="mt-2" />
    </article>
  );
}
