import type { Metadata } from "next";
import { typesetDisplay } from "@/lib/content/typography";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/ArticleList";
import { Breadcrumbs } from "@/components/Breadcrumbs";
import { JsonLd } from "@/components/JsonLd";
import { Sidebar } from "@/components/Sidebar";
import { TwoColumnLayout } from "@/components/TwoColumnLayout";
import { getStore } from "@/lib/store";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { resolveSource } from "@/lib/routing/routes/source";
import { sourceCollectionJsonLd, sourceTrail, trailItems } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";
import { sourcePath, sourceRssPath } from "@/lib/seo/urls";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A partner's page, `/source/<id>`: what the site received from one partner feed, newest first,
 * paged like a section. The proxy has already answered 404 for an id with no page
 * (lib/routing/routes/source.ts): one neither in sources.json nor on any published article.
 */
export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const resolved = await resolveSource(await getStore(), id, sp, Date.now());
  if (!resolved) return {};
  const { source } = resolved;
  const { page } = resolved.page;
  const [t, tSource, tFeeds, seo] = await Promise.all([getTranslations("pagination"), getTranslations("source"), getTranslations("feeds"), getSeoContext()]);
  return pageMetadata({
    ...seo,
    path: sourcePath(source.id, page),
    title: page > 1 ? t("pageTitle", { title: source.name, page }) : source.name,
    description: tSource("description", { name: source.name, site: seo.site.name }),
    feeds: [{ path: sourceRssPath(source.id), title: tFeeds("rssSourceTitle", { name: source.name }) }],
  });
}

export default async function SourcePage({ params, searchParams }: Props) {
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const ctx = await getPageContext();
  const { store, now, timeZone, intl } = ctx;
  const resolved = await resolveSource(store, id, sp, now);
  if (!resolved) notFound();
  const { source, page } = resolved;
  const [t, seo] = await Promise.all([getTranslations("source"), getSeoContext()]);

  return (
    <TwoColumnLayout aside={<Sidebar ctx={ctx} />}>
      <JsonLd data={sourceCollectionJsonLd(source, seo)} />
      {/* The same trail as the structured data; the first page links back from page 2 on. */}
      <Breadcrumbs items={trailItems(sourceTrail(source, seo.homeLabel), page.page)} />
      <ArticleList
        title={source.name}
        kicker={t("kicker")}
        intro={
          <p className="mt-2 font-serif text-lg leading-relaxed text-ink-soft" data-testid="source-intro">
            {t("intro", { name: source.name, site: seo.site.name })}
          </p>
        }
        feed={{ href: sourceRssPath(source.id), label: t("rss") }}
        count={t("count", { count: page.total })}
        countTestId="source-count"
        empty={typesetDisplay(t("empty"))}
        page={page}
        basePath={sourcePath(source.id)}
        now={now}
        timeZone={timeZone}
        intl={intl}
      />
    </TwoColumnLayout>
  );
}
