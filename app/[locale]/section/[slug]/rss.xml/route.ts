import { getTranslations } from "next-intl/server";
import { hasLocale } from "next-intl";
import { routing } from "@/i18n/routing";
import { withBodies } from "@/lib/content/store";
import { localeFormats } from "@/lib/i18n/locales";
import { resolveSectionRss } from "@/lib/routing/routes/section";
import { RSS_SIZE, rssXml } from "@/lib/seo/feeds";
import { sectionPath, sectionRssPath, siteUrl } from "@/lib/seo/urls";
import { notFoundText, xmlResponse } from "@/lib/seo/xml-response";
import { getStore } from "@/lib/store";

export const dynamic = "force-dynamic";

/** One section's feed: `/section/<slug>/rss.xml`. */
export async function GET(_req: Request, { params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale, slug } = await params;
  const store = await getStore();
  // The proxy asked the same resolver first (lib/routing/routes/table.ts).
  const section = (await resolveSectionRss(store, slug))?.section;
  if (!section || !hasLocale(routing.locales, locale)) return notFoundText();
  const [t, { site, sectionBySlug }] = await Promise.all([getTranslations({ locale, namespace: "feeds" }), store.catalog()]);
  const channel = {
    title: t("section", { name: section.name, site: site.name }),
    description: t("sectionDescription", { genitive: section.genitive, site: site.name }),
    pagePath: sectionPath(slug),
    feedPath: sectionRssPath(slug),
    language: localeFormats[locale].htmlLang,
  };
  const articles = await store.list({ section: slug }, Date.now(), { offset: 0, limit: RSS_SIZE });
  return xmlResponse(rssXml(channel, await withBodies(articles), sectionBySlug, siteUrl()), "application/rss+xml");
}
