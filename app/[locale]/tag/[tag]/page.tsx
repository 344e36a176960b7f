import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ArticleCard } from "@/components/ArticleCard";
import { Breadcrumbs } from "@/components/Breadcrumbs";
import { JsonLd } from "@/components/JsonLd";
import { Pagination } from "@/components/Pagination";
import { Sidebar } from "@/components/Sidebar";
import { paginate, parsePageParam } from "@/lib/content/queries";
import { getContentIndex } from "@/lib/content/store";
import { findTag, tagPath } from "@/lib/content/tags";
import { LIST_PAGE_SIZE } from "@/lib/limits";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { collectionTrail, tagCollectionJsonLd } from "@/lib/seo/json-ld";
import { decodePath } from "@/lib/routing/known-path";
import { pageMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ tag: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Next hands the segment over still percent-encoded (`%D0%A8%D0%9E%D0%A1`). */
const tagName = (segment: string) => decodePath(segment) ?? "";

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ tag: segment }, sp] = await Promise.all([params, searchParams]);
  const tag = findTag(await getContentIndex(), tagName(segment), Date.now());
  const page = parsePageParam(sp.page);
  if (!tag || !page) return {};
  const [t, tTag, seo] = await Promise.all([getTranslations("pagination"), getTranslations("tag"), getSeoContext()]);
  const heading = tTag("title", { name: tag.name });
  const path = page > 1 ? `${tagPath(tag.name)}?page=${page}` : tagPath(tag.name);
  return pageMetadata({
    ...seo,
    path,
    title: page > 1 ? t("pageTitle", { title: heading, page }) : heading,
    description: tTag("description", { name: tag.name, site: seo.site.name }),
  });
}

export default async function TagPage({ params, searchParams }: Props) {
  const [{ tag: segment }, sp] = await Promise.all([params, searchParams]);
  const ctx = await getPageContext();
  const { index, now, timeZone, intl } = ctx;
  // Other spellings were redirected to the tag's own by the proxy (canonicalRedirect).
  const tag = findTag(index, tagName(segment), now);
  const pageNumber = parsePageParam(sp.page);
  if (!tag || !pageNumber) notFound();
  const page = paginate(tag.articles, pageNumber, LIST_PAGE_SIZE);
  if (!page) notFound();
  const [t, seo] = await Promise.all([getTranslations("tag"), getSeoContext()]);
  // The same trail as the structured data; the tag's first page links back from page 2 on.
  const trail = collectionTrail(tag.name, tagPath(tag.name), seo.homeLabel);
  const crumbs = trail.map((c, i) => ({ name: c.name, ...(i < trail.length - 1 || page.page > 1 ? { href: c.path } : {}) }));

  return (
    <div className="grid gap-12 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <div className="min-w-0">
        <JsonLd data={tagCollectionJsonLd(tag.name, seo)} />
        <Breadcrumbs items={crumbs} />
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
      </div>
      <Sidebar ctx={ctx} />
    </div>
  );
}
