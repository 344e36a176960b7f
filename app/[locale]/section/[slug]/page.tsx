import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/ArticleList";
import { Breadcrumbs } from "@/components/Breadcrumbs";
import { Sidebar } from "@/components/Sidebar";
import { paginate, parsePageParam, sectionArticles } from "@/lib/content/queries";
import { getContentIndex } from "@/lib/content/store";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import { JsonLd } from "@/components/JsonLd";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { collectionPageJsonLd, sectionTrail } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";
import { sectionPath, sectionRssPath } from "@/lib/seo/urls";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ slug }, sp] = await Promise.all([params, searchParams]);
  const section = (await getContentIndex()).sectionBySlug.get(slug);
  const page = parsePageParam(sp.page);
  if (!section || !page) return {};
  const [t, tSection, tFeeds, seo] = await Promise.all([getTranslations("pagination"), getTranslations("section"), getTranslations("feeds"), getSeoContext()]);
  const title = page > 1 ? t("pageTitle", { title: section.name, page }) : section.name;
  const path = page > 1 ? `${sectionPath(slug)}?page=${page}` : sectionPath(slug);
  return pageMetadata({
    ...seo,
    path,
    title,
    description: tSection("description", { name: section.name, site: seo.site.name }),
    feeds: [{ path: sectionRssPath(slug), title: tFeeds("rssSectionTitle", { name: section.name }) }],
  });
}

export default async function SectionPage({ params, searchParams }: Props) {
  const [{ slug }, sp] = await Promise.all([params, searchParams]);
  const ctx = await getPageContext();
  const { index, now, timeZone, intl } = ctx;
  const section = index.sectionBySlug.get(slug);
  const pageNumber = parsePageParam(sp.page);
  if (!section || !pageNumber) notFound();
  const page = paginate(sectionArticles(index, section.slug, now), pageNumber, LIST_PAGE_SIZE);
  if (!page) notFound();
  const [t, seo] = await Promise.all([getTranslations("section"), getSeoContext()]);
  // The section's first page is the current page only on page 1; from page 2 it is a step back.
  const trail = sectionTrail(section, seo.homeLabel);
  const crumbs = trail.map((c, i) => ({ name: c.name, ...(i < trail.length - 1 || page.page > 1 ? { href: c.path } : {}) }));

  return (
    <div className="grid gap-12 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0">
        <JsonLd data={collectionPageJsonLd(section, seo)} />
        <Breadcrumbs items={crumbs} />
        <ArticleList
          title={section.name}
          count={t("count", { count: page.total })}
          countTestId="section-count"
          empty={t("empty")}
          page={page}
          basePath={sectionPath(section.slug)}
          now={now}
          timeZone={timeZone}
          intl={intl}
        />
      </div>
      <Sidebar ctx={ctx} />
    </div>
  );
}
