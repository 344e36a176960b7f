import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ArticleCard } from "@/components/ArticleCard";
import { Breadcrumbs } from "@/components/Breadcrumbs";
import { JsonLd } from "@/components/JsonLd";
import { Pagination } from "@/components/Pagination";
import { Sidebar } from "@/components/Sidebar";
import { TwoColumnLayout } from "@/components/TwoColumnLayout";
import { getStore } from "@/lib/store";
import { tagPath } from "@/lib/content/tags";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { collectionTrail, tagCollectionJsonLd, trailItems } from "@/lib/seo/json-ld";
import { decodePath } from "@/lib/routing/known-path";
import { resolveTag } from "@/lib/routing/routes/tag";
import { pageMetadata } from "@/lib/seo/metadata";
import { withPage } from "@/lib/seo/urls";

type Props = { params: Promise<{ tag: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Next hands the segment over still percent-encoded (`%D0%A8%D0%9E%D0%A1`). */
const tagName = (segment: string) => decodePath(segment) ?? "";

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ tag: segment }, sp] = await Promise.all([params, searchParams]);
  const resolved = await resolveTag(await getStore(), tagName(segment), sp, Date.now());
  if (!resolved) return {};
  const { tag } = resolved;
  const { page } = resolved.page;
  const [t, tTag, seo] = await Promise.all([getTranslations("pagination"), getTranslations("tag"), getSeoContext()]);
  const heading = tTag("title", { name: tag.name });
  return pageMetadata({
    ...seo,
    path: withPage(tagPath(tag.name), page),
    title: page > 1 ? t("pageTitle", { title: heading, page }) : heading,
    description: tTag("description", { name: tag.name, site: seo.site.name }),
  });
}

export default async function TagPage({ params, searchParams }: Props) {
  const [{ tag: segment }, sp] = await Promise.all([params, searchParams]);
  const ctx = await getPageContext();
  const { store, now, timeZone, intl } = ctx;
  // Other spellings were redirected to the tag's own by the proxy (canonicalRedirect).
  const resolved = await resolveTag(store, tagName(segment), sp, now);
  if (!resolved) notFound();
  const { tag, page } = resolved;
  const [t, seo] = await Promise.all([getTranslations("tag"), getSeoContext()]);

  return (
    <TwoColumnLayout aside={<Sidebar ctx={ctx} />}>
      <JsonLd data={tagCollectionJsonLd(tag.name, seo)} />
      {/* The same trail as the structured data; the tag's first page links back from page 2 on. */}
      <Breadcrumbs items={trailItems(collectionTrail(tag.name, tagPath(tag.name), seo.homeLabel), page.page)} />
      <header className="border-b-2 border-ink pb-2">
        <p className="font-sans text-xs font-bold uppercase tracking-wide text-accent">{t("kicker")}</p>
        <h1 className="font-serif text-4xl font-bold">{tag.name}</h1>
        <p className="mt-1 font-sans text-sm text-muted" data-testid="tag-count">
          {t("count", { count: page.total })}
        </p>
      </header>
      {page.items.map((a) => (
        <ArticleCard key={a.slug} article={a} now={now} timeZone={timeZone} intl={intl} />
      ))}
      <Pagination basePath={tagPath(tag.name)} page={page.page} pageCount={page.pageCount} />
    </TwoColumnLayout>
  );
}
