import type { ReactNode } from "react";
import { Link } from "./Link";
import type { Article } from "@/lib/content/types";
import { formatNumericDate } from "@/lib/format/dates";
import { articlePath } from "@/lib/seo/urls";

/**
 * A titled list of stories under an article, each with its date: «По теме» and «Другие новости
 * <section>» look alike on purpose (one block, one style), and are left off paper.
 */
export function DatedStoryList({
  id,
  title,
  articles,
  timeZone,
  intl,
  className,
  testId,
}: {
  id: string;
  title: ReactNode;
  articles: Article[];
  timeZone: string;
  intl: string;
  className: string;
  testId?: string;
}) {
  return (
    <section aria-labelledby={id} className={`${className} print:hidden`} data-testid={testId}>
      <h2 id={id} className="border-b-2 border-ink pb-1 font-sans text-lg font-bold uppercase tracking-wide">
        {title}
      </h2>
      <ul className="divide-y divide-rule">
        {articles.map((a) => (
          <li key={a.slug} className="flex items-baseline gap-3 py-2.5">
            <time dateTime={a.date} className="shrink-0 font-sans text-xs font-bold text-muted">
              {formatNumericDate(a.dateMs, intl, timeZone)}
            </time>
            <Link href={articlePath(a.slug)} className="font-serif text-base leading-snug hover:text-accent">
              {a.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
