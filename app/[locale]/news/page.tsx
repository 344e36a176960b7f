import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ArticleCard } from "@/components/ArticleCard";
import { Pagination } from "@/components/Pagination";
import { TopNews } from "@/components/TopNews";
import { paginate, parsePageParam, publishedArticles, topNews } from "@/lib/content/queries";
import { formatDayHeading, groupByDay } from "@/lib/format/dates";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { pageMetadata } from "@/lib/seo/metadata";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const page = parsePageParam((await searchParams).page);
  const [t, tp, seo] = await Promise.all([getTranslations("news"), getTranslations("pagination"), getSeoContext()]);
  const title = page && page > 1 ? tp("pageTitle", { title: t("title"), page }) : t("title");
  return pageMetadata({ ...seo, path: page && page > 1 ? `/news?page=${page}` : "/news", title, description: t("description") });
}

export default async function NewsFeedPage({ searchParams }: Props) {
  const pageNumber = parsePageParam((await searchParams).page);
  if (!pageNumber) notFound();
  const { index, now, timeZone, intl } = await getPageContext();
  const page = paginate(publishedArticles(index, now), pageNumber, LIST_PAGE_SIZE);
  if (!page) notFound();
  const t = await getTranslations("news");

  return (
    <div className="grid gap-12 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0">
        <h1 className="border-b-2 border-ink pb-2 font-serif text-4xl font-bold">{t("title")}</h1>
        {groupByDay(page.items, timeZone).map((day) => (
          <section key={day.key} aria-labelledby={`day-${day.key}`} className="mt-6">
            <h2 id={`day-${day.key}`} className="font-sans text-sm font-bold uppercase tracking-wide text-muted">
              {formatDayHeading(day.ms, intl, timeZone)}
            </h2>
            {day.items.map((a) => (
              <ArticleCard key={a.slug} article={a} now={now} timeZone={timeZone} intl={intl} headingLevel={3} />
            ))}
          </section>
        ))}
        <Pagination basePath="/news" page={page.page} pageCount={page.pageCount} />
      </div>
      <aside className="print:hidden">
        <TopNews articles={topNews(index, now)} editionGenitive={index.site.edition.genitive} />
      </aside>
    </div>
  );
}
