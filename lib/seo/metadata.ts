import type { Metadata } from "next";
import type { Article, SiteConfig } from "@/lib/content/types";
import { absoluteUrl, articleImagePath } from "./urls";

export interface PageSeo {
  site: SiteConfig;
  base: string;
  /** Open Graph locale, e.g. ru_RU. */
  ogLocale: string;
  /** Path of the page without the locale prefix; also its canonical URL. */
  path: string;
  title: string;
  description: string;
  article?: Article;
  sectionName?: string;
  /** RSS feeds to announce besides the site feed, e.g. a section's. */
  feeds?: { path: string; title: string }[];
}

export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

/**
 * The preview image: an article's generated card (title over its photo), or the site's card, whose
 * only content is the site's mark: its alt text is the site's name (og:image:alt, twitter:image:alt).
 */
export function ogImage(article: Article | undefined, base: string, siteName: string): { url: string; alt: string } {
  if (article) return { url: absoluteUrl(articleImagePath(article.slug), base), alt: article.title };
  return { url: absoluteUrl("/og-default.png", base), alt: siteName };
}

/** Canonical URL, hreflang alternates, Open Graph and Twitter tags for one page. */
export function pageMetadata({ site, base, ogLocale, path, title, description, article, sectionName, feeds = [] }: PageSeo): Metadata {
  const url = absoluteUrl(path, base);
  const image = ogImage(article, base, site.name);
  const images = [{ url: image.url, width: OG_WIDTH, height: OG_HEIGHT, alt: image.alt }];
  return {
    title,
    description,
    // Set per page rather than in the layout, so that 404 pages carry Next's noindex alone.
    robots: { index: true, follow: true, "max-image-preview": "large", googleBot: { index: true, follow: true, "max-image-preview": "large" } },
    alternates: {
      canonical: url,
      languages: { ru: url, "x-default": url },
      types: {
        "application/rss+xml": [
          { url: absoluteUrl("/rss.xml", base), title: site.name },
          ...feeds.map((f) => ({ url: absoluteUrl(f.path, base), title: f.title })),
        ],
      },
    },
    openGraph: article
      ? {
          type: "article",
          locale: ogLocale,
          siteName: site.name,
          url,
          title,
          description,
          images,
          publishedTime: article.date,
          modifiedTime: article.updated ?? article.date,
          ...(sectionName ? { section: sectionName } : {}),
          tags: article.tags,
        }
      : { type: "website", locale: ogLocale, siteName: site.name, url, title, description, images },
    twitter: { card: "summary_large_image", title, description, images: [{ url: image.url, alt: image.alt }] },
  };
}
