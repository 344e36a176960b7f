import { getTranslations } from "next-intl/server";
import { hasLocale } from "next-intl";
import { routing } from "@/i18n/routing";
import { withBodies } from "@/lib/content/store";
import { localeFormats } from "@/lib/i18n/locales";
import { resolveSourceRss } from "@/lib/routing/routes/source";
import { RSS_SIZE, rssXml } from "@/lib/seo/feeds";
import { siteUrl, sourcePath, sourceRssPath } from "@/lib/seo/urls";
import { notFoundText, xmlResponse } from "@/lib/seo/xml-response";
import { getStore } from "@/lib/store";

export const dynamic = "force-dynamic";

/** One partner's feed, `/source/<id>/rss.xml`: built as a section's is, from the partner's list. */
export async function GET(_req: Request, { params }: { params: Promise<{ locale: string; id: string }> }) {
  const { locale, id } = await params;
  const store = await getStore();
  const now = Date.now();
  // The proxy asked the same resolver first (lib/routing/routes/table.ts).
  const source = (await resolveSourceRss(store, id, now))?.source;
  if (!source || !hasLocale(routing.locales, locale)) return notFoundText();
  const [t, { site, sectionBySlug }] = await Promise.all([getTranslations({ locale, namespace: "feeds" }), store.catalog()]);
  const channel = {
    title: t("source", { name: source.name, site: site.name }),
    description: t("sourceDescription", { name: source.name, site: site.name }),
    pagePath: sourcePath(source.id),
    feedPath: sourceRssPath(source.id),
    language: localeFormats[locale].htmlLang,
  };
  const articles = await store.list({ source: source.id }, now, { offset: 0, limit: RSS_SIZE });
  return xmlResponse(rssXml(channel, await withBodies(articles), sectionBySlug, siteUrl()), "application/rss+xml");
}
