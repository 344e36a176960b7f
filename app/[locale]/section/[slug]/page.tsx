import type { Metadata } from "next";
import { typesetDisplay } from "@/lib/content/typography";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ArticleList } from "@/components/ArticleList";
import { Breadcrumbs } from "@/components/Breadcrumbs";
import { Sidebar } from "@/components/Sidebar";
import { TwoColumnLayout } from "@/components/TwoColumnLayout";
import { getStore } from "@/lib/store";
import { JsonLd } from "@/components/JsonLd";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { resolveSection } from "@/lib/routing/routes/section";
import { collectionPageJsonLd, sectionTrail, trailItems } from "@/lib/seo/json-ld";
import { pageMetadata } from "@/lib/seo/metadata";
import { sectionPath, sectionRssPath } from "@/lib/seo/urls";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ slug }, sp] = await Promise.all([params, searchParams]);
  const resolved = await resolveSection(await getStore(), slug, sp, Date.now());
  if (!resolved) return {};
  const { section } = resolved;
  const { page } = resolved.page;
  const [t, tSection, tFeeds, seo] = await Promise.all([getTranslations("pagination"), getTranslations("section"), getTranslations("feeds"), getSeoContext()]);
  const title = page > 1 ? t("pageTitle", { title: section.name, page }) : section.name;
  return pageMetadata({
    ...seo,
    path: sectionPath(section.slug, page),
    title,
    description: tSection("description", { name: section.name, site: seo.site.name }),
    feeds: [{ path: sectionRssPath(section.slug), title: tFeeds("rssSectionTitle", { name: section.name }) }],
  });
}

export default async function SectionPage({ params, searchParams }: Props) {
  const [{ slug }, sp] = await Promise.all([params, searchParams]);
  const ctx = await getPageContext();
  const { store, now, timeZone, intl } = ctx;
  // The proxy has already answered 404 when this is undefined (lib/routing/routes/table.ts).
  const resolved = await resolveSection(store, slug, sp, now);
  if (!resolved) notFound();
  const { section, page } = resolved;
  const [t, seo] = await Promise.all([getTranslations("section"), getSeoContext()]);

  return (
    <TwoColumnLayout aside={<Sidebar ctx={ctx} />}>
      <JsonLd data={collectionPageJsonLd(section, seo)} />
      <Breadcrumbs items={trailItems(sectionTrail(section, seo.homeLabel), page.page)} />
      <ArticleList
        title={section.name}
        count={t("count", { count: page.total })}
        countTestId="section-count"
        empty={typesetDisplay(t("empty"))}
        page={page}
        basePath={sectionPath(section.slug)}
        now={now}
        timeZone={timeZone}
        intl={intl}
      />
    </TwoColumnLayout>
  );
}
