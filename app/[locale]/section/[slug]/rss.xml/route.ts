import { getTranslations } from "next-intl/server";
import { hasLocale } from "next-intl";
import { routing } from "@/i18n/routing";
import { sectionArticles } from "@/lib/content/queries";
import { getContentIndex, withBodies } from "@/lib/content/store";
import { localeFormats } from "@/lib/i18n/locales";
import { resolveSectionRss } from "@/lib/routing/routes/section";
import { RSS_SIZE, rssXml } from "@/lib/seo/feeds";
import { sectionPath, sectionRssPath, siteUrl } from "@/lib/seo/urls";
import { notFoundText, xmlResponse } from "@/lib/seo/xml-response";

export const dynamic = "force-dynamic";

/** One section's feed: `/section/<slug>/rss.xml`. */
export async function GET(_req: Request, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  const index = await getContentIndex();
  // The proxy asked the same resolver first (lib/routing/routes/table.ts).
  const section = resolveSectionRss(index, slug)?.section;
  if (!section || !hasLocale(routing.locales, locale)) return notFoundText();
  const t = await getTranslations({ locale, namespace: "feeds" });
  const channel = {
    title: t("section", { name: section.name, site: index.site.name }),
    description: t("sectionDescription", { genitive: section.genitive, site: index.site.name }),
    pagePath: sectionPath(slug),
    feedPath: sectionRssPath(slug),
    language: localeFormats[locale].htmlLang,
  };
  const articles = sectionArticles(index, slug, Date.now()).slice(0, RSS_SIZE);
  return xmlResponse(rssXml(channel, await withBodies(articles), index.sectionBySlug, siteUrl()), "application/rss+xml");
}
