import { getTranslations } from "next-intl/server";
import { Link } from "./Link";
import type { Article } from "@/lib/content/types";
import { articlePath } from "@/lib/seo/urls";

/** "ТОП-новости <edition>": the newest articles marked `top`; `current`, the article being read, is marked so. */
export async function TopNews({ articles, editionGenitive, current }: { articles: Article[]; editionGenitive: string; current?: string }) {
  const t = await getTranslations("top");
  if (articles.length === 0) return null;
  return (
    <section aria-labelledby="top-news-title" className="font-sans">
      <h2 id="top-news-title" className="border-b-2 border-ink pb-1 text-lg font-bold tracking-wide">
        {t("title", { genitive: editionGenitive })}
      </h2>
      <ol className="mt-1">
        {articles.map((a, i) => (
          <li key={a.slug} className="flex gap-3 border-b border-rule py-2.5 last:border-0">
            <span aria-hidden="true" className="font-serif text-2xl font-bold leading-none text-accent">
              {i + 1}
            </span>
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
    </section>
  );
}
