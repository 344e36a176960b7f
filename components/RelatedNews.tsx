import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { Article } from "@/lib/content/types";
import { formatNumericDate } from "@/lib/format/dates";
import { articlePath } from "@/lib/seo/urls";

/** «По теме»: stories sharing the article's tags or the words of its headline (store.related). */
export async function RelatedNews({ articles, timeZone, intl }: { articles: Article[]; timeZone: string; intl: string }) {
  if (articles.length === 0) return null;
  const t = await getTranslations("article");
  return (
    <section aria-labelledby="related-title" className="mt-10 print:hidden" data-testid="related">
      <h2 id="related-title" className="border-b-2 border-ink pb-1 font-sans text-lg font-bold uppercase tracking-wide">
        {t("related")}
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
