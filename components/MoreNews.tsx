import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { Article, Section } from "@/lib/content/types";
import { formatNumericDate } from "@/lib/format/dates";
import { articlePath } from "@/lib/seo/urls";

/** "Другие новости <section>": set in capitals, as on the page the portal grew from. */
export async function MoreNews({ section, articles, timeZone, intl }: { section: Section; articles: Article[]; timeZone: string; intl: string }) {
  if (articles.length === 0) return null;
  const t = await getTranslations("article");
  return (
    <section aria-labelledby="more-news-title" className="mt-12 print:hidden">
      <h2 id="more-news-title" className="border-b-2 border-ink pb-1 font-sans text-lg font-bold uppercase tracking-wide">
        {t("moreNews", { genitive: section.genitive })}
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
