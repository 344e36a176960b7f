import type { BreadcrumbList, CollectionPage, NewsArticle, Organization, SearchAction, WebSite, WithActionConstraints, WithContext } from "schema-dts";
import type { Article, Section, SiteConfig, SourceInfo } from "@/lib/content/types";
import { tagPath } from "@/lib/content/tags";
import { cropUrl, LD_CROPS } from "./photo-urls";
import { absoluteUrl, articleImagePath, articlePath, searchPath, sectionPath, sourcePath } from "./urls";

/** Google shows at most 110 characters of a headline; cut at a word and mark the cut. */
export function headline(title: string, max = 110): string {
  if (title.length <= max) return title;
  const cut = title.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.:;—–-]+$/, "")}…`;
}

export interface SeoContext {
  site: SiteConfig;
  base: string;
  /** BCP 47 language of the pages, e.g. "ru". */
  language: string;
  homeLabel: string;
}

export function organization({ site, base }: SeoContext) {
  return {
    "@type": "NewsMediaOrganization",
    name: site.name,
    url: absoluteUrl("/", base),
    // Square, at least 112×112 as Google asks (scripts/generate/make-brand-images.ts draws it).
    logo: { "@type": "ImageObject", url: absoluteUrl("/logo-square.png", base), width: "512", height: "512" },
  } as const satisfies Organization;
}

/** The photo in the crops Google asks for, each 1200 px wide: cut by /og/crop, or exported to MEDIA_BASE_URL (lib/seo/photo-urls.ts). */
export function imageCrops(src: string, base: string): string[] {
  if (/^https:/i.test(src)) return [src];
  return LD_CROPS.map((ratio) => cropUrl(src, ratio, base));
}

export function newsArticleJsonLd(article: Article, section: Section, ctx: SeoContext): WithContext<NewsArticle> {
  const url = absoluteUrl(articlePath(article.slug), ctx.base);
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: headline(article.title),
    description: article.lead,
    datePublished: article.date,
    dateModified: article.updated ?? article.date,
    // Google shows no rich result for an article without an image: one without a photo still has its
    // 1200×630 card (app/[locale]/news/[slug]/opengraph-image), the title over the site's colours.
    image: article.image ? imageCrops(article.image.src, ctx.base) : [absoluteUrl(articleImagePath(article.slug), ctx.base)],
    author: organization(ctx),
    publisher: organization(ctx),
    articleSection: section.name,
    ...(article.tags.length > 0 ? { keywords: article.tags.join(", ") } : {}),
    inLanguage: ctx.language,
    isAccessibleForFree: true,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
  };
}

export function breadcrumbJsonLd(items: { name: string; path: string }[], base: string): WithContext<BreadcrumbList> {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, i) => ({
      "@type": "ListItem",
      position: i + 1,
      name: item.name,
      item: absoluteUrl(item.path, base),
    })),
  };
}

/** One step of a breadcrumb trail: what the reader sees and where it leads. */
export interface Crumb {
  name: string;
  path: string;
}

/**
 * A trail as the visible breadcrumbs' items (components/Breadcrumbs.tsx): every step links but the
 * last, the current page; a list's first page is a step back from its page 2 on (`page` > 1), so
 * there it links too.
 */
export function trailItems(trail: Crumb[], page = 1): { name: string; href?: string }[] {
  return trail.map((c, i) => ({ name: c.name, ...(i < trail.length - 1 || page > 1 ? { href: c.path } : {}) }));
}

/**
 * Home → section → article. The visible breadcrumbs and the BreadcrumbList structured data are
 * both built from this, so they cannot drift apart.
 */
export function articleTrail(article: Article, section: Section, homeLabel: string): Crumb[] {
  return [...sectionTrail(section, homeLabel), { name: headline(article.title), path: articlePath(article.slug) }];
}

/** Home → section. */
export function sectionTrail(section: Section, homeLabel: string): Crumb[] {
  return collectionTrail(section.name, sectionPath(section.slug), homeLabel);
}

/** Home → a partner's page. */
export function sourceTrail(source: SourceInfo, homeLabel: string): Crumb[] {
  return collectionTrail(source.name, sourcePath(source.id), homeLabel);
}

/** Home → a list one step below it: a section, a tag. */
export function collectionTrail(name: string, path: string, homeLabel: string): Crumb[] {
  return [
    { name: homeLabel, path: "/" },
    { name, path },
  ];
}

export function articleBreadcrumbs(article: Article, section: Section, ctx: SeoContext) {
  return breadcrumbJsonLd(articleTrail(article, section, ctx.homeLabel), ctx.base);
}

/** The site search, for a search box under the site's result (the braces stay unencoded). */
function searchAction(base: string): WithActionConstraints<SearchAction> {
  return {
    "@type": "SearchAction",
    target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl(searchPath(""), base)}?q={search_term_string}` },
    "query-input": "required name=search_term_string",
  };
}

export function webSiteJsonLd(ctx: SeoContext): WithContext<WebSite> {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    name: ctx.site.name,
    url: absoluteUrl("/", ctx.base),
    inLanguage: ctx.language,
    ...(ctx.site.description ? { description: ctx.site.description } : {}),
    publisher: organization(ctx),
    potentialAction: searchAction(ctx.base),
  };
}

export function organizationJsonLd(ctx: SeoContext): WithContext<Organization> {
  return { "@context": "https://schema.org", ...organization(ctx) };
}

function collectionPage(name: string, path: string, ctx: SeoContext): WithContext<CollectionPage> {
  return {
    "@context": "https://schema.org",
    "@type": "CollectionPage",
    name,
    url: absoluteUrl(path, ctx.base),
    inLanguage: ctx.language,
    isPartOf: { "@type": "WebSite", name: ctx.site.name, url: absoluteUrl("/", ctx.base) },
    breadcrumb: breadcrumbJsonLd(collectionTrail(name, path, ctx.homeLabel), ctx.base),
  };
}

export function collectionPageJsonLd(section: Section, ctx: SeoContext): WithContext<CollectionPage> {
  return collectionPage(section.name, sectionPath(section.slug), ctx);
}

/** A partner's page: the articles it sent, one step below the home page. */
export function sourceCollectionJsonLd(source: SourceInfo, ctx: SeoContext): WithContext<CollectionPage> {
  return collectionPage(source.name, sourcePath(source.id), ctx);
}

/** A tag page: the tag's articles, one step below the home page. */
export function tagCollectionJsonLd(name: string, ctx: SeoContext): WithContext<CollectionPage> {
  return collectionPage(name, tagPath(name), ctx);
}

/** JSON for a <script type="application/ld+json">: `<` escaped so no text can close the tag. */
export function serializeJsonLd(data: object): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
