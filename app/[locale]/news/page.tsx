import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ArticleCard } from "@/components/ArticleCard";
import { Pagination } from "@/components/Pagination";
import { STICKY_LAST } from "@/components/Sidebar";
import { TopNews } from "@/components/TopNews";
import { TwoColumnLayout } from "@/components/TwoColumnLayout";
import { formatDayHeading, groupByDay } from "@/lib/format/dates";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { resolveNewsList } from "@/lib/routing/routes/news";
import { pageMetadata } from "@/lib/seo/metadata";
import { newsPath } from "@/lib/seo/urls";
import { TOP_SIZE } from "@/lib/limits";
import { getStore } from "@/lib/store";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const resolved = await resolveNewsList(await getStore(), await searchParams, Date.now());
  if (!resolved) return {};
  const { page } = resolved.page;
  const [t, tp, seo] = await Promise.all([getTranslations("news"), getTranslations("pagination"), getSeoContext()]);
  const title = page > 1 ? tp("pageTitle", { title: t("title"), page }) : t("title");
  return pageMetadata({ ...seo, path: newsPath(page), title, description: t("description") });
}

export default async function NewsFeedPage({ searchParams }: Props) {
  const { store, catalog, now, timeZone, intl } = await getPageContext();
  // The proxy has already answered 404 when this is undefined (lib/routing/routes/table.ts).
  const resolved = await resolveNewsList(store, await searchParams, now);
  if (!resolved) notFound();
  const { page } = resolved;
  const [t, top] = await Promise.all([getTranslations("news"), store.list({ top: true }, now, { offset: 0, limit: TOP_SIZE })]);

  return (
    <TwoColumnLayout
      aside={
        <aside className="print:hidden">
          {/* The feed runs long: its one block stays in view (the sidebar's rule, components/Sidebar.tsx). */}
          <div className={STICKY_LAST}>
            <TopNews articles={top} editionGenitive={catalog.site.edition.genitive} />
          </div>
        </aside>
      }
    >
      <h1 className="border-b-2 border-ink pb-2 font-serif text-4xl font-bold">{t("title")}</h1>
      {groupByDay(page.items, timeZone).map((day) => (
        <section key={day.key} aria-labelledby={`day-${day.key}`} className="mt-6">
          <h2 id={`day-${day.key}`} className="font-sans text-sm font-bold uppercase tracking-wide text-muted">
            {formatDayHeading(day.ms, intl, timeZone)}
          </h2>
          {day.items.map((a) => (
            <ArticleCard key={a.slug} article={a} now={now} timeZone={timeZone} intl={intl} headingLevel={3} timeOnly />
          ))}
        </section>
      ))}
      <Pagination basePath={newsPath()} page={page.page} pageCount={page.pageCount} />
    </TwoColumnLayout>
  );
}
