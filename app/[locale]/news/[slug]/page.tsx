import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { ArticleNeighbours } from "@/components/ArticleNeighbours";
import { ArticlePhoto } from "@/components/ArticlePhoto";
import { Breadcrumbs } from "@/components/Breadcrumbs";
import { ShareLinks } from "@/components/ShareLinks";
import { SourceAttribution } from "@/components/SourceAttribution";
import { DraftBanner } from "@/components/DraftBanner";
import { MoreNews } from "@/components/MoreNews";
import { RelatedNews } from "@/components/RelatedNews";
import { Sidebar } from "@/components/Sidebar";
import { TagList } from "@/components/TagList";
import { TwoColumnLayout } from "@/components/TwoColumnLayout";
import { findSource, isPublished, moreNews, relatedNews } from "@/lib/content/queries";
import { getArticleBody } from "@/lib/content/store";
import { tagLinks } from "@/lib/content/tags";
import { formatNumericDate, formatTime, formatUpdated } from "@/lib/format/dates";
import { readingMinutes } from "@/lib/format/reading-time";
import { MORE_NEWS_SIZE, RELATED_SIZE } from "@/lib/limits";
import { getPageContext, getSeoContext } from "@/lib/page-context";
import { resolveArticle } from "@/lib/routing/routes/news";
import { articleBreadcrumbs, articleTrail, newsArticleJsonLd, trailItems } from "@/lib/seo/json-ld";
import { isPreviewOf } from "@/lib/security/preview-request";
import { pageMetadata } from "@/lib/seo/metadata";
import { absoluteUrl, articlePath, sourcePath } from "@/lib/seo/urls";
import { JsonLd } from "@/components/JsonLd";
import { getStore } from "@/lib/store";
import type { ArticleStore } from "@/lib/store/types";

type Props = { params: Promise<{ slug: string }> };

/**
 * Readers get published articles only; an editor with a preview cookie for this slug also gets it
 * when it is a draft or scheduled (the cookie is checked against PREVIEW_TOKEN: lib/security/preview.ts).
 * The proxy asked the same resolver first (lib/routing/routes/table.ts).
 */
async function findArticle(store: ArticleStore, slug: string, now: number) {
  return resolveArticle(store, slug, now, { preview: await isPreviewOf(slug, now) });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const now = Date.now();
  const store = await getStore();
  const resolved = await findArticle(store, slug, now);
  if (!resolved) return {};
  const { article, section } = resolved;
  const seo = await getSeoContext();
  return {
    ...pageMetadata({
      ...seo,
      path: articlePath(article.slug),
      title: article.title,
      description: article.lead,
      article,
      sectionName: section.name,
    }),
    ...(isPublished(article, now) && !(await isPreviewOf(slug, now)) ? {} : { robots: { index: false, follow: false } }),
  };
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const ctx = await getPageContext();
  const { store, now, timeZone, intl } = ctx;
  const resolved = await findArticle(store, slug, now);
  if (!resolved) notFound();
  const { article, section } = resolved;
  const [preview, body, t, { previous, next }, more, tags] = await Promise.all([
    isPreviewOf(slug, now),
    getArticleBody(article),
    getTranslations("article"),
    store.neighbours(article, now),
    moreNews(store, article, now, MORE_NEWS_SIZE),
    tagLinks(store, article.tags, now),
  ]);
  // «По теме» offers none of the stories «Другие новости …» and the neighbours already show.
  const related = await relatedNews(store, article, now, [...more, ...(previous ? [previous] : []), ...(next ? [next] : [])], RELATED_SIZE);
  const seo = await getSeoContext();
  const trail = articleTrail(article, section, seo.homeLabel);
  const canonical = absoluteUrl(articlePath(article.slug), seo.base);
  // The name links to the partner's page only when that page exists (a partner of sources.json,
  // or one removed from it that still has published articles).
  const updated = article.updated ? formatUpdated(article.dateMs, Date.parse(article.updated), intl, timeZone) : undefined;
  const partner = article.source?.id !== undefined ? await findSource(store, article.source.id, now) : undefined;

  return (
    <TwoColumnLayout aside={<Sidebar ctx={ctx} current={article.slug} />}>
      {preview && <DraftBanner article={article} now={now} timeZone={timeZone} intl={intl} />}
      <JsonLd data={newsArticleJsonLd(article, section, seo)} />
      <JsonLd data={articleBreadcrumbs(article, section, seo)} />
      {/* The trail stops at the section: its last step repeated the whole headline right above the
          identical h1. The structured data keeps the article as its last item (articleBreadcrumbs). */}
      <Breadcrumbs items={trailItems(trail).slice(0, -1)} />
      <article>
        <header>
          <h1 className="font-serif text-3xl font-bold leading-tight tracking-tight text-balance sm:text-[2.6rem]">{article.title}</h1>
          {article.lead && <p className="lead mt-4 font-serif text-lg leading-relaxed font-bold text-ink-soft sm:text-xl">{article.lead}</p>}
          <div className="mt-4 flex flex-col gap-1 border-y border-rule py-2 font-sans text-sm text-muted">
            <SourceAttribution source={article.source} also={article.also} {...(partner ? { partnerHref: sourcePath(partner.id) } : {})} />
            {/* «04.03.2024, 12:40 — Разное», as the seed's site sets it, then the reading time and
                the update; each of those never breaks inside itself. */}
            <p>
              {t.rich("dateLine", {
                date: formatNumericDate(article.dateMs, intl, timeZone),
                time: formatTime(article.dateMs, intl, timeZone),
                rubric: article.rubric,
                when: (chunks) => (
                  <time dateTime={article.date} className="whitespace-nowrap">
                    {chunks}
                  </time>
                ),
              })}
              <span aria-hidden="true"> · </span>
              <span data-testid="reading-time" className="whitespace-nowrap">
                {t("readingTime", { minutes: readingMinutes(article.wordCount) })}
              </span>
              {updated && (
                <>
                  <span aria-hidden="true"> · </span>
                  <span data-testid="updated" className="whitespace-nowrap">
                    {updated.date ? t("updated", { date: updated.date, time: updated.time }) : t("updatedSameDay", { time: updated.time })}
                  </span>
                </>
              )}
            </p>
          </div>
          {/* On paper the reader cannot see where the page came from: its address, printed only. */}
          <p className="mt-2 hidden font-sans text-sm print:block" data-testid="print-address">
            {t("printAddress", { url: canonical })}
          </p>
        </header>

        {article.image && (
          <figure className="mt-6">
            <ArticlePhoto image={article.image} sizes="(min-width: 1152px) 800px, (min-width: 1024px) 70vw, 100vw" priority />
            {article.image.credit && <figcaption className="mt-1.5 font-sans text-xs text-muted">{t("photo", { credit: article.image.credit })}</figcaption>}
          </figure>
        )}

        <div className="article-body mt-6" dangerouslySetInnerHTML={{ __html: body.html }} />

        {article.source?.url && (
          <p className="mt-8 font-sans text-sm text-muted">
            {article.source.name}{" "}
            <a href={article.source.url} rel="noopener noreferrer" className="print-url text-accent underline hover:text-accent-dark">
              {t("original")}
            </a>
          </p>
        )}

        <TagList tags={tags} className="mt-4" />

        <ShareLinks url={canonical} title={article.title} />

        <ArticleNeighbours previous={previous} next={next} />
      </article>

      <RelatedNews articles={related} timeZone={timeZone} intl={intl} />

      <MoreNews section={section} articles={more} timeZone={timeZone} intl={intl} />
    </TwoColumnLayout>
  );
}
